import { useId, useRef, useState } from 'react';
import { ApiError, NetworkError } from '../../api/errors';
import { formatNumber } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { Button, ProgressBar } from '../../ui';
import { useUpload } from './studio-common';
import type { MediaDto } from './studio-api';
import { useStudioTranslation } from './studio-i18n';

export interface MediaUploadProps {
  label: string;
  /** `accept` for the file picker (a hint only: the API checks the bytes). */
  accept?: string;
  /** The file already chosen, if any (its id). */
  mediaId: string | null;
  onUploaded: (media: MediaDto) => void;
  onRemove?: () => void;
}

type State = { kind: 'idle' } | { kind: 'uploading'; fraction: number; name: string } | { kind: 'done'; name: string } | { kind: 'failed'; error: unknown };

/**
 * A file picker that uploads at once, with a progress bar and a cancel button. On 413/415 the
 * API's own message (problem+json, in the user's language) is shown under the picker.
 */
export function MediaUpload({ label, accept, mediaId, onUploaded, onRemove }: MediaUploadProps) {
  const { t, i18n } = useStudioTranslation();
  const upload = useUpload();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const controller = useRef<AbortController | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });

  const start = async (file: File) => {
    const abort = new AbortController();
    controller.current = abort;
    setState({ kind: 'uploading', fraction: 0, name: file.name });
    try {
      const media = await upload(file, (fraction) => setState({ kind: 'uploading', fraction, name: file.name }), abort.signal);
      setState({ kind: 'done', name: file.name });
      onUploaded(media);
    } catch (error) {
      setState(error instanceof DOMException && error.name === 'AbortError' ? { kind: 'idle' } : { kind: 'failed', error });
    } finally {
      controller.current = null;
      if (input.current) input.current.value = '';
    }
  };

  const errorText = (error: unknown) => {
    if (error instanceof ApiError && error.problem) return error.problem.title;
    if (error instanceof ApiError && error.status === 413) return t('upload.tooLarge');
    if (error instanceof NetworkError) return t('upload.offline');
    return t('upload.failed');
  };

  return (
    <div className="studio-upload">
      <label htmlFor={id} className="ui-field__label studio-upload__label">
        {label}
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        accept={accept}
        className="studio-upload__input"
        aria-describedby={state.kind === 'failed' ? `${id}-error` : undefined}
        disabled={state.kind === 'uploading'}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) void start(file);
        }}
      />
      {state.kind === 'uploading' && (
        <div className="studio-upload__progress">
          <ProgressBar
            label={t('upload.progress', { name: state.name })}
            value={Math.round(state.fraction * 100)}
            valueLabel={`${formatNumber(Math.round(state.fraction * 100), currentLocale(i18n))} %`}
          />
          <Button variant="secondary" onPress={() => controller.current?.abort()}>
            {t('upload.cancel')}
          </Button>
        </div>
      )}
      {state.kind === 'failed' && (
        <p id={`${id}-error`} className="ui-field__error" role="alert" lang={state.error instanceof ApiError ? (state.error.language ?? undefined) : undefined}>
          {errorText(state.error)}
        </p>
      )}
      {state.kind !== 'uploading' && mediaId && (
        <p className="studio-upload__current" role={state.kind === 'done' ? 'status' : undefined}>
          {state.kind === 'done' ? t('upload.done', { name: state.name }) : t('upload.current')}
          {onRemove && (
            <>
              {' '}
              <Button variant="secondary" onPress={onRemove}>
                {t('upload.remove')}
              </Button>
            </>
          )}
        </p>
      )}
    </div>
  );
}
