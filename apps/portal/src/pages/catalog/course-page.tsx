import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogCoursePage } from '@baanrian/api-client';
import { isTargetGroup, thaiFiscalYear, type Locale } from '@baanrian/contracts';
import { ApiError } from '../../api/errors';
import { useCoursePage } from '../../api/courses';
import { useDocumentTitle } from '../../app/use-document-title';
import { currentLocale } from '../../i18n/i18n';
import { useReachBeacon } from '../../reach/use-reach-beacon';
import { Link } from '../../routing/link';
import { useLocation } from '../../routing/location';
import { ErrorState, LoadingState } from '../../ui/states';
import { languageName, localized } from '../home/course-card';
import { useCoursePageTranslation as useCatalogTranslation } from './course-page-i18n';
import { DateWithFiscalYear } from './fiscal-date';
import { formatTime } from './format-time';
import { ShareButtons } from './share-buttons';
import './course-page.css';

/** The slug of `/courses/{slug}`. */
export const slugFromPath = (pathname: string): string => {
  const raw = pathname.replace(/^\/courses\//, '').replace(/\/+$/, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

// The learner's enrol box (pages/learning, issue 7): its own chunk, mounted after hydration, so the
// server-rendered page and its first paint stay as they were.
const EnrolPanel = lazy(() => import('../learning/enrol-panel'));

function EnrolBox({ courseId, format }: { courseId: string; format: string }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return null;
  return (
    <Suspense fallback={null}>
      <EnrolPanel courseId={courseId} format={format} />
    </Suspense>
  );
}

type Session = NonNullable<CatalogCoursePage['modules'][number]['lessons'][number]['session']> & { title: string };

/** `/courses/{slug}`: the public, shareable course page (server-rendered by the API, then hydrated). */
export function CoursePage() {
  const { pathname } = useLocation();
  const slug = slugFromPath(pathname);
  useReachBeacon('course', slug);
  const { t } = useCatalogTranslation();
  const { t: tShared } = useTranslation();
  const { data, error, isPending, isError, isFetching, refetch } = useCoursePage(slug);
  const locale = currentLocale(useTranslation().i18n);
  useDocumentTitle(data ? localized(data.title, locale).text : isError ? t('page.notFoundTitle') : t('page.loading'));

  if (isPending) return <LoadingState label={t('page.loading')} />;
  if (isError) {
    if (error instanceof ApiError && error.status === 404) {
      return (
        <div className="course-page">
          <h1>{t('page.notFoundTitle')}</h1>
          <p>{t('page.notFoundHint')}</p>
          <p>
            <Link href="/">{t('page.back')}</Link>
          </p>
        </div>
      );
    }
    return <ErrorState title={tShared('errors.heading')} error={error} retrying={isFetching} onRetry={() => void refetch()} />;
  }
  return <CourseView course={data} locale={locale} />;
}

function CourseView({ course, locale }: { course: CatalogCoursePage; locale: Locale }) {
  const { t } = useCatalogTranslation();
  const { t: tShared } = useTranslation();
  const title = localized(course.title, locale);
  const summary = localized(course.summary, locale);
  const description = localized(course.descriptionHtml, locale);
  const groups = course.targetGroups.filter(isTargetGroup);
  const sessions: Session[] = course.modules
    .flatMap((module) => module.lessons)
    .flatMap((lesson) => (lesson.session ? [{ ...lesson.session, title: lesson.title }] : []))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const fiscalYear = course.startsAt ? thaiFiscalYear(course.startsAt) : course.fiscalYear;

  return (
    <article className="course-page" aria-labelledby="course-title">
      <p className="course-page__back">
        <Link href="/">{t('page.back')}</Link>
      </p>
      <h1 id="course-title" lang={title.lang}>
        {title.text}
      </h1>
      {summary.text && (
        <p className="course-page__summary" lang={summary.lang}>
          {summary.text}
        </p>
      )}
      {course.coverImageUrl && <img className="course-page__cover" src={`${course.coverImageUrl}?w=960`} alt="" width={960} height={540} />}

      <EnrolBox courseId={course.id} format={course.format} />

      <dl className="course-page__facts">
        <div>
          <dt>{tShared('course.format')}</dt>
          <dd>{tShared(`format.${course.format}`)}</dd>
        </div>
        <div>
          <dt>{tShared('course.taughtIn')}</dt>
          <dd>{languageName(course.language, locale)}</dd>
        </div>
        {groups.length > 0 && (
          <div>
            <dt>{tShared('course.targetGroups')}</dt>
            <dd>{groups.map((group) => tShared(`targetGroup.${group}`)).join(', ')}</dd>
          </div>
        )}
        {course.category && (
          <div>
            <dt>{t('page.category')}</dt>
            <dd lang={localized(course.category.name, locale).lang}>{localized(course.category.name, locale).text}</dd>
          </div>
        )}
        {course.learningHours !== null && (
          <div>
            <dt>{t('page.learningHours')}</dt>
            <dd>{t('page.hours', { count: course.learningHours })}</dd>
          </div>
        )}
        {course.capacity !== null && (
          <div>
            <dt>{t('page.capacity')}</dt>
            <dd>{course.capacity}</dd>
          </div>
        )}
        {course.instructors.length > 0 && (
          <div>
            <dt>{t('page.instructors')}</dt>
            <dd>{course.instructors.map((person) => person.displayName).join(', ')}</dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="schedule-heading">
        <h2 id="schedule-heading">{t('page.schedule')}</h2>
        {course.startsAt || course.endsAt || course.enrollmentClosesAt ? (
          <dl className="course-page__facts">
            {course.enrollmentOpensAt && <DateFact label={t('page.enrollmentOpens')} value={course.enrollmentOpensAt} locale={locale} />}
            {course.enrollmentClosesAt && <DateFact label={t('page.enrollmentCloses')} value={course.enrollmentClosesAt} locale={locale} />}
            {course.startsAt && <DateFact label={t('page.starts')} value={course.startsAt} locale={locale} />}
            {course.endsAt && <DateFact label={t('page.ends')} value={course.endsAt} locale={locale} />}
          </dl>
        ) : (
          <p>{t('page.selfPaced')}</p>
        )}
        <p className="course-page__fiscal">{t('dates.fiscalYear', { year: fiscalYear })}</p>
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('page.sessions')}</h2>
        {sessions.length === 0 ? (
          <p>{t('page.noSessions')}</p>
        ) : (
          <ul className="course-page__sessions" role="list">
            {sessions.map((session, index) => (
              <li key={`${session.startsAt}-${index}`} className="session">
                <h3 className="session__title" lang={course.language}>
                  {session.title}
                </h3>
                <p className="session__when">
                  <DateWithFiscalYear value={session.startsAt} locale={locale} /> {formatTime(session.startsAt, locale)}–{formatTime(session.endsAt, locale)}
                </p>
                {session.kind === 'live_session' ? (
                  <p>{t('page.online')}</p>
                ) : (
                  <div className="session__venue">
                    <p>
                      <strong>{t('page.venue')}:</strong> <span lang={course.language}>{session.venue}</span>
                    </p>
                    {session.address && <p lang={course.language}>{session.address}</p>}
                    {session.mapUrl && (
                      <p>
                        <a href={session.mapUrl} target="_blank" rel="noopener noreferrer">
                          {t('page.map', { venue: session.venue ?? '' })}
                          <span className="visually-hidden"> {t('page.opensNewTab')}</span>
                        </a>
                      </p>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {description.text && (
        <section aria-labelledby="about-heading">
          <h2 id="about-heading">{t('page.about')}</h2>
          {/* Sanitised by the API (Markdown rendered through an allow-list): no script survives. */}
          <div className="course-page__description" lang={description.lang} dangerouslySetInnerHTML={{ __html: description.text }} />
        </section>
      )}

      {course.modules.length > 0 && (
        <section aria-labelledby="outline-heading">
          <h2 id="outline-heading">{t('page.outline')}</h2>
          <ol className="course-page__outline">
            {course.modules.map((module) => (
              <li key={module.id}>
                <h3 lang={course.language}>{module.title}</h3>
                <ol>
                  {module.lessons.map((lesson) => (
                    <li key={lesson.id}>
                      <span lang={course.language}>{lesson.title}</span>{' '}
                      <span className="course-page__lesson-meta">
                        ({t(`page.lessonType.${lesson.type}`)} · {lesson.required ? t('page.required') : t('page.optional')}
                        {lesson.durationMinutes !== null && <> · {t('page.minutes', { count: lesson.durationMinutes })}</>})
                      </span>
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        </section>
      )}

      <ShareButtons title={title.text} />
    </article>
  );
}

function DateFact({ label, value, locale }: { label: string; value: string; locale: Locale }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <DateWithFiscalYear value={value} locale={locale} />
      </dd>
    </div>
  );
}

export default CoursePage;
