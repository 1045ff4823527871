import { useTranslation } from 'react-i18next';
import type { TargetGroup } from '@baanrian/contracts';
import { useCourses } from '../../api/courses';
import { ApiError, NetworkError } from '../../api/errors';
import { CourseCard } from './course-card';

function ErrorNotice({ error, onRetry, retrying }: { error: Error; onRetry: () => void; retrying: boolean }) {
  const { t } = useTranslation();
  const problem = error instanceof ApiError ? error.problem : null;
  return (
    <div className="notice notice--error" role="alert">
      <h2 className="notice__title">{t('errors.heading')}</h2>
      {problem ? (
        <p lang={error instanceof ApiError ? (error.language ?? undefined) : undefined}>{problem.title}</p>
      ) : (
        <p>{error instanceof NetworkError ? t('errors.offline') : t('errors.generic')}</p>
      )}
      {problem?.requestId && <p className="notice__reference">{t('errors.reference', { id: problem.requestId })}</p>}
      <button type="button" className="button" onClick={onRetry} aria-disabled={retrying || undefined}>
        {t('errors.retry')}
      </button>
    </div>
  );
}

export function CourseResults({ targetGroup }: { targetGroup: TargetGroup | null }) {
  const { t } = useTranslation();
  const { data, error, isPending, isError, isFetching, refetch } = useCourses(targetGroup);

  let status = '';
  if (isFetching) status = t('results.loading');
  else if (data && data.items.length > 0) {
    status =
      data.items.length < data.total
        ? t('results.partial', { count: data.total, shown: data.items.length })
        : t('results.count', { count: data.total });
  }

  return (
    <section className="results" aria-busy={isFetching}>
      {/* Always rendered, so screen readers hear each change of count. */}
      <p className="results__status" role="status" aria-live="polite">
        {status}
      </p>
      {isError ? (
        <ErrorNotice
          error={error}
          retrying={isFetching}
          onRetry={() => {
            if (!isFetching) void refetch();
          }}
        />
      ) : isPending ? null : data.items.length === 0 ? (
        <div className="notice">
          <h2 className="notice__title">{targetGroup ? t('results.emptyTitle') : t('results.emptyTitleAll')}</h2>
          <p>{t('results.emptyHint')}</p>
        </div>
      ) : (
        <ul className="course-list" role="list">
          {data.items.map((course) => (
            <li key={course.id}>
              <CourseCard course={course} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
