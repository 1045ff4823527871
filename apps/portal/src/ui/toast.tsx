import {
  Button as RACButton,
  Text,
  UNSTABLE_Toast as RACToast,
  UNSTABLE_ToastContent as ToastContent,
  UNSTABLE_ToastRegion as RACToastRegion,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { toastQueue, type ToastMessage } from './toast-queue';
import './toast.css';

/**
 * Where toasts appear: an F6-reachable landmark announced politely by RAC. Rendered once in the
 * layout (lazily, so RAC's toast code isn't in the first download). RAC's toast API is still
 * UNSTABLE_-prefixed; it is wrapped here so a later rename touches this file only.
 */
export function ToastRegion() {
  const { t } = useTranslation();
  return (
    <RACToastRegion queue={toastQueue} className="ui-toast-region" aria-label={t('ui.notifications')}>
      {({ toast }) => (
        <RACToast toast={toast} className={`ui-toast ui-toast--${toast.content.variant ?? 'info'}`}>
          <ToastContent className="ui-toast__content">
            <Text slot="title" className="ui-toast__title">
              {toast.content.title}
            </Text>
            {toast.content.description && (
              <Text slot="description" className="ui-toast__description">
                {toast.content.description}
              </Text>
            )}
          </ToastContent>
          <RACButton slot="close" className="ui-toast__close" aria-label={t('ui.close')}>
            <span aria-hidden="true">×</span>
          </RACButton>
        </RACToast>
      )}
    </RACToastRegion>
  );
}

export type { ToastMessage };
