import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Locale } from '@baanrian/contracts';
import { useDocumentTitle } from '../../app/use-document-title';
import { currentLocale } from '../../i18n/i18n';
import { Link } from '../../ui';
import { teachingKeys, useTeachingApi } from './teaching-common';
import { useTeachingTranslation } from './teaching-i18n';

type Text = Partial<Record<Locale, string>> | null | undefined;

/** The text in `locale`, else the course language, else any. */
export function textIn(text: Text, locale: Locale, fallback?: Locale): string {
  if (!text) return '';
  return text[locale] || (fallback ? text[fallback] : '') || text.th || text.en || text.vi || '';
}

/** The course's title in the reader's language (and that text's language), once loaded. */
export function useCourseTitle(courseId: string | null) {
  const { i18n } = useTeachingTranslation();
  const api = useTeachingApi();
  const course = useQuery({
    queryKey: teachingKeys.course(courseId ?? ''),
    queryFn: ({ signal }) => api.course(courseId ?? '', signal),
    enabled: courseId !== null,
  });
  const locale = currentLocale(i18n);
  const title = course.data ? textIn(course.data.title, locale, course.data.language) : '';
  const lang = course.data && course.data.title[locale] ? locale : course.data?.language;
  return { title, lang };
}

/**
 * The top of every teaching page: a way back, the page's name as the h1 and, under it, which
 * course (or session) it is about. The document title names both.
 */
export function TeachingHeader({ title, context, contextLang, back }: { title: string; context?: string; contextLang?: string; back?: { href: string; label: string } }) {
  useDocumentTitle(context ? `${title} · ${context}` : title);
  return (
    <header className="teaching-header">
      {back && (
        <p className="teaching-breadcrumb no-print">
          <Link href={back.href}>{back.label}</Link>
        </p>
      )}
      <h1>{title}</h1>
      {context && (
        <p className="teaching-context" lang={contextLang}>
          {context}
        </p>
      )}
    </header>
  );
}

export function PageShell({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return <div className={wide ? 'page teaching-page teaching-page--wide' : 'page teaching-page'}>{children}</div>;
}
