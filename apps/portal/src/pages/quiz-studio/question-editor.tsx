import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import {
  QUESTION_TYPES,
  validateQuestion,
  type ChoiceOption,
  type MatchingPair,
  type NumericAnswer,
  type NumericMatch,
  type OrderingItem,
  type Question,
  type QuestionCommon,
  type QuestionOf,
  type QuestionType,
  type RichText,
  type ShortTextAnswer,
} from '@baanrian/contracts';
import { useSubmit } from '../../forms/use-submit';
import { Button, ErrorState, RadioGroup, showToast, TextField } from '../../ui';
import { MediaUpload } from '../studio/media-upload';
import { QuestionPreview } from './question-preview';
import { DecimalField, PercentField, ReorderableList } from './question-fields';
import { problemCode, problemReasons, type QuestionDto } from './quiz-studio-api';
import { cleanCategoryPath, move, newId, quizKeys, useQuizStudioApi } from './quiz-studio-common';
import { useQuizStudioTranslation } from './quiz-studio-i18n';

const rich = (text = ''): RichText => ({ text, format: 'plain' });

/** A fresh question of `type`, keeping what every type shares (stem, media, points, tags…). */
export function blankQuestion(type: QuestionType, common?: QuestionCommon): Question {
  const base: QuestionCommon = common ?? { id: newId(), stem: rich(), points: 1, tags: [] };
  const { id, name, stem, media, points, generalFeedback, tags, category } = base;
  const kept: QuestionCommon = { id, name, stem, media, points, generalFeedback, tags, category };
  const option = (weight: number): ChoiceOption => ({ id: newId(), text: rich(), weight });
  switch (type) {
    case 'single_choice':
      return { ...kept, type, options: [option(1), option(0)] };
    case 'multiple_choice':
      return { ...kept, type, options: [option(0.5), option(0.5), option(-1)] };
    case 'true_false':
      return { ...kept, type, correct: true };
    case 'short_text':
      return { ...kept, type, answers: [{ id: newId(), text: '', weight: 1 }] };
    case 'numeric':
      return { ...kept, type, answers: [{ id: newId(), match: { kind: 'value', value: 0, tolerance: 0 }, weight: 1 }] };
    case 'ordering':
      return { ...kept, type, items: [1, 2, 3].map(() => ({ id: newId(), text: rich() })) };
    case 'matching':
      return { ...kept, type, pairs: [1, 2].map(() => ({ id: newId(), prompt: rich(), answer: '' })), distractors: [] };
    case 'essay':
      return { ...kept, type };
  }
}

/** Media the API would refuse: a picture or sound chosen but not uploaded, a picture without its text alternative. */
function mediaProblems(question: Question): string[] {
  const media = question.media;
  if (!media) return [];
  if (!media.mediaId) return ['media_missing'];
  return media.kind === 'image' && !media.alt?.trim() ? ['alt_missing'] : [];
}

/** Empty texts the model allows but a learner could not use; checked here as well as validateQuestion's rules. */
function emptyTexts(question: Question): string[] {
  const blank = (s: string) => !s.trim();
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice':
      return question.options.some((o) => blank(o.text.text)) ? ['option_text_empty'] : [];
    case 'short_text':
      return question.answers.some((a) => blank(a.text)) ? ['answer_text_empty'] : [];
    case 'ordering':
      return question.items.some((i) => blank(i.text.text)) ? ['item_text_empty'] : [];
    case 'matching':
      return question.pairs.some((p) => blank(p.prompt.text) || blank(p.answer)) || question.distractors.some(blank) ? ['pair_text_empty'] : [];
    case 'numeric':
      return question.answers.some((a) => !matchValid(a.match)) ? ['numeric_invalid'] : [];
    default:
      return [];
  }
}

const matchValid = (m: NumericMatch) =>
  m.kind === 'any' || (m.kind === 'value' ? Number.isFinite(m.value) && Number.isFinite(m.tolerance) && m.tolerance >= 0 : Number.isFinite(m.min) && Number.isFinite(m.max) && m.min <= m.max);

