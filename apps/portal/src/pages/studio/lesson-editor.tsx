import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { LESSON_TYPES, LOCALES, type CaptionTrack, type LessonContentByType, type LessonType } from '@baanrian/contracts';
import { useSubmit } from '../../forms/use-submit';
import { LOCALE_ENDONYMS } from '../../i18n/i18n';
import { Button, Checkbox, ErrorState, RadioGroup, TextField } from '../../ui';
import { QuizLessonPicker } from '../quiz-studio/quiz-lesson-picker';
import { MediaUpload } from './media-upload';
import { studioKeys, useStudioApi } from './studio-common';
import type { LessonBody, StudioLessonDto } from './studio-api';
import { DateTimeField, NumberTextField, parseWholeNumber } from './studio-fields';
import { useStudioTranslation } from './studio-i18n';

type Contents = { [T in LessonType]: LessonContentByType[T] };
type VideoContent = LessonContentByType['video'];

const EMPTY: Contents = {
  text: { body: '' },
  video: { source: 'url', url: '', captions: [], transcript: null },
  file: { mediaId: '', description: null },
  link: { url: '', description: null },
  live_session: { meetingUrl: '', startsAt: '', endsAt: '' },
  onsite_session: { venue: '', address: '', mapUrl: null, startsAt: '', endsAt: '', capacity: null },
  quiz: { quizId: null },
};

const isUrl = (value: string) => /^https?:\/\/\S+$/i.test(value.trim());

/** What must be filled in before saving, per type (the API validates again). */
function missing(type: LessonType, content: Contents): string[] {
  switch (type) {
    case 'text':
      return content.text.body.trim() ? [] : ['body'];
    case 'video': {
      const video = content.video;
      const captions = video.captions.every((track) => track.mediaId && track.label.trim()) ? [] : ['captions'];
      if (video.source === 'url') return [...(isUrl(video.url) ? [] : ['url']), ...captions];
      return [...(video.mediaId ? [] : ['media']), ...captions];
    }
    case 'file':
      return content.file.mediaId ? [] : ['media'];
    case 'link':
      return isUrl(content.link.url) ? [] : ['url'];
    case 'live_session': {
      const s = content.live_session;
      return [...(isUrl(s.meetingUrl) ? [] : ['meetingUrl']), ...sessionTimes(s.startsAt, s.endsAt)];
    }
    case 'onsite_session': {
      const s = content.onsite_session;
      return [...(s.venue.trim() ? [] : ['venue']), ...(s.address.trim() ? [] : ['address']), ...sessionTimes(s.startsAt, s.endsAt)];
    }
    case 'quiz':
      return [];
  }
}

function sessionTimes(startsAt: string, endsAt: string): string[] {
  if (!startsAt || !endsAt) return ['times'];
  return endsAt <= startsAt ? ['endBeforeStart'] : [];
}

