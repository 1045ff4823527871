import { useEffect, useId, useRef, useState } from 'react';
import { CERTIFICATE_IMAGE_MAX_BYTES, CERTIFICATE_IMAGE_TYPES } from '@baanrian/contracts';
import { ApiError, NetworkError } from '../../api/errors';
import { useSessionStore } from '../../auth/session-context';
import { currentLocale } from '../../i18n/i18n';
import { Button } from '../../ui';
import { mediaUrl, uploadMedia } from '../studio/studio-api';
import { useCredentialsTranslation } from './credentials-i18n';

export interface TemplateImageFieldProps {
  /** "Logo", "Signature of …": the file picker's label. */
  label: string;
  mediaId: string | null | undefined;
  onChange: (mediaId: string | null) => void;
}

type State = { kind: 'idle' } | { kind: 'uploading'; name: string } | { kind: 'failed'; message: string; lang?: string };

const MAX_MEGABYTES = CERTIFICATE_IMAGE_MAX_BYTES / (1024 * 1024);
const isCertificateImage = (type: string): boolean => (CERTIFICATE_IMAGE_TYPES as readonly string[]).includes(type);

/**
 * A logo or signature for a certificate template: a PNG or JPEG up to 2 MB (the same rule the API
 * applies; the PDF embeds it in every certificate), uploaded through media storage at once, shown
 * as a thumbnail, removable. The template keeps only the media id.
 */
export function TemplateImageField({ label, mediaId, onChange }: TemplateImageFieldProps) {
  const { t, i18n } = useCredentialsTranslation();
  const session = useSessionStore();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const controller = useRef<AbortController | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  useEffect(() => () => controller.current?.abort(), []);

  const choose = async (file: File) => {
    // Checked here first so nobody waits for an upload the template would refuse.
    if (!isCertificateImage(file.type)) return setState({ kind: 'failed', message: t('admin.templates.images.wrongType') });
    if (file.size > CERTIFICATE_IMAGE_MAX_BYTES) return setState({ kind: 'failed', message: t('admin.templates.images.tooLarge', { max: MAX_MEGABYTES }) });
    const abort = new AbortController();
    controller.current = abort;
    setState({ kind: 'uploading', name: file.name });
    try {
      const media = await uploadMedia(file, {
        signal: abort.signal,
        token: () => session.accessToken(),
        refresh: () => session.refresh(),
        language: () => currentLocale(i18n),
      });
      setState({ kind: 'idle' });
      onChange(media.id);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      if (error instanceof ApiError && error.problem) setState({ kind: 'failed', message: error.problem.title, lang: error.language ?? undefined });
      else setState({ kind: 'failed', message: t(error instanceof NetworkError ? 'admin.templates.images.offline' : 'admin.templates.images.failed') });
    } finally {
      controller.current = null;
      if (input.current) input.current.value = '';
    }
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="template-image">
      <label htmlFor={id} className="ui-field__label">
        {label}
      </label>
      <p id={hintId} className="template-image__hint">
        {t('admin.templates.images.hint', { max: MAX_MEGABYTES })}
      </p>
      {mediaId && <img className="template-image__thumb" src={mediaUrl(mediaId)} alt={t('admin.templates.images.current', { label })} />}
      <input
        ref={input}
        id={id}
        type="file"
        accept={CERTIFICATE_IMAGE_TYPES.join(',')}
        className="template-image__input"
        aria-describedby={state.kind === 'failed' ? `${hintId} ${errorId}` : hintId}
        disabled={state.kind === 'uploading'}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) void choose(file);
        }}
      />
      {state.kind === 'uploading' && <p role="status">{t('admin.templates.images.uploading', { name: state.name })}</p>}
      {state.kind === 'failed' && (
        <p id={errorId} className="ui-field__error" role="alert" lang={state.lang}>
          {state.message}
        </p>
      )}
      {mediaId && state.kind !== 'uploading' && (
        <Button variant="secondary" onPress={() => onChange(null)}>
          {t('admin.templates.images.remove', { label })}
        </Button>
      )}
    </div>
  );
}