/** Everything wrong with a draft: validateQuestion's codes (as the API checks) and empty texts. */
export function questionProblems(question: Question): string[] {
  return [...new Set([...validateQuestion(question), ...mediaProblems(question), ...emptyTexts(question)])];
}

const splitTags = (raw: string) => [...new Set(raw.split(/[,\n]/).map((t) => t.trim()).filter(Boolean))];

export interface QuestionEditorProps {
  courseId: string;
  /** The question being edited; null for a new one. */
  existing: QuestionDto | null;
  /** The category filter of the bank, suggested for a new question. */
  defaultCategory?: string | null;
  onClose: (message?: string) => void;
}

/** Create or edit a bank question of any of the 8 types, with a preview of what the learner sees. */
export function QuestionEditor({ courseId, existing, defaultCategory, onClose }: QuestionEditorProps) {
  const { t } = useQuizStudioTranslation();
  const api = useQuizStudioApi();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Question>(() => existing?.definition ?? { ...blankQuestion('single_choice'), category: defaultCategory ?? undefined });
  const [category, setCategory] = useState(existing?.categoryPath ?? defaultCategory ?? '');
  const [tags, setTags] = useState((existing?.tags ?? draft.tags).join(', '));
  const [checked, setChecked] = useState(false);
  const [conflict, setConflict] = useState(false);
  const { formError, pending, run } = useSubmit();
  const [serverReasons, setServerReasons] = useState<string[]>([]);

  const current = (): Question => ({ ...draft, tags: splitTags(tags), category: cleanCategoryPath(category) ?? undefined });
  const problems = checked ? questionProblems(current()) : [];
  const update = (patch: Partial<Question>) => setDraft((d) => ({ ...d, ...patch }) as Question);
  const heading = existing ? t('editor.editTitle') : t('editor.newTitle');

  const save = async () => {
    setChecked(true);
    setServerReasons([]);
    const question = current();
    if (questionProblems(question).length > 0) return;
    await run(async () => {
      try {
        const saved = existing
          ? await api.updateQuestion(existing.id, question, cleanCategoryPath(category), existing.keyRevision)
          : await api.createQuestion(courseId, question, cleanCategoryPath(category));
        await queryClient.invalidateQueries({ queryKey: quizKeys.questionsOf(courseId) });
        await queryClient.invalidateQueries({ queryKey: quizKeys.categories(courseId) });
        const regrades = saved.regrades ?? [];
        for (const regrade of regrades) void queryClient.invalidateQueries({ queryKey: quizKeys.regrades(regrade.quizId) });
        if (regrades.length > 0) showToast({ variant: 'success', title: t('editor.regradesStarted', { count: regrades.length }) });
        onClose(t('editor.saved'));
      } catch (error) {
        if (problemCode(error) === 'QUIZ_QUESTION_EDIT_CONFLICT') {
          setConflict(true);
          return;
        }
        const reasons = problemReasons(error);
        if (reasons.length > 0) {
          setServerReasons(reasons);
          return;
        }
        throw error;
      }
    });
  };

  const allProblems = [...new Set([...problems, ...serverReasons])];

  return (
    <div className="quiz-editor">
      <Form
        validationBehavior="aria"
        className="studio-form quiz-editor__form"
        aria-label={heading}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2>{heading}</h2>
        {existing ? (
          <p>
            {t('editor.type')}: {t(`type.${draft.type}`)}
          </p>
        ) : (
          <RadioGroup
            label={t('editor.type')}
            value={draft.type}
            onChange={(value) => setDraft((d) => blankQuestion(value as QuestionType, d))}
            options={QUESTION_TYPES.map((type) => ({ id: type, label: t(`type.${type}`) }))}
          />
        )}
        <TextField label={t('editor.name')} description={t('editor.nameHint')} value={draft.name ?? ''} onChange={(name) => update({ name: name || undefined })} />
        <TextField
          label={t('editor.stem')}
          value={draft.stem.text}
          onChange={(text) => update({ stem: { ...draft.stem, text } })}
          multiline
          isRequired
          isInvalid={problems.includes('stem_empty')}
          errorMessage={t('problem.stem_empty')}
        />
        <MediaFields question={draft} onChange={(media) => update({ media })} />
        <DecimalField label={t('editor.points')} value={draft.points} min={0} onChange={(points) => update({ points })} />

        <TypeFields question={draft} onChange={setDraft} />

        <TextField label={t('editor.generalFeedback')} description={t('editor.generalFeedbackHint')} value={draft.generalFeedback?.text ?? ''} onChange={(text) => update({ generalFeedback: text ? rich(text) : undefined })} multiline />
        <TextField label={t('editor.category')} description={t('editor.categoryHint')} value={category} onChange={setCategory} />
        <TextField label={t('editor.tags')} description={t('editor.tagsHint')} value={tags} onChange={setTags} />

        {allProblems.length > 0 && (
          <div role="alert" className="quiz-problems">
            <p className="ui-field__error">{t('editor.fix')}</p>
            <ul>
              {allProblems.map((code) => (
                <li key={code}>{t(`problem.${code}`, { defaultValue: t('problem.other', { code }) })}</li>
              ))}
            </ul>
          </div>
        )}
        {conflict && (
          <div role="alert" className="quiz-problems">
            <p>{t('editor.conflict')}</p>
            <Button
              variant="secondary"
              onPress={() => {
                void queryClient.invalidateQueries({ queryKey: quizKeys.questionsOf(courseId) });
                onClose();
              }}
            >
              {t('editor.conflictReload')}
            </Button>
          </div>
        )}
        {formError ? <ErrorState title={t('editor.saveFailed')} error={formError} headingLevel={3} /> : null}
        <div className="studio-actions">
          <Button type="submit" isPending={pending}>
            {t('editor.save')}
          </Button>
          <Button variant="secondary" onPress={() => onClose()}>
            {t('editor.cancel')}
          </Button>
        </div>
      </Form>
      <QuestionPreview question={current()} />
    </div>
  );
}

