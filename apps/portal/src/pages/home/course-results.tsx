import { useTranslation } from 'react-i18next';
import type { TargetGroup } from '@baanrian/contracts';
import { useCourses } from '../../api/courses';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { CourseCard } from './course-card';

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
        <ErrorState
          title={t('errors.heading')}
          error={error}
          retrying={isFetching}
          onRetry={() => {
            if (!isFetching) void refetch();
          }}
        />
      ) : isPending ? (
        // The status line above already announces loading; this only reserves the space.
        <LoadingState label={t('results.loading')} announce={false} placeholders={3} />
      ) : data.items.length === 0 ? (
        <EmptyState title={targetGroup ? t('results.emptyTitle') : t('results.emptyTitleAll')}>
          <p>{t('results.emptyHint')}</p>
        </EmptyState>
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
