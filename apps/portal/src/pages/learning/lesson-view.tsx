import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { VIDEO_COMPLETION_PERCENT } from '@baanrian/contracts';
import { ApiError } from '../../api/errors';
import { formatDate, formatNumber } from '../../i18n/format';
import { Button, Link, ProgressBar } from '../../ui';
import { formatTime } from '../catalog/format-time';
import { mediaUrl, type PlayerLessonContentDto, type PlayerLessonDto, type ProgressStatus } from './learning-api';
import { learningKeys, useLearningApi, useLocale } from './learning-common';
import { useLearningTranslation } from './learning-i18n';
import { recordProgress } from './progress-sync';

/** False for someone who is not a learner here (an instructor viewing the course): nothing is recorded. */
const Recording = createContext(true);
export const RecordingProvider = Recording.Provider;
const ignore = () => undefined;
const useRecord = () => (useContext(Recording) ? recordProgress : ignore);

interface LessonViewProps {
  lesson: PlayerLessonDto;
  courseId: string;
  lang?: string;
  sequential: boolean;
  status: { status: ProgressStatus; percent: number };
}

/** One lesson in the player: its content by type, and how it gets done. */
export function LessonView({ lesson, courseId, lang, sequential, status }: LessonViewProps) {
  const { t } = useLearningTranslation();
  return (
    <article className="lesson" aria-labelledby="lesson-title">
      <h2 id="lesson-title" lang={lang}>
        {lesson.title}
      </h2>
      <p className="lesson__meta">
        {t(`lessonType.${lesson.type}`)}
        {lesson.durationMinutes !== null && <> · {t('player.minutes', { count: lesson.durationMinutes })}</>}
        {' · '}
        {lesson.required ? t('player.required') : t('player.optional')}
        {' · '}
        <strong>{t(`player.state.${status.status}`)}</strong>
      </p>
      {lesson.locked || !lesson.content ? (
        <div className="learning-box lesson__locked">
          <p>{sequential ? t('player.lockedSequential') : t('player.lockedOther')}</p>
        </div>
      ) : (
        <LessonBody lesson={lesson} content={lesson.content} courseId={courseId} lang={lang} status={status} />
      )}
    </article>
  );
}

type WithContent = { lesson: PlayerLessonDto; content: PlayerLessonContentDto; courseId: string; lang?: string };

function LessonBody({ lesson, content, courseId, lang, status }: WithContent & { status: LessonViewProps['status'] }) {
  const done = status.status === 'completed';
  switch (lesson.type) {
    case 'text':
      return <TextLesson lessonId={lesson.id} courseId={courseId} bodyHtml={content.bodyHtml ?? ''} lang={lang} done={done} />;
    case 'video':
      return <VideoLesson lesson={lesson} content={content} courseId={courseId} lang={lang} percent={status.percent} />;
    case 'file':
    case 'link':
      return <ResourceLesson lesson={lesson} content={content} courseId={courseId} lang={lang} done={done} />;
    case 'live_session':
    case 'onsite_session':
      return <SessionLesson lesson={lesson} courseId={courseId} lang={lang} done={done} />;
    case 'quiz':
      return content.quizId ? <QuizLessonLink quizId={content.quizId} title={lesson.title} lang={lang} /> : <QuizPlaceholder />;
  }
}

function TextLesson({ lessonId, courseId, bodyHtml, lang, done }: { lessonId: string; courseId: string; bodyHtml: string; lang?: string; done: boolean }) {
  // Viewing a text lesson completes it (the contract): recorded once, when it opens.
  const record = useRecord();
  const recorded = useRef(done);
  useEffect(() => {
    if (recorded.current) return;
    recorded.current = true;
    record({ lessonId, courseId, completed: true });
  }, [lessonId, courseId, record]);
  // Sanitised by the API (an allow-list of tags): no script survives.
  return <div className="lesson__text" lang={lang} dangerouslySetInnerHTML={{ __html: bodyHtml }} />;
}

const SEND_EVERY_SECONDS = 10;

