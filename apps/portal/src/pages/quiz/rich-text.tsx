import type { QuestionMedia, RichText } from '@baanrian/contracts';
import { mediaUrl } from './quiz-api';
import { useQuizTranslation } from './quiz-i18n';

/**
 * Question text as text: line breaks kept, never parsed as HTML (an instructor's or an imported
 * file's markup cannot run in a learner's page). HTML stems (Moodle imports) are reduced to their
 * text; Markdown is shown as written.
 */
export function plainText(value: RichText): string {
  if (value.format !== 'html') return value.text;
  if (typeof DOMParser === 'undefined') return value.text.replace(/<[^>]*>/g, '');
  const doc = new DOMParser().parseFromString(value.text.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>/gi, '</p>\n'), 'text/html');
  return (doc.body.textContent ?? '').trim();
}

export function RichTextView({ value, className, id }: { value: RichText; className?: string; id?: string }) {
  return (
    <span id={id} className={className ? `quiz-text ${className}` : 'quiz-text'}>
      {plainText(value)}
    </span>
  );
}

/** A question's picture (resized for phones) or audio with native controls; the alt text is its transcript. */
export function QuestionMediaView({ media }: { media: QuestionMedia }) {
  const { t } = useQuizTranslation();
  if (media.kind === 'image') {
    return (
      <img
        className="quiz-media quiz-media--image"
        src={mediaUrl(media.mediaId, 720)}
        alt={media.alt ?? ''}
        loading="lazy"
        decoding="async"
      />
    );
  }
  return (
    <figure className="quiz-media quiz-media--audio">
      <audio controls preload="none" src={mediaUrl(media.mediaId)} aria-label={t('media.audio')} />
      {media.alt && (
        <details>
          <summary>{t('media.transcript')}</summary>
          <p>{media.alt}</p>
        </details>
      )}
    </figure>
  );
}
