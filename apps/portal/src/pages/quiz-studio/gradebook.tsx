import { useEffect, useState } from 'react';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { formatDate, formatNumber } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { Button, Dialog, EmptyState, ErrorState, LoadingState, showToast, TextField } from '../../ui';
import { parseWholeNumber } from '../studio/studio-fields';
import { NativeSelect } from './quiz-settings';
import { GRADEBOOK_STATUSES, saveFile, type GradebookCell, type GradebookDto, type GradebookFilters, type GradebookRow, type GradebookStatus } from './quiz-studio-api';
import { quizKeys, useQuizStudioApi } from './quiz-studio-common';
import { useQuizStudioTranslation } from './quiz-studio-i18n';

const NARROW = '(max-width: 40rem)';

/** True on a narrow screen (phones, or 200 % text): the table becomes a list per learner. */
function useNarrow(): boolean {
  const query = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(NARROW) : null;
  const [narrow, setNarrow] = useState(() => query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const onChange = () => setNarrow(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [query]);
  return narrow;
}

type Quizzes = GradebookDto['quizzes'];

/** Learners × quizzes of a course, with filters, a CSV download and per-learner time extensions. */
export function Gradebook({ courseId }: { courseId: string }) {
  const { t } = useQuizStudioTranslation();
  const api = useQuizStudioApi();
  const narrow = useNarrow();
  const [filters, setFilters] = useState<GradebookFilters>({});
  const [search, setSearch] = useState('');
  const [extending, setExtending] = useState<GradebookRow | null>(null);
  const book = useInfiniteQuery({
    queryKey: quizKeys.gradebook(courseId, filters),
    queryFn: ({ pageParam, signal }) => api.gradebook(courseId, { ...filters, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const csv = useMutation({
    mutationFn: () => api.gradebookCsv(courseId, filters),
    onSuccess: (blob) => saveFile(blob, 'gradebook.csv'),
  });
  const quizzes: Quizzes = book.data?.pages[0]?.quizzes ?? [];
  const rows = book.data?.pages.flatMap((p) => p.rows) ?? [];

  return (
    <div className="studio-section quiz-gradebook">
      <div className="studio-section__header">
        <h2 id="quiz-gradebook-heading">{t('gradebook.heading')}</h2>
        <Button variant="secondary" isPending={csv.isPending} onPress={() => csv.mutate()}>
          {t('gradebook.csv')}
        </Button>
      </div>
      {csv.isError && <ErrorState title={t('gradebook.csvFailed')} error={csv.error} headingLevel={3} />}
      <Form
        className="quiz-filters"
        role="search"
        aria-label={t('gradebook.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          setFilters((f) => ({ ...f, q: search.trim() || null }));
        }}
      >
        <TextField label={t('gradebook.search')} type="search" value={search} onChange={setSearch} />
        <NativeSelect
          label={t('gradebook.quiz')}
          value={filters.quizId ?? ''}
          onChange={(quizId) => setFilters((f) => ({ ...f, quizId: quizId || null }))}
          options={[{ id: '', label: t('gradebook.allQuizzes') }, ...quizzes.map((q) => ({ id: q.id, label: q.title }))]}
        />
        <NativeSelect
          label={t('gradebook.status')}
          value={filters.status ?? ''}
          onChange={(status) => setFilters((f) => ({ ...f, status: (status || null) as GradebookStatus | null }))}
          options={[{ id: '', label: t('gradebook.anyStatus') }, ...GRADEBOOK_STATUSES.map((s) => ({ id: s, label: t(`gradebook.statuses.${s}`) }))]}
        />
        <Button type="submit" variant="secondary">
          {t('gradebook.apply')}
        </Button>
      </Form>
      {book.isPending ? (
        <LoadingState label={t('gradebook.loading')} />
      ) : book.isError ? (
        <ErrorState title={t('gradebook.loadFailed')} error={book.error} onRetry={() => void book.refetch()} retrying={book.isFetching} headingLevel={3} />
      ) : rows.length === 0 ? (
        <EmptyState title={t('gradebook.none')} headingLevel={3} />
      ) : narrow ? (
        <LearnerList quizzes={quizzes} rows={rows} onExtend={setExtending} />
      ) : (
        <GradeTable quizzes={quizzes} rows={rows} onExtend={setExtending} />
      )}
      {book.hasNextPage && (
        <Button variant="secondary" isPending={book.isFetchingNextPage} onPress={() => void book.fetchNextPage()}>
          {t('gradebook.more')}
        </Button>
      )}
      {extending && <ExtensionDialog learner={extending} quizzes={quizzes} onClose={() => setExtending(null)} />}
    </div>
  );
}

function useCellText() {
  const { t, i18n } = useQuizStudioTranslation();
  const locale = currentLocale(i18n);
  return (cell: GradebookCell | undefined) => {
    if (!cell || cell.attempts === 0) return t('gradebook.notAttempted');
    const percent = cell.resultPercent === null ? t('gradebook.pending') : `${formatNumber(Math.round(cell.resultPercent * 10) / 10, locale)} %`;
    const verdict = cell.passed === null ? '' : cell.passed ? t('gradebook.passed') : t('gradebook.failed');
    return [percent, verdict, t('gradebook.attempts', { count: cell.attempts, n: formatNumber(cell.attempts, locale) })].filter(Boolean).join(' · ');
  };
}

/**
 * A native table (not a grid): screen readers read headers per cell, the first column stays in
 * place while the quizzes scroll sideways (a data table may scroll; the page never does).
 */
function GradeTable({ quizzes, rows, onExtend }: { quizzes: Quizzes; rows: GradebookRow[]; onExtend: (row: GradebookRow) => void }) {
  const { t } = useQuizStudioTranslation();
  const cellText = useCellText();
  return (
    <div className="quiz-table-scroll" role="region" aria-labelledby="quiz-gradebook-heading" tabIndex={0}>
      <table className="quiz-table">
        <thead>
          <tr>
            <th scope="col" className="quiz-table__sticky">
              {t('gradebook.learner')}
            </th>
            {quizzes.map((q) => (
              <th scope="col" key={q.id}>
                {q.title}
              </th>
            ))}
            <th scope="col">{t('gradebook.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.userId}>
              <th scope="row" className="quiz-table__sticky">
                {row.displayName}
                <span className="quiz-table__code">{row.accountCode}</span>
              </th>
              {quizzes.map((q) => {
                const cell = row.cells.find((c) => c.quizId === q.id);
                return (
                  <td key={q.id} className={cell?.passed === false ? 'quiz-cell--failed' : undefined}>
                    {cellText(cell)}
                  </td>
                );
              })}
              <td>
                <Button variant="secondary" onPress={() => onExtend(row)} aria-label={t('gradebook.extendFor', { name: row.displayName })}>
                  {t('gradebook.extend')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LearnerList({ quizzes, rows, onExtend }: { quizzes: Quizzes; rows: GradebookRow[]; onExtend: (row: GradebookRow) => void }) {
  const { t, i18n } = useQuizStudioTranslation();
  const locale = currentLocale(i18n);
  const cellText = useCellText();
  return (
    <ul role="list" className="quiz-question-list">
      {rows.map((row) => (
        <li key={row.userId} className="quiz-question">
          <h3 className="quiz-question__stem">
            {row.displayName} <span className="quiz-table__code">{row.accountCode}</span>
          </h3>
          <dl className="quiz-learner-grades">
            {quizzes.map((q) => {
              const cell = row.cells.find((c) => c.quizId === q.id);
              return (
                <div key={q.id}>
                  <dt>{q.title}</dt>
                  <dd>
                    {cellText(cell)}
                    {cell?.lastSubmittedAt && <span className="studio-hint"> · {formatDate(cell.lastSubmittedAt, locale)}</span>}
                  </dd>
                </div>
              );
            })}
          </dl>
          <Button variant="secondary" onPress={() => onExtend(row)} aria-label={t('gradebook.extendFor', { name: row.displayName })}>
            {t('gradebook.extend')}
          </Button>
        </li>
      ))}
    </ul>
  );
}

/** Extra time on one quiz for one learner (an accessibility accommodation), or removing it. */
function ExtensionDialog({ learner, quizzes, onClose }: { learner: GradebookRow; quizzes: Quizzes; onClose: () => void }) {
  const { t } = useQuizStudioTranslation();
  const api = useQuizStudioApi();
  const [quizId, setQuizId] = useState(quizzes[0]?.id ?? '');
  const [minutes, setMinutes] = useState('15');
  const parsed = parseWholeNumber(minutes);
  const valid = typeof parsed === 'number' && parsed > 0 && quizId !== '';
  const save = useMutation({
    mutationFn: () => api.setExtension(quizId, learner.userId, (typeof parsed === 'number' ? parsed : 0) * 60),
    onSuccess: () => {
      showToast({ variant: 'success', title: t('extension.saved', { name: learner.displayName, minutes: String(parsed) }) });
      onClose();
    },
  });
  const remove = useMutation({
    mutationFn: () => api.removeExtension(quizId, learner.userId),
    onSuccess: () => {
      showToast({ variant: 'success', title: t('extension.removed', { name: learner.displayName }) });
      onClose();
    },
  });
  return (
    <Dialog
      title={t('extension.title', { name: learner.displayName })}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      actions={() => (
        <>
          <Button isDisabled={!valid} isPending={save.isPending} onPress={() => save.mutate()}>
            {t('extension.save')}
          </Button>
          <Button variant="secondary" isDisabled={!quizId} isPending={remove.isPending} onPress={() => remove.mutate()}>
            {t('extension.remove')}
          </Button>
        </>
      )}
    >
      <p>{t('extension.hint')}</p>
      <NativeSelect label={t('extension.quiz')} value={quizId} onChange={setQuizId} options={quizzes.map((q) => ({ id: q.id, label: q.title }))} />
      <TextField label={t('extension.minutes')} inputMode="numeric" value={minutes} onChange={setMinutes} isInvalid={parsed === 'invalid' || parsed === 0} errorMessage={t('extension.minutesInvalid')} />
      {(save.isError || remove.isError) && <ErrorState title={t('extension.failed')} error={save.error ?? remove.error} headingLevel={3} />}
    </Dialog>
  );
}
