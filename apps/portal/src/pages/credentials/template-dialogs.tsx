import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/errors';
import { Button, Dialog } from '../../ui';
import { showToast } from '../../ui/toast-queue';
import { credentialKeys, type TemplateDto } from './credentials-api';
import { useCredentialsApi } from './credentials-common';
import { useCredentialsTranslation } from './credentials-i18n';

/** "Reissue certificates": every certificate of the template printed again at its current version. */
export function ReissueDialog({ template, onClose }: { template: TemplateDto; onClose: () => void }) {
  const { t } = useCredentialsTranslation();
  const api = useCredentialsApi();
  const reissue = useMutation({
    mutationFn: () => api.reissue(template.id),
    onSuccess: () => {
      showToast({ title: t('admin.templates.reissued'), variant: 'success' });
      onClose();
    },
    onError: () => showToast({ title: t('admin.saveError'), variant: 'error' }),
  });
  return (
    <Dialog
      title={t('admin.templates.reissue')}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      actions={() => (
        <Button isPending={reissue.isPending} onPress={() => reissue.mutate()}>
          {t('admin.templates.reissueConfirm')}
        </Button>
      )}
    >
      <p>{t('admin.templates.reissueBody', { version: template.version })}</p>
    </Dialog>
  );
}

/**
 * Deleting a template. The API refuses the default one and one that printed certificates (their
 * serials must stay verifiable); its reason is shown in the dialog, in the API's language.
 */
export function DeleteTemplateDialog({ template, onClose }: { template: TemplateDto; onClose: () => void }) {
  const { t } = useCredentialsTranslation();
  const api = useCredentialsApi();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.deleteTemplate(template.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: credentialKeys.templates() });
      showToast({ title: t('admin.templates.deleted'), variant: 'success' });
      onClose();
    },
  });
  const problem = remove.error instanceof ApiError ? remove.error.problem : null;
  return (
    <Dialog
      title={t('admin.templates.deleteTitle', { name: template.name })}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      actions={() => (
        <Button isPending={remove.isPending} onPress={() => remove.mutate()}>
          {t('admin.templates.deleteConfirm')}
        </Button>
      )}
    >
      <p>{t('admin.templates.deleteBody')}</p>
      {remove.isError && (
        <p className="ui-field__error" role="alert" lang={problem && remove.error instanceof ApiError ? (remove.error.language ?? undefined) : undefined}>
          {problem?.title ?? t('admin.saveError')}
        </p>
      )}
    </Dialog>
  );
}