function MediaFields({ question, onChange }: { question: Question; onChange: (media: Question['media']) => void }) {
  const { t } = useQuizStudioTranslation();
  const media = question.media;
  const kind = media?.kind ?? 'none';
  return (
    <fieldset className="studio-fieldset">
      <legend className="ui-field__label">{t('editor.media')}</legend>
      <RadioGroup
        label={t('editor.mediaKind')}
        orientation="horizontal"
        value={kind}
        onChange={(value) => onChange(value === 'none' ? undefined : { kind: value as 'image' | 'audio', mediaId: media?.mediaId ?? '', alt: media?.alt })}
        options={[
          { id: 'none', label: t('editor.mediaNone') },
          { id: 'image', label: t('editor.mediaImage') },
          { id: 'audio', label: t('editor.mediaAudio') },
        ]}
      />
      {media && (
        <>
          <MediaUpload
            label={media.kind === 'image' ? t('editor.imageFile') : t('editor.audioFile')}
            accept={media.kind === 'image' ? 'image/png,image/jpeg,image/webp' : 'audio/mpeg,audio/ogg,audio/mp4,audio/webm'}
            mediaId={media.mediaId || null}
            onUploaded={(uploaded) => onChange({ ...media, mediaId: uploaded.id })}
          />
          <TextField
            label={media.kind === 'image' ? t('editor.altText') : t('editor.transcript')}
            description={media.kind === 'image' ? t('editor.altTextHint') : t('editor.transcriptHint')}
            value={media.alt ?? ''}
            onChange={(alt) => onChange({ ...media, alt: alt || undefined })}
            multiline={media.kind === 'audio'}
          />
        </>
      )}
    </fieldset>
  );
}

