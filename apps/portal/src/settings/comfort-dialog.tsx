import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/dialog';
import { ComfortSettingsForm } from './comfort-settings-form';

/** The header's "Text size" dialog: the same controls as the settings page, from any page. */
export function ComfortDialog({ isOpen, onOpenChange }: { isOpen: boolean; onOpenChange: (isOpen: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('shell.comfortTitle')} isOpen={isOpen} onOpenChange={onOpenChange}>
      <ComfortSettingsForm />
    </Dialog>
  );
}

export default ComfortDialog;
