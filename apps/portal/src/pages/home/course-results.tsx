import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogFilters } from '@baanrian/contracts';
import { useCourses } from '../../api/courses';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useCatalogTranslation } from '../catalog/catalog-i18n';
import { CourseCard } from './course-card';

export function CourseResults({ filters }: { filters: CatalogFilters }) {
  const { t } = useTranslation();
  const { t: tc } = useCatalogTranslation();
  const { data, error, isPending, isError, isFetching, isFetchingNextPage, hasNextPage, fetchNextPage, refetch } = useCourses(filters);
  const list = useRef<HTMLUListElement>(null);
  // After "show more", focus moves to the first new course: the button may be gone (last page),
  // and a keyboard or screen-reader user continues where the new courses start.
  const focusFrom = useRef<number | null>(null);

  const courses = data?.pages.flatMap((page) => page.items) ?? [];
  useEffect(() => {
    if (focusFrom.current === null || isFetchingNextPage) return;
    const links = list.current?.querySelectorAll<HTMLAnchorElement>('.course-card__link');
    links?.[focusFrom.current]?.focus();
    focusFrom.current = null;
  }, [courses.length, isFetchingNextPage]);

  let status = '';
  if (isFetching && !isFetchingNextPage) status = t('results.loading');
  else if (isFetchingNextPage) status = tc('results.loadingMore');
  else if (courses.length > 0) {
    status = filters.q ? tc('results.searchShown', { count: courses.length, q: filters.q }) : tc('results.shown', { count: courses.length });
  }

  return (
    <section className="results" aria-busy={isFetching}>
      {/* Always rendered, so screen readers hear each change of count. */}
      <p className="results__status" role="status" aria-live="polite">
        {status}
      </p>
      {isError && courses.length === 0 ? (
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
      ) : courses.length === 0 ? (
        <EmptyState title={tc('results.emptyTitle')}>
          <p>{tc('results.emptyHint')}</p>
        </EmptyState>
      ) : (
        <>
          <ul className="course-list" role="list" ref={list}>
            {courses.map((course) => (
              <li key={course.id}>
                <CourseCard course={course} />
              </li>
            ))}
          </ul>
          {hasNextPage ? (
            <button
              type="button"
              className="ui-button ui-button--secondary results__more"
              aria-disabled={isFetchingNextPage || undefined}
              onClick={() => {
                if (isFetchingNextPage) return;
                focusFrom.current = courses.length;
                void fetchNextPage();
              }}
            >
              {isFetchingNextPage ? tc('results.loadingMore') : tc('results.more')}
            </button>
          ) : (
            courses.length > 20 && <p className="results__end">{tc('results.end')}</p>
          )}
        </>
      )}
    </section>
  );
}
