import { useId } from 'react';
import { Checkbox, CheckboxGroup, Radio, RadioGroup } from 'react-aria-components';
import type { LearnerQuestionView, QuestionResponse, ResponseOf } from '@baanrian/contracts';
import { TextField } from '../../ui';
import { OrderingAnswer } from './ordering-answer';
import { QuestionMediaView, RichTextView, plainText } from './rich-text';
import { useQuizTranslation } from './quiz-i18n';

/** The view of a question type (choice views share one union member, so match on the type field). */
type ViewOf<T extends LearnerQuestionView['type']> = LearnerQuestionView & { type: T };

/** Has the learner answered? (The navigator shows it; an empty text is no answer.) */
export function isAnswered(response: QuestionResponse | undefined | null): boolean {
  if (!response) return false;
  switch (response.type) {
    case 'single_choice':
      return response.optionId !== null;
    case 'multiple_choice':
      return response.optionIds.length > 0;
    case 'true_false':
      return response.value !== null;
    case 'short_text':
    case 'numeric':
    case 'essay':
      return response.text.trim().length > 0;
    case 'ordering':
      return response.itemIds.length > 0;
    case 'matching':
      return Object.values(response.matches).some((choice) => choice !== null);
  }
}

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';

/** Whether typed text reads as a number the way the grader reads it (Thai digits, decimal comma, spaces). */
export function looksNumeric(text: string): boolean {
  const western = [...text.trim()].map((c) => (THAI_DIGITS.includes(c) ? String(THAI_DIGITS.indexOf(c)) : c)).join('');
  return /^[-+−]?\d[\d\s]*([.,]\d+)?$/.test(western) || /^[-+−]?[.,]\d+$/.test(western);
}

export interface QuestionViewProps {
  question: LearnerQuestionView;
  response: QuestionResponse | undefined;
  onChange: (response: QuestionResponse) => void;
  /** The id of the element that names the question (its stem). */
  labelId: string;
}

/** The answer controls for one question; every type gets large touch targets and a keyboard path. */
export function AnswerInput({ question, response, onChange, labelId }: QuestionViewProps) {
  switch (question.type) {
    case 'single_choice':
      return <SingleChoice question={question as ViewOf<'single_choice'>} response={response as ResponseOf<'single_choice'> | undefined} onChange={onChange} labelId={labelId} />;
    case 'multiple_choice':
      return <MultipleChoice question={question as ViewOf<'multiple_choice'>} response={response as ResponseOf<'multiple_choice'> | undefined} onChange={onChange} labelId={labelId} />;
    case 'true_false':
      return <TrueFalse response={response as ResponseOf<'true_false'> | undefined} onChange={onChange} labelId={labelId} />;
    case 'short_text':
    case 'essay':
    case 'numeric':
      return <TextAnswer type={question.type} response={response as ResponseOf<'short_text'> | undefined} onChange={onChange} />;
    case 'ordering':
      return (
        <OrderingAnswer
          items={question.items}
          itemIds={(response as ResponseOf<'ordering'> | undefined)?.itemIds}
          onChange={(itemIds) => onChange({ type: 'ordering', itemIds })}
          labelId={labelId}
        />
      );
    case 'matching':
      return <Matching question={question} response={response as ResponseOf<'matching'> | undefined} onChange={onChange} />;
  }
}

/** The question: its stem (the group's name), media, and the answer controls. */
export function QuestionView(props: Omit<QuestionViewProps, 'labelId'> & { number: number; total: number }) {
  const { t } = useQuizTranslation();
  const labelId = useId();
  const { question, number, total } = props;
  return (
    <section className="quiz-question" aria-labelledby={labelId}>
      <p className="quiz-question__meta">
        {t('attempt.questionOf', { number, total })} · {t('attempt.points', { count: question.points })}
      </p>
      <h2 className="quiz-question__stem">
        <RichTextView id={labelId} value={question.stem} />
      </h2>
      {question.media && <QuestionMediaView media={question.media} />}
      <AnswerInput {...props} labelId={labelId} />
    </section>
  );
}

