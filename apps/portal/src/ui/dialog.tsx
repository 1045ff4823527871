import type { ReactNode } from 'react';
import { Dialog as RACDialog, Heading, Modal, ModalOverlay, type ModalOverlayProps } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Button } from './button';
import './dialog.css';

export { DialogTrigger } from 'react-aria-components';

export interface DialogProps extends Omit<ModalOverlayProps, 'children'> {
  title: string;
  children: ReactNode;
  /** Extra actions beside "Close" (e.g. "Save"); they receive `close`. */
  actions?: (close: () => void) => ReactNode;
}

/**
 * A modal dialog: focus moves in and is trapped, Escape and the Close button close it, focus
 * returns to what opened it. Use inside <DialogTrigger> (with a Button first) or controlled
 * with `isOpen`/`onOpenChange`. Always dismissable: no learner should be stuck in a dialog.
 */
export function Dialog({ title, children, actions, isDismissable = true, ...props }: DialogProps) {
  const { t } = useTranslation();
  return (
    <ModalOverlay {...props} isDismissable={isDismissable} className="ui-modal-overlay">
      <Modal className="ui-modal">
        <RACDialog className="ui-dialog">
          {({ close }) => (
            <>
              <Heading slot="title" className="ui-dialog__title">
                {title}
              </Heading>
              <div className="ui-dialog__body">{children}</div>
              <div className="ui-dialog__actions">
                {actions?.(close)}
                <Button variant="secondary" onPress={close}>
                  {t('ui.close')}
                </Button>
              </div>
            </>
          )}
        </RACDialog>
      </Modal>
    </ModalOverlay>
  );
}