/** Create or edit one lesson: its title, required/optional, and the fields of its type. */
export function LessonEditor({ courseId, moduleId, lesson, onClose }: { courseId: string; moduleId: string; lesson: StudioLessonDto | null; onClose: (message?: string) => void }) {
  const { t } = useStudioTranslation();
  const api = useStudioApi();
  const queryClient = useQueryClient();
  const [type, setType] = useState<LessonType>(lesson?.type ?? 'text');
  const [title, setTitle] = useState(lesson?.title ?? '');
  const [required, setRequired] = useState(lesson?.required ?? true);
  const [duration, setDuration] = useState(lesson?.durationMinutes == null ? '' : String(lesson.durationMinutes));
  const [contents, setContents] = useState<Contents>(() => (lesson ? { ...EMPTY, [lesson.type]: lesson.content } : EMPTY));
  const [checked, setChecked] = useState(false);
  const [savedId, setSavedId] = useState<string | null>(lesson?.id ?? null);
  const [previewHtml, setPreviewHtml] = useState<string | null>(null);
  const { errors, formError, pending, run } = useSubmit();
  const problems = checked ? [...(title.trim() ? [] : ['title']), ...missing(type, contents)] : [];
  const setContent = <T extends LessonType>(kind: T, value: Partial<LessonContentByType[T]>) =>
    setContents((current) => ({ ...current, [kind]: { ...current[kind], ...value } as LessonContentByType[T] }));

  const body = (): LessonBody => {
    const minutes = parseWholeNumber(duration);
    return { type, title: title.trim(), required, durationMinutes: minutes === 'invalid' ? null : minutes, content: contents[type] };
  };

  /** Saves; returns the lesson's id (null when something is missing or the API refused). */
  const save = async (): Promise<string | null> => {
    setChecked(true);
    if (!title.trim() || missing(type, contents).length > 0) return null;
    const result = await run(async () => {
      const saved = savedId ? await api.updateLesson(savedId, body()) : await api.createLesson(moduleId, body());
      setSavedId(saved.id);
      await queryClient.invalidateQueries({ queryKey: studioKeys.course(courseId) });
      return saved.id;
    });
    return result ?? null;
  };

  /** The Markdown as learners will see it: saved, then rendered by the API's preview (its allow-list). */
  const preview = async () => {
    const id = await save();
    if (!id) return;
    await run(async () => {
      const course = await api.preview(courseId);
      const found = course.modules.flatMap((m) => m.lessons).find((l) => l.id === id);
      // Only text lessons have a body to show; for the others, say there is nothing to preview.
      const html = found?.bodyHtml;
      setPreviewHtml(html ?? '');
    });
  };

  const fieldError = (name: string) => problems.includes(name);
  const heading = lesson ? t('lesson.editTitle', { title: lesson.title }) : t('lesson.newTitle');

  return (
    <Form
      className="studio-form studio-lesson-editor"
      aria-label={heading}
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        void save().then((id) => id && onClose(t('lesson.saved', { title: title.trim() })));
      }}
    >
      <h4 className="studio-lesson-editor__title">{heading}</h4>
      <TextField name="title" label={t('lesson.title')} value={title} onChange={setTitle} isRequired isInvalid={fieldError('title')} errorMessage={t('fields.required')} />
      {lesson ? (
        <p>
          {t('lesson.type')}: {t(`lessonType.${type}`)}
        </p>
      ) : (
        <RadioGroup label={t('lesson.type')} value={type} onChange={(value) => setType(value as LessonType)} options={LESSON_TYPES.map((kind) => ({ id: kind, label: t(`lessonType.${kind}`) }))} />
      )}
      <Checkbox isSelected={required} onChange={setRequired} description={t('lesson.requiredHint')}>
        {t('lesson.requiredLabel')}
      </Checkbox>
      <NumberTextField label={t('lesson.duration')} value={duration} onChange={setDuration} />

      {type === 'text' && (
        <>
          <TextField
            label={t('lesson.body')}
            description={t('fields.markdownHint')}
            value={contents.text.body}
            onChange={(value) => setContent('text', { body: value })}
            multiline
            isRequired
            isInvalid={fieldError('body')}
            errorMessage={t('fields.required')}
            className="ui-field studio-markdown"
          />
          <Button variant="secondary" isDisabled={pending} onPress={() => void preview()}>
            {t('lesson.preview')}
          </Button>
          {previewHtml !== null && (
            <section className="studio-preview-box" aria-label={t('lesson.previewLabel')}>
              {previewHtml ? <div className="studio-rich-text" dangerouslySetInnerHTML={{ __html: previewHtml }} /> : <p>{t('lesson.previewUnavailable')}</p>}
            </section>
          )}
        </>
      )}

      {type === 'video' && <VideoFields video={contents.video} onChange={(value) => setContents((c) => ({ ...c, video: value }))} problems={problems} />}

      {type === 'file' && (
        <>
          <MediaUpload label={t('lesson.file')} mediaId={contents.file.mediaId || null} onUploaded={(media) => setContent('file', { mediaId: media.id })} />
          {fieldError('media') && <p className="ui-field__error">{t('lesson.fileMissing')}</p>}
          <TextField label={t('lesson.description')} value={contents.file.description ?? ''} onChange={(value) => setContent('file', { description: value || null })} multiline />
        </>
      )}

      {type === 'link' && (
        <>
          <TextField label={t('lesson.url')} type="url" value={contents.link.url} onChange={(value) => setContent('link', { url: value })} isRequired isInvalid={fieldError('url')} errorMessage={t('lesson.urlInvalid')} />
          <TextField label={t('lesson.description')} value={contents.link.description ?? ''} onChange={(value) => setContent('link', { description: value || null })} multiline />
        </>
      )}

      {type === 'live_session' && (
        <>
          <TextField label={t('lesson.meetingUrl')} type="url" value={contents.live_session.meetingUrl} onChange={(value) => setContent('live_session', { meetingUrl: value })} isRequired isInvalid={fieldError('meetingUrl')} errorMessage={t('lesson.urlInvalid')} />
          <SessionTimes startsAt={contents.live_session.startsAt} endsAt={contents.live_session.endsAt} onChange={(value) => setContent('live_session', value)} problems={problems} />
        </>
      )}

      {type === 'onsite_session' && (
        <>
          <TextField label={t('lesson.venue')} value={contents.onsite_session.venue} onChange={(value) => setContent('onsite_session', { venue: value })} isRequired isInvalid={fieldError('venue')} errorMessage={t('fields.required')} />
          <TextField label={t('lesson.address')} value={contents.onsite_session.address} onChange={(value) => setContent('onsite_session', { address: value })} multiline isRequired isInvalid={fieldError('address')} errorMessage={t('fields.required')} />
          <TextField label={t('lesson.mapUrl')} type="url" value={contents.onsite_session.mapUrl ?? ''} onChange={(value) => setContent('onsite_session', { mapUrl: value || null })} />
          <SessionTimes startsAt={contents.onsite_session.startsAt} endsAt={contents.onsite_session.endsAt} onChange={(value) => setContent('onsite_session', value)} problems={problems} />
          <NumberTextField
            label={t('lesson.seats')}
            value={contents.onsite_session.capacity === null ? '' : String(contents.onsite_session.capacity)}
            onChange={(value) => {
              const seats = parseWholeNumber(value);
              setContent('onsite_session', { capacity: seats === 'invalid' ? null : seats });
            }}
          />
        </>
      )}

      {type === 'quiz' && <QuizLessonPicker courseId={courseId} quizId={contents.quiz.quizId} onChange={(quizId) => setContent('quiz', { quizId })} />}

      {checked && problems.length > 0 && (
        <p className="ui-field__error" role="alert">
          {t('lesson.fixFields')}
        </p>
      )}
      {formError ? <ErrorState title={t('lesson.saveFailed')} error={formError} headingLevel={3} /> : null}
      <div className="studio-actions">
        <Button type="submit" isDisabled={pending}>
          {t('lesson.save')}
        </Button>
        <Button variant="secondary" onPress={() => onClose()}>
          {t('lesson.cancel')}
        </Button>
      </div>
    </Form>
  );
}

