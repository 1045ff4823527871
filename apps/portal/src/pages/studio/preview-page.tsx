import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title';
import { RequireSession } from '../../auth/require-session';
import { formatDate, formatNumber } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { useSearchParam } from '../../routing/location';
import { ErrorState, Link, LoadingState } from '../../ui';
import { courseHref, STUDIO_ROLES, STUDIO_ROUTES, studioKeys, textIn, useStudioApi } from './studio-common';
import { mediaUrl, type CoursePreviewDto } from './studio-api';
import { FiscalYear } from './studio-fields';
import { useStudioTranslation } from './studio-i18n';
import './studio.css';

const parseId = (raw: string | null): string | null => (raw && /^[\w-]{1,64}$/.test(raw) ? raw : null);

/** `/studio/preview?id=…`: the draft as learners would see it on the course page (built by the API, never stored). */
export default function PreviewPage() {
  return (
    <RequireSession roles={STUDIO_ROLES}>
      <Preview />
    </RequireSession>
  );
}

function Preview() {
  const { t, i18n } = useStudioTranslation();
  const api = useStudioApi();
  const [id] = useSearchParam('id', parseId);
  const preview = useQuery({ queryKey: studioKeys.preview(id ?? ''), queryFn: ({ signal }) => api.preview(id ?? '', signal), enabled: id !== null, staleTime: 0 });
  const locale = currentLocale(i18n);
  const title = preview.data ? textIn(preview.data.title, locale, preview.data.language) : t('preview.title');
  useDocumentTitle(t('preview.documentTitle', { title }));

  if (id === null || preview.isError) {
    return (
      <div className="page studio-page">
        <h1>{t('preview.title')}</h1>
        <ErrorState title={t('preview.loadFailed')} error={preview.error} onRetry={id ? () => void preview.refetch() : undefined} />
        <Link href={STUDIO_ROUTES.courses}>{t('editor.back')}</Link>
      </div>
    );
  }
  if (preview.isPending) return <LoadingState label={t('preview.loading')} />;
  return <CoursePreview course={preview.data} />;
}

function CoursePreview({ course }: { course: CoursePreviewDto }) {
  const { t, i18n } = useStudioTranslation();
  const { t: tc } = useTranslation();
  const locale = currentLocale(i18n);
  const text = (value: CoursePreviewDto['title']) => textIn(value, locale, course.language);
  const when = (iso: string | null) =>
    iso ? (
      <>
        <time dateTime={iso}>{formatDate(iso, locale)}</time> <FiscalYear date={iso} />
      </>
    ) : null;
  const cover = course.coverMediaId ? `${mediaUrl(course.coverMediaId)}?w=640` : null;

  return (
    <article className="page studio-page studio-preview">
      <p className="studio-preview__banner" role="note">
        {t('preview.banner')} <Link href={courseHref(course.courseId)}>{t('preview.backToEditor')}</Link>
      </p>
      {cover && <img className="studio-preview__cover" src={cover} alt="" width={640} height={360} />}
      <h1 lang={course.title[locale] ? locale : course.language}>{text(course.title)}</h1>
      <p className="studio-preview__summary">{text(course.summary)}</p>
      <dl className="studio-facts">
        <dt>{t('fields.format')}</dt>
        <dd>{tc(`format.${course.format}`)}</dd>
        <dt>{t('fields.targetGroups')}</dt>
        <dd>{course.targetGroups.map((g) => tc(`targetGroup.${g}`)).join(', ')}</dd>
        {course.startsAt && (
          <>
            <dt>{t('fields.startsAt')}</dt>
            <dd>{when(course.startsAt)}</dd>
          </>
        )}
        {course.endsAt && (
          <>
            <dt>{t('fields.endsAt')}</dt>
            <dd>{when(course.endsAt)}</dd>
          </>
        )}
        {course.learningHours !== null && (
          <>
            <dt>{t('fields.learningHours')}</dt>
            <dd>{formatNumber(course.learningHours, locale)}</dd>
          </>
        )}
        {course.capacity !== null && (
          <>
            <dt>{t('fields.capacity')}</dt>
            <dd>{formatNumber(course.capacity, locale)}</dd>
          </>
        )}
        {course.instructors.length > 0 && (
          <>
            <dt>{t('preview.instructors')}</dt>
            <dd>{course.instructors.join(', ')}</dd>
          </>
        )}
      </dl>
      {/* HTML rendered by the API through its allow-list (markdown.renderer.ts). */}
      <div className="studio-rich-text" lang={course.language} dangerouslySetInnerHTML={{ __html: text(course.descriptionHtml) }} />
      <h2>{t('preview.outline')}</h2>
      <ol className="studio-modules">
        {course.modules.map((module) => (
          <li key={module.id} className="studio-module">
            <h3 className="studio-module__title">{module.title}</h3>
            <ol className="studio-lessons">
              {module.lessons.map((lesson) => (
                <li key={lesson.id} className="studio-lesson">
                  <span className="studio-lesson__text">
                    <span className="studio-lesson__title">{lesson.title}</span>
                    <span className="studio-lesson__meta">
                      {t(`lessonType.${lesson.type}`)} · {lesson.required ? t('lesson.required') : t('lesson.optional')}
                      {lesson.durationMinutes !== null && <> · {t('preview.minutes', { count: lesson.durationMinutes, formatted: formatNumber(lesson.durationMinutes, locale) })}</>}
                    </span>
                    {(lesson.type === 'live_session' || lesson.type === 'onsite_session') && <SessionInfo lesson={lesson} />}
                  </span>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </article>
  );
}

function SessionInfo({ lesson: content }: { lesson: CoursePreviewDto['modules'][number]['lessons'][number] }) {
  const { t, i18n } = useStudioTranslation();
  const locale = currentLocale(i18n);
  const time = (iso: string | null) => (iso ? new Intl.DateTimeFormat(locale === 'th' ? 'th-TH-u-ca-buddhist' : locale === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Bangkok' }).format(new Date(iso)) : '');
  return (
    <span className="studio-session">
      {content.startsAt && (
        <span>
          {t('preview.when', { start: time(content.startsAt), end: time(content.endsAt) })} <FiscalYear date={content.startsAt} />
        </span>
      )}
      {content.type === 'onsite_session' && content.venue && (
        <span>
          {content.venue}
          {content.address ? `, ${content.address}` : ''}
          {content.mapUrl && (
            <>
              {' · '}
              <Link href={content.mapUrl} target="_blank" rel="noopener noreferrer">
                {t('preview.map')}
              </Link>
            </>
          )}
        </span>
      )}
    </span>
  );
}
