import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title';
import { ComponentShowcase } from './component-showcase';
import { DataShowcase } from './data-showcase';
import './design-system-page.css';

/**
 * `/ui`: every component with realistic th/en/vi content. It is the guide for new screens and
 * the page the e2e accessibility check (axe) runs on, so every component gets checked.
 */
export function DesignSystemPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('designSystem.documentTitle'));
  return (
    <div className="page ds">
      <h1>{t('designSystem.title')}</h1>
      <p className="page__intro">{t('designSystem.intro')}</p>
      <ComponentShowcase />
      <DataShowcase />
    </div>
  );
}

export default DesignSystemPage;
