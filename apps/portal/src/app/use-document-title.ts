import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets `<title>` to "<page> · บ้านเรียน Baanrian", following the UI language. */
export function useDocumentTitle(pageTitle: string): void {
  const { t } = useTranslation();
  const siteName = `${t('brand.native')} ${t('brand.latin')}`;
  useEffect(() => {
    document.title = `${pageTitle} · ${siteName}`;
  }, [pageTitle, siteName]);
}
