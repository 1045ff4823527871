import { useEffect } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** "<page> · บ้านเรียน Baanrian"; also used by the server renderer (src/ssr). */
export const documentTitle = (t: TFunction, pageTitle: string) => `${pageTitle} · ${t('brand.native')} ${t('brand.latin')}`;

/** Sets `<title>` to "<page> · บ้านเรียน Baanrian", following the UI language. */
export function useDocumentTitle(pageTitle: string): void {
  const { t } = useTranslation();
  const title = documentTitle(t, pageTitle);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