function VideoLesson({ lesson, content, courseId, lang, percent }: WithContent & { percent: number }) {
  const { t } = useLearningTranslation();
  const locale = useLocale();
  const video = useRef<HTMLVideoElement>(null);
  // The furthest point reached by playing (a jump ahead does not count as watching), in seconds.
  const watched = useRef(0);
  const previous = useRef(0);
  const lastSent = useRef(0);
  const [shown, setShown] = useState(percent);
  const record = useRecord();
  const src = content.videoSource === 'upload' && content.mediaId ? mediaUrl(content.mediaId) : (content.url ?? '');

  const send = () => {
    const element = video.current;
    if (!element || !Number.isFinite(element.duration) || element.duration <= 0) return;
    const reached = Math.min(100, Math.round((watched.current / element.duration) * 100));
    lastSent.current = element.currentTime;
    setShown((old) => Math.max(old, reached));
    record({ lessonId: lesson.id, courseId, percent: reached, positionSeconds: Math.floor(element.currentTime) });
  };
  const sendRef = useRef(send);
  sendRef.current = send;

  // Leaving the lesson or hiding the page saves where the learner was.
  useEffect(() => {
    const onHide = () => document.visibilityState === 'hidden' && sendRef.current();
    document.addEventListener('visibilitychange', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      if (video.current && video.current.currentTime > 0) sendRef.current();
    };
  }, []);

  const done = Math.max(shown, percent) >= VIDEO_COMPLETION_PERCENT;
  return (
    <div className="lesson__video">
      <video
        ref={video}
        controls
        preload="metadata"
        playsInline
        src={src}
        className="lesson__player"
        aria-label={t('player.videoLabel', { title: lesson.title })}
        onLoadedMetadata={(event) => {
          const start = lesson.progress.positionSeconds ?? 0;
          const element = event.currentTarget;
          if (start > 0 && start < element.duration - 1) element.currentTime = start;
          previous.current = element.currentTime;
          lastSent.current = element.currentTime;
          watched.current = Math.max(watched.current, (lesson.progress.percent / 100) * element.duration);
        }}
        onTimeUpdate={(event) => {
          const element = event.currentTarget;
          const step = element.currentTime - previous.current;
          if (step > 0 && step < 2 && previous.current <= watched.current + 2) watched.current = Math.max(watched.current, element.currentTime);
          previous.current = element.currentTime;
          if (Math.abs(element.currentTime - lastSent.current) >= SEND_EVERY_SECONDS) send();
        }}
        onPause={send}
        onEnded={send}
      >
        {content.captions.map((track) => (
          <track key={track.mediaId} kind="captions" src={mediaUrl(track.mediaId)} srcLang={track.language} label={track.label} default={track.language === locale} />
        ))}
      </video>
      {content.videoSource === 'url' && content.url && (
        <p>
          <a href={content.url} target="_blank" rel="noopener noreferrer">
            {t('player.openVideo')}
            <span className="visually-hidden"> {t('player.opensNewTab')}</span>
          </a>
        </p>
      )}
      <ProgressBar label={t('player.watched')} value={Math.max(shown, percent)} />
      <p className="learning-hint">{done ? t('player.videoDone') : t('player.videoRule', { percent: formatNumber(VIDEO_COMPLETION_PERCENT, locale) })}</p>
      {content.transcript ? (
        <details className="lesson__transcript">
          <summary>{t('player.transcript')}</summary>
          <div lang={lang}>{content.transcript}</div>
        </details>
      ) : (
        <p className="learning-hint">{t('player.noTranscript')}</p>
      )}
    </div>
  );
}