function TypeFields({ question, onChange }: { question: Question; onChange: (question: Question) => void }) {
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice':
      return <ChoiceFields question={question} onChange={onChange} />;
    case 'true_false':
      return <TrueFalseFields question={question} onChange={onChange} />;
    case 'short_text':
      return <ShortTextFields question={question} onChange={onChange} />;
    case 'numeric':
      return <NumericFields question={question} onChange={onChange} />;
    case 'ordering':
      return <OrderingFields question={question} onChange={onChange} />;
    case 'matching':
      return <MatchingFields question={question} onChange={onChange} />;
    case 'essay':
      return <EssayHint />;
  }
}

function EssayHint() {
  const { t } = useQuizStudioTranslation();
  return <p className="studio-hint">{t('editor.essayHint')}</p>;
}

function FeedbackField({ value, onChange }: { value: RichText | undefined; onChange: (value: RichText | undefined) => void }) {
  const { t } = useQuizStudioTranslation();
  return <TextField label={t('editor.feedback')} value={value?.text ?? ''} onChange={(text) => onChange(text ? rich(text) : undefined)} />;
}

function ChoiceFields({ question, onChange }: { question: QuestionOf<'single_choice'> | QuestionOf<'multiple_choice'>; onChange: (q: Question) => void }) {
  const { t } = useQuizStudioTranslation();
  const options = question.options;
  const set = (next: ChoiceOption[]) => onChange({ ...question, options: next });
  const setOne = (index: number, patch: Partial<ChoiceOption>) => set(options.map((o, i) => (i === index ? { ...o, ...patch } : o)));
  return (
    <fieldset className="studio-fieldset">
      <legend className="ui-field__label">{t('editor.options')}</legend>
      <p className="studio-hint">{question.type === 'single_choice' ? t('editor.singleHint') : t('editor.multipleHint')}</p>
      <ReorderableList
        label={t('editor.options')}
        items={options}
        keyOf={(o) => o.id}
        rowLabel={(i) => t('editor.option', { number: i + 1 })}
        minItems={2}
        onMove={(i, d) => set(move(options, i, d))}
        onRemove={(i) => set(options.filter((_, j) => j !== i))}
        render={(option, index) => (
          <>
            <TextField label={t('editor.optionText')} value={option.text.text} onChange={(text) => setOne(index, { text: { ...option.text, text } })} />
            <PercentField label={t('editor.weight')} description={t('editor.weightHint')} value={option.weight} onChange={(weight) => setOne(index, { weight })} />
            <FeedbackField value={option.feedback} onChange={(feedback) => setOne(index, { feedback })} />
          </>
        )}
      />
      <Button variant="secondary" onPress={() => set([...options, { id: newId(), text: rich(), weight: 0 }])}>
        {t('editor.addOption')}
      </Button>
    </fieldset>
  );
}

function TrueFalseFields({ question, onChange }: { question: QuestionOf<'true_false'>; onChange: (q: Question) => void }) {
  const { t } = useQuizStudioTranslation();
  return (
    <fieldset className="studio-fieldset">
      <legend className="ui-field__label">{t('editor.answer')}</legend>
      <RadioGroup
        label={t('editor.correctAnswer')}
        orientation="horizontal"
        value={question.correct ? 'true' : 'false'}
        onChange={(value) => onChange({ ...question, correct: value === 'true' })}
        options={[
          { id: 'true', label: t('editor.true') },
          { id: 'false', label: t('editor.false') },
        ]}
      />
      <TextField label={t('editor.feedbackTrue')} value={question.feedbackTrue?.text ?? ''} onChange={(text) => onChange({ ...question, feedbackTrue: text ? rich(text) : undefined })} />
      <TextField label={t('editor.feedbackFalse')} value={question.feedbackFalse?.text ?? ''} onChange={(text) => onChange({ ...question, feedbackFalse: text ? rich(text) : undefined })} />
    </fieldset>
  );
}