function SessionTimes({ startsAt, endsAt, onChange, problems }: { startsAt: string; endsAt: string; onChange: (value: { startsAt?: string; endsAt?: string }) => void; problems: string[] }) {
  const { t } = useStudioTranslation();
  return (
    <div className="studio-dates">
      <DateTimeField label={t('lesson.startsAt')} value={startsAt || null} onChange={(value) => onChange({ startsAt: value ?? '' })} isRequired error={problems.includes('times') && !startsAt ? t('fields.required') : null} />
      <DateTimeField
        label={t('lesson.endsAt')}
        value={endsAt || null}
        onChange={(value) => onChange({ endsAt: value ?? '' })}
        isRequired
        error={problems.includes('endBeforeStart') ? t('fields.endBeforeStart') : problems.includes('times') && !endsAt ? t('fields.required') : null}
      />
    </div>
  );
}

function VideoFields({ video, onChange, problems }: { video: VideoContent; onChange: (value: VideoContent) => void; problems: string[] }) {
  const { t } = useStudioTranslation();
  const common = { captions: video.captions, transcript: video.transcript };
  const setCaptions = (captions: CaptionTrack[]) => onChange({ ...video, captions });
  return (
    <>
      <RadioGroup
        label={t('lesson.videoSource')}
        value={video.source}
        onChange={(value) => onChange(value === 'url' ? { source: 'url', url: '', ...common } : { source: 'upload', mediaId: '', ...common })}
        options={[
          { id: 'upload', label: t('lesson.videoUpload') },
          { id: 'url', label: t('lesson.videoUrl') },
        ]}
      />
      {video.source === 'url' ? (
        <TextField label={t('lesson.url')} type="url" value={video.url} onChange={(url) => onChange({ ...video, url })} isRequired isInvalid={problems.includes('url')} errorMessage={t('lesson.urlInvalid')} />
      ) : (
        <>
          <MediaUpload label={t('lesson.videoFile')} accept="video/mp4,video/webm" mediaId={video.mediaId || null} onUploaded={(media) => onChange({ ...video, mediaId: media.id })} />
          {problems.includes('media') && <p className="ui-field__error">{t('lesson.fileMissing')}</p>}
        </>
      )}
      <fieldset className="studio-fieldset">
        <legend className="ui-field__label">{t('lesson.captions')}</legend>
        {video.captions.length === 0 && <p className="studio-hint">{t('lesson.noCaptions')}</p>}
        {problems.includes('captions') && <p className="ui-field__error">{t('lesson.captionsIncomplete')}</p>}
        {video.captions.map((track, index) => (
          <CaptionRow
            key={index}
            index={index}
            track={track}
            onChange={(next) => setCaptions(video.captions.map((c, i) => (i === index ? next : c)))}
            onRemove={() => setCaptions(video.captions.filter((_, i) => i !== index))}
          />
        ))}
        <Button variant="secondary" onPress={() => setCaptions([...video.captions, { language: 'th', label: LOCALE_ENDONYMS.th, mediaId: '' }])}>
          {t('lesson.addCaptions')}
        </Button>
      </fieldset>
      <TextField label={t('lesson.transcript')} description={t('fields.markdownHint')} value={video.transcript ?? ''} onChange={(value) => onChange({ ...video, transcript: value || null })} multiline />
    </>
  );
}

function CaptionRow({ index, track, onChange, onRemove }: { index: number; track: CaptionTrack; onChange: (track: CaptionTrack) => void; onRemove: () => void }) {
  const { t } = useStudioTranslation();
  return (
    <div className="studio-caption" role="group" aria-label={t('lesson.captionTrack', { number: index + 1 })}>
      <RadioGroup
        label={t('lesson.captionLanguage')}
        orientation="horizontal"
        value={track.language}
        onChange={(language) => onChange({ ...track, language, label: track.label || LOCALE_ENDONYMS[language as 'th'] })}
        options={LOCALES.map((l) => ({ id: l, label: LOCALE_ENDONYMS[l], lang: l }))}
      />
      <TextField label={t('lesson.captionLabel')} value={track.label} onChange={(label) => onChange({ ...track, label })} />
      <MediaUpload label={t('lesson.captionFile')} accept=".vtt,text/vtt" mediaId={track.mediaId || null} onUploaded={(media) => onChange({ ...track, mediaId: media.id })} />
      <Button variant="quiet" onPress={onRemove}>
        {t('lesson.removeCaptions')}
      </Button>
    </div>
  );
}