function ResourceLesson({ lesson, content, courseId, lang, done }: WithContent & { done: boolean }) {
  const { t } = useLearningTranslation();
  const recording = useContext(Recording);
  const href = lesson.type === 'file' ? (content.mediaId ? mediaUrl(content.mediaId) : '') : (content.url ?? '');
  return (
    <div className="lesson__resource">
      {content.description && <p lang={lang}>{content.description}</p>}
      <p>
        {lesson.type === 'file' ? (
          <a href={href} download>
            {t('player.download', { title: lesson.title })}
          </a>
        ) : (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {t('player.openLink', { title: lesson.title })}
            <span className="visually-hidden"> {t('player.opensNewTab')}</span>
          </a>
        )}
      </p>
      {done ? (
        <p className="lesson__done">{t('player.markedDone')}</p>
      ) : (
        recording && <Button onPress={() => recordProgress({ lessonId: lesson.id, courseId, completed: true })}>{t('player.markDone')}</Button>
      )}
    </div>
  );
}

const JOIN_EARLY_MS = 15 * 60_000;

function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function SessionLesson({ lesson, courseId, lang, done }: { lesson: PlayerLessonDto; courseId: string; lang?: string; done: boolean }) {
  const { t } = useLearningTranslation();
  const locale = useLocale();
  const api = useLearningApi();
  const queryClient = useQueryClient();
  const now = useNow();
  const startsAt = lesson.startsAt ?? '';
  const endsAt = lesson.endsAt ?? '';
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  const join = useMutation({
    mutationFn: () => api.join(lesson.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: learningKeys.player(courseId) }),
  });
  const joinable = now >= start - JOIN_EARLY_MS && now <= end;
  const ended = now > end;

  return (
    <div className="lesson__session">
      {lesson.startsAt && lesson.endsAt && (
        <p>
          <strong>{t('player.when')}:</strong> <span className="nowrap">{formatDate(startsAt, locale)}</span>{' '}
          <span className="nowrap">
            {formatTime(startsAt, locale)}–{formatTime(endsAt, locale)}
          </span>
        </p>
      )}
      {lesson.type === 'onsite_session' ? (
        <>
          <p>
            <strong>{t('player.venue')}:</strong> <span lang={lang}>{lesson.venue}</span>
          </p>
          {lesson.address && <p lang={lang}>{lesson.address}</p>}
          {lesson.mapUrl && (
            <p>
              <a href={lesson.mapUrl} target="_blank" rel="noopener noreferrer">
                {t('player.map', { venue: lesson.venue ?? '' })}
                <span className="visually-hidden"> {t('player.opensNewTab')}</span>
              </a>
            </p>
          )}
          <p className="learning-hint">{done ? t('player.attended') : t('player.checkInHint')}</p>
        </>
      ) : (
        <>
          {done && <p className="lesson__done">{t('player.attended')}</p>}
          {join.data ? (
            <p>
              <a href={join.data.meetingUrl} target="_blank" rel="noopener noreferrer" className="ui-link ui-button ui-button--primary">
                {t('player.openMeeting')}
                <span className="visually-hidden"> {t('player.opensNewTab')}</span>
              </a>
            </p>
          ) : joinable ? (
            <Button isPending={join.isPending} onPress={() => !join.isPending && join.mutate()}>
              {t('player.join')}
            </Button>
          ) : (
            <p className="learning-hint">{ended ? t('player.sessionEnded') : t('player.joinOpens', { minutes: 15 })}</p>
          )}
          {join.error && (
            <p role="alert" className="learning-error" lang={join.error instanceof ApiError ? (join.error.language ?? undefined) : undefined}>
              {join.error instanceof ApiError && join.error.problem ? join.error.problem.title : t('errors.generic')}
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** A quiz lesson opens the quiz screens (pages/quiz: overview, attempt, result); completion follows the grade. */
function QuizLessonLink({ quizId, title, lang }: { quizId: string; title: string; lang?: string }) {
  const { t } = useLearningTranslation();
  return (
    <div className="learning-box">
      <Link variant="button" href={`/learning/quizzes/${encodeURIComponent(quizId)}`}>
        {t('player.openQuiz')}{' '}
        <span className="visually-hidden" lang={lang}>
          {title}
        </span>
      </Link>
    </div>
  );
}

function QuizPlaceholder() {
  const { t } = useLearningTranslation();
  return (
    <div className="learning-box">
      <p>{t('player.quizSoon')}</p>
    </div>
  );
}