function ShortTextFields({ question, onChange }: { question: QuestionOf<'short_text'>; onChange: (q: Question) => void }) {
  const { t } = useQuizStudioTranslation();
  const answers = question.answers;
  const set = (next: ShortTextAnswer[]) => onChange({ ...question, answers: next });
  const setOne = (index: number, patch: Partial<ShortTextAnswer>) => set(answers.map((a, i) => (i === index ? { ...a, ...patch } : a)));
  return (
    <fieldset className="studio-fieldset">
      <legend className="ui-field__label">{t('editor.acceptedAnswers')}</legend>
      <p className="studio-hint">{t('editor.shortTextHint')}</p>
      <ReorderableList
        label={t('editor.acceptedAnswers')}
        items={answers}
        keyOf={(a) => a.id}
        rowLabel={(i) => t('editor.acceptedAnswer', { number: i + 1 })}
        minItems={1}
        onRemove={(i) => set(answers.filter((_, j) => j !== i))}
        render={(answer, index) => (
          <>
            <TextField label={t('editor.answerText')} value={answer.text} onChange={(text) => setOne(index, { text })} />
            <PercentField label={t('editor.weight')} value={answer.weight} onChange={(weight) => setOne(index, { weight })} />
            <FeedbackField value={answer.feedback} onChange={(feedback) => setOne(index, { feedback })} />
          </>
        )}
      />
      <Button variant="secondary" onPress={() => set([...answers, { id: newId(), text: '', weight: 1 }])}>
        {t('editor.addAnswer')}
      </Button>
    </fieldset>
  );
}

function NumericFields({ question, onChange }: { question: QuestionOf<'numeric'>; onChange: (q: Question) => void }) {
  const { t } = useQuizStudioTranslation();
  const answers = question.answers;
  const set = (next: NumericAnswer[]) => onChange({ ...question, answers: next });
  const setOne = (index: number, patch: Partial<NumericAnswer>) => set(answers.map((a, i) => (i === index ? { ...a, ...patch } : a)));
  const setKind = (index: number, kind: NumericMatch['kind']) =>
    setOne(index, { match: kind === 'value' ? { kind, value: 0, tolerance: 0 } : kind === 'range' ? { kind, min: 0, max: 1 } : { kind } });
  return (
    <fieldset className="studio-fieldset">
      <legend className="ui-field__label">{t('editor.acceptedAnswers')}</legend>
      <p className="studio-hint">{t('editor.numericHint')}</p>
      <ReorderableList
        label={t('editor.acceptedAnswers')}
        items={answers}
        keyOf={(a) => a.id}
        rowLabel={(i) => t('editor.acceptedAnswer', { number: i + 1 })}
        minItems={1}
        onRemove={(i) => set(answers.filter((_, j) => j !== i))}
        render={(answer, index) => {
          const m = answer.match;
          return (
            <>
              <RadioGroup
                label={t('editor.numericKind')}
                orientation="horizontal"
                value={m.kind}
                onChange={(kind) => setKind(index, kind as NumericMatch['kind'])}
                options={[
                  { id: 'value', label: t('editor.numericValue') },
                  { id: 'range', label: t('editor.numericRange') },
                  { id: 'any', label: t('editor.numericAny') },
                ]}
              />
              {m.kind === 'value' && (
                <div className="quiz-inline-fields">
                  <DecimalField label={t('editor.value')} value={m.value} onChange={(value) => setOne(index, { match: { ...m, value } })} />
                  <DecimalField label={t('editor.tolerance')} value={m.tolerance} min={0} onChange={(tolerance) => setOne(index, { match: { ...m, tolerance } })} />
                </div>
              )}
              {m.kind === 'range' && (
                <div className="quiz-inline-fields">
                  <DecimalField label={t('editor.min')} value={m.min} onChange={(min) => setOne(index, { match: { ...m, min } })} />
                  <DecimalField label={t('editor.max')} value={m.max} onChange={(max) => setOne(index, { match: { ...m, max } })} />
                </div>
              )}
              <PercentField label={t('editor.weight')} value={answer.weight} onChange={(weight) => setOne(index, { weight })} />
              <FeedbackField value={answer.feedback} onChange={(feedback) => setOne(index, { feedback })} />
            </>
          );
        }}
      />
      <Button variant="secondary" onPress={() => set([...answers, { id: newId(), match: { kind: 'value', value: 0, tolerance: 0 }, weight: 0 }])}>
        {t('editor.addAnswer')}
      </Button>
    </fieldset>
  );
}

