import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title';
import { ComfortSettingsForm } from '../../settings/comfort-settings-form';

/** `/settings`: the comfort settings as a page, for learners who look for them in the menu. */
export function SettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('settings.documentTitle'));
  return (
    <div className="page">
      <h1>{t('settings.title')}</h1>
      <p className="page__intro">{t('settings.intro')}</p>
      <ComfortSettingsForm />
    </div>
  );
}

export default SettingsPage;
