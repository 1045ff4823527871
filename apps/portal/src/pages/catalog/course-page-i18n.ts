import en from './locales/page/en.json';
import th from './locales/page/th.json';
import vi from './locales/page/vi.json';
import { useCatalogTranslation } from './catalog-i18n';

/** The course page's strings, merged into the `catalog` namespace when the course page's chunk loads. */
export const COURSE_PAGE_RESOURCES = { th, en, vi } as const;

export const useCoursePageTranslation = () => useCatalogTranslation(COURSE_PAGE_RESOURCES);