function OrderingFields({ question, onChange }: { question: QuestionOf<'ordering'>; onChange: (q: Question) => void }) {
  const { t } = useQuizStudioTranslation();
  const items = question.items;
  const set = (next: OrderingItem[]) => onChange({ ...question, items: next });
  return (
    <fieldset className="studio-fieldset">
      <legend className="ui-field__label">{t('editor.items')}</legend>
      <p className="studio-hint">{t('editor.orderingHint')}</p>
      <ReorderableList
        label={t('editor.items')}
        items={items}
        keyOf={(i) => i.id}
        rowLabel={(i) => t('editor.item', { number: i + 1 })}
        minItems={2}
        onMove={(i, d) => set(move(items, i, d))}
        onRemove={(i) => set(items.filter((_, j) => j !== i))}
        render={(item, index) => (
          <TextField label={t('editor.itemText')} value={item.text.text} onChange={(text) => set(items.map((it, j) => (j === index ? { ...it, text: { ...it.text, text } } : it)))} />
        )}
      />
      <Button variant="secondary" onPress={() => set([...items, { id: newId(), text: rich() }])}>
        {t('editor.addItem')}
      </Button>
    </fieldset>
  );
}

function MatchingFields({ question, onChange }: { question: QuestionOf<'matching'>; onChange: (q: Question) => void }) {
  const { t } = useQuizStudioTranslation();
  const pairs = question.pairs;
  const setPairs = (next: MatchingPair[]) => onChange({ ...question, pairs: next });
  const setDistractors = (next: string[]) => onChange({ ...question, distractors: next });
  const distractors = question.distractors.map((text, index) => ({ key: `d${index}`, text }));
  return (
    <>
      <fieldset className="studio-fieldset">
        <legend className="ui-field__label">{t('editor.pairs')}</legend>
        <p className="studio-hint">{t('editor.matchingHint')}</p>
        <ReorderableList
          label={t('editor.pairs')}
          items={pairs}
          keyOf={(p) => p.id}
          rowLabel={(i) => t('editor.pair', { number: i + 1 })}
          minItems={2}
          onMove={(i, d) => setPairs(move(pairs, i, d))}
          onRemove={(i) => setPairs(pairs.filter((_, j) => j !== i))}
          render={(pair, index) => (
            <div className="quiz-inline-fields">
              <TextField label={t('editor.prompt')} value={pair.prompt.text} onChange={(text) => setPairs(pairs.map((p, j) => (j === index ? { ...p, prompt: { ...p.prompt, text } } : p)))} />
              <TextField label={t('editor.match')} value={pair.answer} onChange={(answer) => setPairs(pairs.map((p, j) => (j === index ? { ...p, answer } : p)))} />
            </div>
          )}
        />
        <Button variant="secondary" onPress={() => setPairs([...pairs, { id: newId(), prompt: rich(), answer: '' }])}>
          {t('editor.addPair')}
        </Button>
      </fieldset>
      <fieldset className="studio-fieldset">
        <legend className="ui-field__label">{t('editor.distractors')}</legend>
        <p className="studio-hint">{t('editor.distractorsHint')}</p>
        {distractors.length > 0 && (
          <ReorderableList
            label={t('editor.distractors')}
            items={distractors}
            keyOf={(d) => d.key}
            rowLabel={(i) => t('editor.distractor', { number: i + 1 })}
            onRemove={(i) => setDistractors(question.distractors.filter((_, j) => j !== i))}
            render={(d, index) => <TextField label={t('editor.distractorText')} value={d.text} onChange={(text) => setDistractors(question.distractors.map((x, j) => (j === index ? text : x)))} />}
          />
        )}
        <Button variant="secondary" onPress={() => setDistractors([...question.distractors, ''])}>
          {t('editor.addDistractor')}
        </Button>
      </fieldset>
    </>
  );
}
