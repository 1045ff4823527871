import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { GRADING_METHODS, RESULTS_POLICIES, type GradingMethod, type QuizDraw, type ResultsPolicy } from '@baanrian/contracts';
import { useSubmit } from '../../forms/use-submit';
import { formatDate, formatNumber } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { Button, Checkbox, EmptyState, ErrorState, LoadingState, ProgressBar, RadioGroup, showToast, Switch, TextField } from '../../ui';
import { DateTimeField, parseWholeNumber } from '../studio/studio-fields';
import { ReorderableList } from './question-fields';
import { problemCode, type QuizDto, type QuizSettings, type RegradeDto } from './quiz-studio-api';
import { quizKeys, useQuizStudioApi } from './quiz-studio-common';
import { useQuizStudioTranslation } from './quiz-studio-i18n';

export const DEFAULT_QUIZ: QuizSettings = {
  title: '',
  attemptsAllowed: 1,
  gradingMethod: 'highest',
  passingPercent: 60,
  timeLimitSeconds: null,
  shuffleQuestions: false,
  shuffleOptions: false,
  resultsPolicy: 'immediately',
  dueAt: null,
  questionIds: [],
  draws: [],
};

/** The quizzes of a course, and the settings of the one being edited. */
export function QuizList({ courseId, editing, onEdit }: { courseId: string; editing: string | null; onEdit: (id: string | null) => void }) {
  const { t, i18n } = useQuizStudioTranslation();
  const locale = currentLocale(i18n);
  const api = useQuizStudioApi();
  const quizzes = useQuery({ queryKey: quizKeys.quizzes(courseId), queryFn: ({ signal }) => api.quizzes(courseId, signal) });

  if (editing !== null) {
    const quiz = editing === 'new' ? null : (quizzes.data?.find((q) => q.id === editing) ?? null);
    if (editing !== 'new' && quizzes.isPending) return <LoadingState label={t('quizzes.loading')} />;
    return (
      <QuizSettingsForm
        key={editing}
        courseId={courseId}
        quiz={quiz}
        onClose={(message) => {
          if (message) showToast({ variant: 'success', title: message });
          onEdit(null);
        }}
      />
    );
  }

  return (
    <div className="studio-section">
      <div className="studio-section__header">
        <h2>{t('quizzes.heading')}</h2>
        <Button onPress={() => onEdit('new')}>{t('quizzes.create')}</Button>
      </div>
      {quizzes.isPending ? (
        <LoadingState label={t('quizzes.loading')} />
      ) : quizzes.isError ? (
        <ErrorState title={t('quizzes.loadFailed')} error={quizzes.error} onRetry={() => void quizzes.refetch()} retrying={quizzes.isFetching} headingLevel={3} />
      ) : quizzes.data.length === 0 ? (
        <EmptyState title={t('quizzes.none')} headingLevel={3}>
          <p>{t('quizzes.noneHint')}</p>
        </EmptyState>
      ) : (
        <ul role="list" className="quiz-question-list">
          {quizzes.data.map((quiz) => (
            <li key={quiz.id} className="quiz-question">
              <h3 className="quiz-question__stem">{quiz.title}</h3>
              <p className="studio-course__meta">
                <span>{t('quizzes.questionCount', { count: quiz.questionCount, n: formatNumber(quiz.questionCount, locale) })}</span>
                <span>{quiz.attemptsAllowed === null ? t('quizzes.unlimitedAttempts') : t('quizzes.attempts', { count: quiz.attemptsAllowed, n: formatNumber(quiz.attemptsAllowed, locale) })}</span>
                <span>{t(`grading.${quiz.gradingMethod}`)}</span>
                {quiz.dueAt && <span>{t('quizzes.due', { date: formatDate(quiz.dueAt, locale) })}</span>}
                {quiz.lessonIds.length === 0 && <span className="studio-status studio-status--changes">{t('quizzes.notInOutline')}</span>}
              </p>
              <Button variant="secondary" onPress={() => onEdit(quiz.id)} aria-label={t('quizzes.editNamed', { title: quiz.title })}>
                {t('quizzes.edit')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const minutesOf = (seconds: number | null) => (seconds === null ? '' : String(Math.round(seconds / 60)));

/** The settings of one quiz: attempts, grading, time, shuffling, results policy, questions and draws. */
export function QuizSettingsForm({ courseId, quiz, onClose }: { courseId: string; quiz: QuizDto | null; onClose: (message?: string) => void }) {
  const { t } = useQuizStudioTranslation();
  const api = useQuizStudioApi();
  const queryClient = useQueryClient();
  const initial = quiz ?? DEFAULT_QUIZ;
  const [title, setTitle] = useState(initial.title);
  const [attempts, setAttempts] = useState(initial.attemptsAllowed === null ? '' : String(initial.attemptsAllowed));
  const [gradingMethod, setGradingMethod] = useState<GradingMethod>(initial.gradingMethod);
  const [passing, setPassing] = useState(String(initial.passingPercent));
  const [timeLimit, setTimeLimit] = useState(minutesOf(initial.timeLimitSeconds));
  const [shuffleQuestions, setShuffleQuestions] = useState(initial.shuffleQuestions);
  const [shuffleOptions, setShuffleOptions] = useState(initial.shuffleOptions);
  const [resultsPolicy, setResultsPolicy] = useState<ResultsPolicy>(initial.resultsPolicy);
  const [dueAt, setDueAt] = useState<string | null>(initial.dueAt);
  const [questionIds, setQuestionIds] = useState<string[]>(initial.questionIds);
  const [draws, setDraws] = useState<QuizDraw[]>(initial.draws);
  const [checked, setChecked] = useState(false);
  const { errors, formError, pending, run } = useSubmit();

  const attemptsValue = parseWholeNumber(attempts);
  const passingValue = parseWholeNumber(passing);
  const timeValue = parseWholeNumber(timeLimit);
  const problems = {
    title: !title.trim(),
    attempts: attemptsValue === 'invalid' || attemptsValue === 0,
    passing: passingValue === 'invalid' || passingValue === null || passingValue > 100,
    time: timeValue === 'invalid' || timeValue === 0,
    dueAt: resultsPolicy === 'after_due' && !dueAt,
    questions: questionIds.length === 0 && draws.length === 0,
    draws: draws.some((d) => !d.categoryId || !(d.count > 0)),
  };
  const invalid = Object.values(problems).some(Boolean);
  const show = (key: keyof typeof problems) => checked && problems[key];

  const body = (): QuizSettings => ({
    title: title.trim(),
    attemptsAllowed: typeof attemptsValue === 'number' ? attemptsValue : null,
    gradingMethod,
    passingPercent: typeof passingValue === 'number' ? passingValue : 0,
    timeLimitSeconds: typeof timeValue === 'number' ? timeValue * 60 : null,
    shuffleQuestions,
    shuffleOptions,
    resultsPolicy,
    dueAt,
    questionIds,
    draws,
  });

  const remove = useMutation({
    mutationFn: () => api.deleteQuiz(quiz?.id ?? ''),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: quizKeys.quizzes(courseId) });
      onClose(t('settings.deleted'));
    },
  });

  return (
    <div className="studio-section">
      <Form
        validationBehavior="aria"
        className="studio-form"
        aria-label={quiz ? t('settings.editTitle', { title: quiz.title }) : t('settings.newTitle')}
        validationErrors={errors}
        onSubmit={(event) => {
          event.preventDefault();
          setChecked(true);
          if (invalid) return;
          void run(async () => {
            const saved = quiz ? await api.updateQuiz(quiz.id, body()) : await api.createQuiz(courseId, body());
            queryClient.setQueryData(quizKeys.quiz(saved.id), saved);
            await queryClient.invalidateQueries({ queryKey: quizKeys.quizzes(courseId) });
            onClose(t('settings.saved', { title: saved.title }));
          });
        }}
      >
        <h2>{quiz ? t('settings.editTitle', { title: quiz.title }) : t('settings.newTitle')}</h2>
        <TextField name="title" label={t('settings.title')} value={title} onChange={setTitle} isRequired isInvalid={show('title')} errorMessage={t('settings.required')} />
        <TextField label={t('settings.attempts')} description={t('settings.attemptsHint')} value={attempts} onChange={setAttempts} inputMode="numeric" isInvalid={show('attempts')} errorMessage={t('settings.wholeNumber')} />
        <RadioGroup
          label={t('settings.gradingMethod')}
          value={gradingMethod}
          onChange={(v) => setGradingMethod(v as GradingMethod)}
          options={GRADING_METHODS.map((m) => ({ id: m, label: t(`grading.${m}`) }))}
        />
        <TextField label={t('settings.passing')} value={passing} onChange={setPassing} inputMode="numeric" isInvalid={show('passing')} errorMessage={t('settings.percent')} />
        <TextField label={t('settings.timeLimit')} description={t('settings.timeLimitHint')} value={timeLimit} onChange={setTimeLimit} inputMode="numeric" isInvalid={show('time')} errorMessage={t('settings.wholeNumber')} />
        <Switch isSelected={shuffleQuestions} onChange={setShuffleQuestions}>
          {t('settings.shuffleQuestions')}
        </Switch>
        <Switch isSelected={shuffleOptions} onChange={setShuffleOptions}>
          {t('settings.shuffleOptions')}
        </Switch>
        <RadioGroup
          label={t('settings.resultsPolicy')}
          value={resultsPolicy}
          onChange={(v) => setResultsPolicy(v as ResultsPolicy)}
          options={RESULTS_POLICIES.map((p) => ({ id: p, label: t(`policy.${p}`) }))}
        />
        <DateTimeField label={t('settings.dueAt')} value={dueAt} onChange={setDueAt} error={show('dueAt') ? t('settings.dueRequired') : null} />
        <QuestionPicker courseId={courseId} selected={questionIds} onChange={setQuestionIds} />
        <DrawsEditor courseId={courseId} draws={draws} onChange={setDraws} invalid={show('draws')} />
        {show('questions') && (
          <p className="ui-field__error" role="alert">
            {t('settings.noQuestions')}
          </p>
        )}
        {checked && invalid && !problems.questions && (
          <p className="ui-field__error" role="alert">
            {t('settings.fix')}
          </p>
        )}
        {formError ? <ErrorState title={t('settings.saveFailed')} error={formError} headingLevel={3} /> : null}
        <div className="studio-actions">
          <Button type="submit" isPending={pending}>
            {t('settings.save')}
          </Button>
          <Button variant="secondary" onPress={() => onClose()}>
            {t('settings.cancel')}
          </Button>
          {quiz && (
            <Button variant="quiet" isPending={remove.isPending} onPress={() => remove.mutate()}>
              {t('settings.delete')}
            </Button>
          )}
        </div>
        {remove.isError && (
          <ErrorState title={problemCode(remove.error) === 'QUIZ_HAS_ATTEMPTS' ? t('settings.deleteHasAttempts') : t('settings.deleteFailed')} error={remove.error} headingLevel={3} />
        )}
      </Form>
      {quiz && <RegradePanel quizId={quiz.id} />}
    </div>
  );
}

/** Fixed questions: ticked from the bank (search to narrow), in the order ticked. */
function QuestionPicker({ courseId, selected, onChange }: { courseId: string; selected: string[]; onChange: (ids: string[]) => void }) {
  const { t, i18n } = useQuizStudioTranslation();
  const api = useQuizStudioApi();
  const [q, setQ] = useState('');
  const [applied, setApplied] = useState('');
  const filters = { q: applied || null };
  const bank = useQuery({ queryKey: quizKeys.questions(courseId, { ...filters, cursor: 'picker' }), queryFn: ({ signal }) => api.questions(courseId, filters, signal) });
  return (
    <fieldset className="studio-fieldset">
      <legend className="ui-field__label">{t('settings.fixedQuestions')}</legend>
      <p className="studio-hint" role="status">
        {t('settings.selectedCount', { count: selected.length, n: formatNumber(selected.length, currentLocale(i18n)) })}
      </p>
      <div className="quiz-inline-fields">
        <TextField label={t('settings.searchBank')} type="search" value={q} onChange={setQ} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), setApplied(q.trim()))} />
        <Button variant="secondary" onPress={() => setApplied(q.trim())}>
          {t('settings.search')}
        </Button>
      </div>
      {bank.isPending ? (
        <LoadingState label={t('bank.loading')} />
      ) : bank.isError ? (
        <ErrorState title={t('bank.loadFailed')} error={bank.error} headingLevel={3} />
      ) : bank.data.items.length === 0 ? (
        <p>{t('bank.none')}</p>
      ) : (
        <ul className="quiz-picker">
          {bank.data.items.map((question) => (
            <li key={question.id}>
              <Checkbox
                isSelected={selected.includes(question.id)}
                onChange={(on) => onChange(on ? [...selected, question.id] : selected.filter((id) => id !== question.id))}
                description={t(`type.${question.type}`)}
              >
                {question.definition.name || question.definition.stem.text.slice(0, 120)}
              </Checkbox>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function DrawsEditor({ courseId, draws, onChange, invalid }: { courseId: string; draws: QuizDraw[]; onChange: (draws: QuizDraw[]) => void; invalid: boolean }) {
  const { t } = useQuizStudioTranslation();
  const api = useQuizStudioApi();
  const categories = useQuery({ queryKey: quizKeys.categories(courseId), queryFn: ({ signal }) => api.categories(courseId, signal) });
  const rows = draws.map((d, i) => ({ ...d, key: `${i}` }));
  const setOne = (index: number, patch: Partial<QuizDraw>) => onChange(draws.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  return (
    <fieldset className="studio-fieldset">
      <legend className="ui-field__label">{t('settings.draws')}</legend>
      <p className="studio-hint">{t('settings.drawsHint')}</p>
      {invalid && <p className="ui-field__error">{t('settings.drawsInvalid')}</p>}
      {rows.length > 0 && (
        <ReorderableList
          label={t('settings.draws')}
          items={rows}
          keyOf={(r) => r.key}
          rowLabel={(i) => t('settings.draw', { number: i + 1 })}
          onRemove={(i) => onChange(draws.filter((_, j) => j !== i))}
          render={(row, index) => {
            const category = categories.data?.find((c) => c.id === row.categoryId);
            return (
              <div className="quiz-inline-fields">
                <NativeSelect
                  label={t('settings.drawCategory')}
                  value={row.categoryId}
                  onChange={(categoryId) => setOne(index, { categoryId })}
                  options={[{ id: '', label: t('settings.chooseCategory') }, ...(categories.data ?? []).map((c) => ({ id: c.id, label: t('settings.categoryOption', { path: c.path, count: c.questionCount }) }))]}
                />
                <TextField
                  label={t('settings.drawCount')}
                  description={category ? t('settings.drawAvailable', { count: category.questionCount }) : undefined}
                  inputMode="numeric"
                  value={row.count ? String(row.count) : ''}
                  onChange={(raw) => {
                    const n = parseWholeNumber(raw);
                    setOne(index, { count: typeof n === 'number' ? n : 0 });
                  }}
                />
              </div>
            );
          }}
        />
      )}
      <Button variant="secondary" onPress={() => onChange([...draws, { categoryId: '', count: 1 }])}>
        {t('settings.addDraw')}
      </Button>
    </fieldset>
  );
}

/** A native select (the phone's own picker) styled as a field. */
export function NativeSelect({ label, value, onChange, options }: { label: string; value: string; onChange: (value: string) => void; options: { id: string; label: string }[] }) {
  const id = useId();
  return (
    <div className="ui-field">
      <label className="ui-field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="ui-field__input" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Regrades of a quiz: progress while one runs (polled), and a button for a whole-quiz regrade. */
export function RegradePanel({ quizId }: { quizId: string }) {
  const { t, i18n } = useQuizStudioTranslation();
  const locale = currentLocale(i18n);
  const api = useQuizStudioApi();
  const queryClient = useQueryClient();
  const regrades = useQuery({
    queryKey: quizKeys.regrades(quizId),
    queryFn: ({ signal }) => api.regrades(quizId, signal),
    refetchInterval: (query) => ((query.state.data ?? []).some((r) => r.status === 'pending' || r.status === 'running') ? 2000 : false),
  });
  const request = useMutation({
    mutationFn: () => api.requestRegrade(quizId),
    onSuccess: (row) => {
      queryClient.setQueryData<RegradeDto[]>(quizKeys.regrades(quizId), (list) => [row, ...(list ?? []).filter((r) => r.id !== row.id)]);
      void queryClient.invalidateQueries({ queryKey: quizKeys.regrades(quizId) });
    },
  });
  const running = (regrades.data ?? []).some((r) => r.status === 'pending' || r.status === 'running');
  return (
    <section className="studio-section quiz-regrades" aria-labelledby="quiz-regrades-heading">
      <h3 id="quiz-regrades-heading">{t('regrade.heading')}</h3>
      <p className="studio-hint">{t('regrade.hint')}</p>
      <Button variant="secondary" isPending={request.isPending} isDisabled={running} onPress={() => request.mutate()}>
        {t('regrade.start')}
      </Button>
      {request.isError && <ErrorState title={t('regrade.failed')} error={request.error} headingLevel={3} />}
      {regrades.isError && <ErrorState title={t('regrade.loadFailed')} error={regrades.error} headingLevel={3} />}
      {(regrades.data ?? []).length > 0 && (
        <ul role="list" className="quiz-regrade-list">
          {(regrades.data ?? []).slice(0, 5).map((r) => (
            <li key={r.id}>
              {r.status === 'pending' || r.status === 'running' ? (
                <ProgressBar
                  label={t('regrade.running', { date: formatDate(r.createdAt, locale) })}
                  value={r.total > 0 ? Math.round((r.done / r.total) * 100) : 0}
                  valueLabel={t('regrade.progress', { done: formatNumber(r.done, locale), total: formatNumber(r.total, locale) })}
                />
              ) : (
                <p>
                  {t(`regrade.status.${r.status}`, { date: formatDate(r.finishedAt ?? r.createdAt, locale) })}{' '}
                  {r.status === 'done' && t('regrade.changed', { count: r.changed, n: formatNumber(r.changed, locale), total: formatNumber(r.total, locale) })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