function SingleChoice({ question, response, onChange, labelId }: { question: ViewOf<'single_choice'>; response?: ResponseOf<'single_choice'>; onChange: QuestionViewProps['onChange']; labelId: string }) {
  const { t } = useQuizTranslation();
  const hintId = useId();
  return (
    <RadioGroup
      className="quiz-choices"
      aria-labelledby={labelId}
      aria-describedby={hintId}
      value={response?.optionId ?? null}
      onChange={(optionId) => onChange({ type: 'single_choice', optionId })}
    >
      <p id={hintId} className="quiz-hint">
        {t('answer.chooseOne')}
      </p>
      {question.options.map((option) => (
        <Radio key={option.id} value={option.id} className="quiz-choice quiz-choice--radio">
          <RichTextView value={option.text} />
        </Radio>
      ))}
    </RadioGroup>
  );
}

function MultipleChoice({ question, response, onChange, labelId }: { question: ViewOf<'multiple_choice'>; response?: ResponseOf<'multiple_choice'>; onChange: QuestionViewProps['onChange']; labelId: string }) {
  const { t } = useQuizTranslation();
  const hintId = useId();
  return (
    <CheckboxGroup
      className="quiz-choices"
      aria-labelledby={labelId}
      aria-describedby={hintId}
      value={response?.optionIds ?? []}
      // Keep the options' order, whatever order they were ticked in.
      onChange={(ids) => onChange({ type: 'multiple_choice', optionIds: question.options.map((o) => o.id).filter((id) => ids.includes(id)) })}
    >
      <p id={hintId} className="quiz-hint">
        {t('answer.chooseAny')}
      </p>
      {question.options.map((option) => (
        <Checkbox key={option.id} value={option.id} className="quiz-choice quiz-choice--checkbox">
          <span className="quiz-choice__box" aria-hidden="true" />
          <RichTextView value={option.text} />
        </Checkbox>
      ))}
    </CheckboxGroup>
  );
}

function TrueFalse({ response, onChange, labelId }: { response?: ResponseOf<'true_false'>; onChange: QuestionViewProps['onChange']; labelId: string }) {
  const { t } = useQuizTranslation();
  const value = response?.value === true ? 'true' : response?.value === false ? 'false' : null;
  return (
    <RadioGroup
      className="quiz-choices"
      aria-labelledby={labelId}
      value={value}
      onChange={(next) => onChange({ type: 'true_false', value: next === 'true' })}
    >
      <Radio value="true" className="quiz-choice quiz-choice--radio">
        {t('answer.true')}
      </Radio>
      <Radio value="false" className="quiz-choice quiz-choice--radio">
        {t('answer.false')}
      </Radio>
    </RadioGroup>
  );
}

function TextAnswer({ type, response, onChange }: { type: 'short_text' | 'numeric' | 'essay'; response?: { text: string }; onChange: QuestionViewProps['onChange'] }) {
  const { t } = useQuizTranslation();
  const text = response?.text ?? '';
  const notNumber = type === 'numeric' && text.trim() !== '' && !looksNumeric(text);
  return (
    <TextField
      className="quiz-text-answer"
      label={t('answer.yourAnswer')}
      description={type === 'numeric' ? t('answer.numericHint') : undefined}
      // A hint, not a block: the grader decides; the learner may still send it.
      errorMessage={notNumber ? t('answer.notNumber') : undefined}
      isInvalid={notNumber}
      multiline={type === 'essay'}
      inputMode={type === 'numeric' ? 'decimal' : 'text'}
      autoComplete="off"
      spellCheck={type === 'essay' ? 'true' : 'false'}
      maxLength={type === 'essay' ? 20_000 : 500}
      value={text}
      onChange={(next) => onChange({ type, text: next })}
    />
  );
}

function Matching({ question, response, onChange }: { question: ViewOf<'matching'>; response?: ResponseOf<'matching'>; onChange: QuestionViewProps['onChange'] }) {
  const { t } = useQuizTranslation();
  const baseId = useId();
  const matches = response?.matches ?? {};
  return (
    <div className="quiz-matching">
      <p className="quiz-hint">{t('answer.matchingHint')}</p>
      {question.prompts.map((prompt, index) => {
        const id = `${baseId}-${index}`;
        return (
          <div key={prompt.id} className="quiz-matching__row">
            {/* The phone's own picker: large, familiar, works with every screen reader. */}
            <label htmlFor={id} className="quiz-matching__prompt">
              {plainText(prompt.text)}
            </label>
            <select
              id={id}
              value={matches[prompt.id] ?? ''}
              onChange={(event) => onChange({ type: 'matching', matches: { ...matches, [prompt.id]: event.target.value || null } })}
            >
              <option value="">{t('answer.choose')}</option>
              {question.choices.map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </div>
  );
}
