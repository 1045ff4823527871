import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { COURSE_FORMATS, LOCALES, TARGET_GROUPS, type CourseFormat, type Locale, type LocalizedText, type TargetGroup } from '@baanrian/contracts';
import { ApiError } from '../../api/errors';
import { useSubmit } from '../../forms/use-submit';
import { currentLocale, LOCALE_ENDONYMS } from '../../i18n/i18n';
import { Button, Checkbox, ErrorState, RadioGroup, Select, Switch, TextField } from '../../ui';
import { MediaUpload } from './media-upload';
import { languagesFirst, studioKeys, textIn, useStudioApi } from './studio-common';
import { isConflict, mediaUrl, type StudioCourseDto, type UpdateCourseBody } from './studio-api';
import { DateTimeField, NumberTextField, parseDecimal, parseWholeNumber } from './studio-fields';
import { useStudioTranslation } from './studio-i18n';

type Texts = Record<Locale, string>;

interface Draft {
  slug: string;
  language: Locale;
  title: Texts;
  summary: Texts;
  description: Texts;
  targetGroups: TargetGroup[];
  format: CourseFormat;
  categoryId: string | null;
  tags: string;
  coverMediaId: string | null;
  capacity: string;
  enrollmentOpensAt: string | null;
  enrollmentClosesAt: string | null;
  startsAt: string | null;
  endsAt: string | null;
  learningHours: string;
  sequential: boolean;
  completionAttendancePercent: string;
}

const texts = (text: Partial<Texts> | null | undefined): Texts => {
  const record = text ?? {};
  return { th: record.th ?? '', en: record.en ?? '', vi: record.vi ?? '' };
};

/** Only the languages that have text: the API requires the course language, the rest are optional. */
const localized = (value: Texts): LocalizedText => Object.fromEntries(LOCALES.filter((l) => value[l].trim()).map((l) => [l, value[l].trim()])) as LocalizedText;

export const draftOf = (course: StudioCourseDto): Draft => ({
  slug: course.slug,
  language: course.language,
  title: texts(course.title),
  summary: texts(course.summary),
  description: texts(course.description),
  targetGroups: course.targetGroups,
  format: course.format,
  categoryId: course.categoryId,
  tags: course.tags.join(', '),
  coverMediaId: course.coverMediaId,
  capacity: course.capacity === null ? '' : String(course.capacity),
  enrollmentOpensAt: course.enrollmentOpensAt,
  enrollmentClosesAt: course.enrollmentClosesAt,
  startsAt: course.startsAt,
  endsAt: course.endsAt,
  learningHours: course.learningHours === null ? '' : String(course.learningHours),
  sequential: course.sequential,
  completionAttendancePercent: course.completionAttendancePercent == null ? '' : String(course.completionAttendancePercent),
});

const numberOrNull = (value: number | null | 'invalid') => (value === 'invalid' ? null : value);

function bodyOf(draft: Draft, draftRevision: number): UpdateCourseBody {
  return {
    draftRevision,
    slug: draft.slug.trim(),
    language: draft.language,
    title: localized(draft.title),
    summary: localized(draft.summary),
    description: localized(draft.description),
    targetGroups: draft.targetGroups,
    format: draft.format,
    categoryId: draft.categoryId,
    tags: draft.tags.split(/[,،、]/).map((tag) => tag.trim()).filter(Boolean),
    coverMediaId: draft.coverMediaId,
    capacity: numberOrNull(parseWholeNumber(draft.capacity)),
    enrollmentOpensAt: draft.enrollmentOpensAt,
    enrollmentClosesAt: draft.enrollmentClosesAt,
    startsAt: draft.startsAt,
    endsAt: draft.endsAt,
    learningHours: numberOrNull(parseDecimal(draft.learningHours)),
    sequential: draft.sequential,
    completionAttendancePercent: numberOrNull(attendancePercent(draft.completionAttendancePercent)),
  };
}

/** 1–100, or empty for "every required session". */
const attendancePercent = (value: string) => {
  const n = parseWholeNumber(value);
  return n === 'invalid' || (n !== null && (n < 1 || n > 100)) ? 'invalid' : n;
};

/** Client-side checks worth making before a round trip (the API checks everything again). */
function problemsOf(draft: Draft): Partial<Record<'title' | 'targetGroups' | 'endsAt' | 'enrollmentClosesAt' | 'numbers', true>> {
  const result: ReturnType<typeof problemsOf> = {};
  if (!draft.title[draft.language].trim()) result.title = true;
  if (draft.targetGroups.length === 0) result.targetGroups = true;
  if (draft.startsAt && draft.endsAt && draft.endsAt <= draft.startsAt) result.endsAt = true;
  if (draft.enrollmentOpensAt && draft.enrollmentClosesAt && draft.enrollmentClosesAt <= draft.enrollmentOpensAt) result.enrollmentClosesAt = true;
  if (parseWholeNumber(draft.capacity) === 'invalid' || parseDecimal(draft.learningHours) === 'invalid' || attendancePercent(draft.completionAttendancePercent) === 'invalid') result.numbers = true;
  return result;
}

/** Every course field; saved with the draft revision it was loaded at (stale → 409, see below). */
export function CourseDetailsForm({ course }: { course: StudioCourseDto }) {
  const { t, i18n } = useStudioTranslation();
  const { t: tc } = useTranslation();
  const locale = currentLocale(i18n);
  const api = useStudioApi();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(course));
  const [revision, setRevision] = useState(course.draftRevision);
  const [conflict, setConflict] = useState(false);
  const [checked, setChecked] = useState(false);
  const [saved, setSaved] = useState('');
  const { errors, formError, pending, run, clearError } = useSubmit({ codeFields: { COURSE_SLUG_TAKEN: 'slug' } });
  const categories = useQuery({ queryKey: studioKeys.categories(), queryFn: ({ signal }) => api.categories(signal), staleTime: 300_000 });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setSaved('');
    setDraft((current) => ({ ...current, [key]: value }));
  };
  const setText = (field: 'title' | 'summary' | 'description', language: Locale, value: string) =>
    set(field, { ...draft[field], [language]: value });
  const problems = checked ? problemsOf(draft) : {};

  const save = (atRevision: number) =>
    run(async () => {
      try {
        const body = bodyOf(draft, atRevision);
        // The slug is fixed once published (the API answers 400 to a change): send it only when edited.
        if (body.slug === course.slug) delete body.slug;
        const updated = await api.updateCourse(course.id, body);
        setRevision(updated.draftRevision);
        setConflict(false);
        queryClient.setQueryData(studioKeys.course(course.id), updated);
        void queryClient.invalidateQueries({ queryKey: studioKeys.courses() });
        setSaved(t('details.saved'));
      } catch (error) {
        if (isConflict(error) && (error as ApiError).problem?.code !== 'COURSE_SLUG_TAKEN') {
          setConflict(true);
          return;
        }
        throw error;
      }
    });

  /** Someone else saved first: take their version (mine is dropped) … */
  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ queryKey: studioKeys.course(course.id), queryFn: () => api.course(course.id), staleTime: 0 });
    setDraft(draftOf(fresh));
    setRevision(fresh.draftRevision);
    setConflict(false);
    clearError();
    setSaved(t('details.reloaded'));
  };
  /** … or keep mine: save it again over theirs, at their revision. */
  const keepMine = async () => {
    const fresh = await api.course(course.id);
    await save(fresh.draftRevision);
  };

  return (
    <Form
      className="studio-form"
      validationErrors={errors}
      aria-label={t('editor.tab.details')}
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        if (Object.keys(problemsOf(draft)).length > 0) return;
        void save(revision);
      }}
    >
      <RadioGroup
        label={t('fields.language')}
        description={t('fields.languageHint')}
        orientation="horizontal"
        value={draft.language}
        onChange={(value) => set('language', value as Locale)}
        options={LOCALES.map((l) => ({ id: l, label: LOCALE_ENDONYMS[l], lang: l }))}
      />
      {languagesFirst(draft.language).map((language) => {
        const name = LOCALE_ENDONYMS[language];
        const primary = language === draft.language;
        return (
          <fieldset key={language} className="studio-fieldset" lang={language}>
            <legend className="ui-field__label" lang={locale}>
              {primary ? t('fields.courseLanguageTexts', { language: name }) : t('fields.translationTexts', { language: name })}
            </legend>
            <TextField
              label={t('fields.titleIn', { language: name })}
              value={draft.title[language]}
              onChange={(value) => setText('title', language, value)}
              isRequired={primary}
              isInvalid={primary && problems.title}
              errorMessage={t('fields.required')}
              name={primary ? 'title' : undefined}
            />
            <TextField label={t('fields.summaryIn', { language: name })} value={draft.summary[language]} onChange={(value) => setText('summary', language, value)} multiline />
            <TextField
              label={t('fields.descriptionIn', { language: name })}
              description={t('fields.markdownHint')}
              value={draft.description[language]}
              onChange={(value) => setText('description', language, value)}
              multiline
              className="ui-field studio-markdown"
            />
          </fieldset>
        );
      })}
      <TextField name="slug" label={t('fields.slug')} description={t('fields.slugHint')} value={draft.slug} onChange={(value) => set('slug', value)} />
      <fieldset className="studio-fieldset" aria-describedby={problems.targetGroups ? 'studio-groups-error' : undefined}>
        <legend className="ui-field__label">{t('fields.targetGroups')}</legend>
        {TARGET_GROUPS.map((group) => (
          <Checkbox
            key={group}
            isSelected={draft.targetGroups.includes(group)}
            onChange={(on) => set('targetGroups', on ? [...draft.targetGroups, group] : draft.targetGroups.filter((g) => g !== group))}
          >
            {tc(`targetGroup.${group}`)}
          </Checkbox>
        ))}
        {problems.targetGroups && (
          <p id="studio-groups-error" className="ui-field__error">
            {t('fields.targetGroupsRequired')}
          </p>
        )}
      </fieldset>
      <RadioGroup label={t('fields.format')} value={draft.format} onChange={(value) => set('format', value as CourseFormat)} options={COURSE_FORMATS.map((f) => ({ id: f, label: tc(`format.${f}`) }))} />
      <Select
        label={t('fields.category')}
        selectedKey={draft.categoryId ?? 'none'}
        onSelectionChange={(key) => set('categoryId', key === 'none' ? null : String(key))}
        options={[{ id: 'none', label: t('fields.noCategory') }, ...(categories.data ?? []).map((c) => ({ id: c.id, label: textIn(c.name, locale) }))]}
      />
      <TextField label={t('fields.tags')} description={t('fields.tagsHint')} value={draft.tags} onChange={(value) => set('tags', value)} />
      <div className="studio-cover">
        {draft.coverMediaId && <img src={`${mediaUrl(draft.coverMediaId)}?w=320`} alt={t('fields.coverAlt')} width={320} height={180} className="studio-cover__image" />}
        <MediaUpload
          label={t('fields.cover')}
          accept="image/jpeg,image/png,image/webp"
          mediaId={draft.coverMediaId}
          onUploaded={(media) => set('coverMediaId', media.id)}
          onRemove={() => set('coverMediaId', null)}
        />
      </div>
      <NumberTextField label={t('fields.capacity')} description={t('fields.capacityHint')} value={draft.capacity} onChange={(value) => set('capacity', value)} />
      <div className="studio-dates">
        <DateTimeField label={t('fields.enrollmentOpensAt')} value={draft.enrollmentOpensAt} onChange={(value) => set('enrollmentOpensAt', value)} />
        <DateTimeField
          label={t('fields.enrollmentClosesAt')}
          value={draft.enrollmentClosesAt}
          onChange={(value) => set('enrollmentClosesAt', value)}
          error={problems.enrollmentClosesAt ? t('fields.closeBeforeOpen') : null}
        />
        <DateTimeField label={t('fields.startsAt')} value={draft.startsAt} onChange={(value) => set('startsAt', value)} />
        <DateTimeField label={t('fields.endsAt')} value={draft.endsAt} onChange={(value) => set('endsAt', value)} error={problems.endsAt ? t('fields.endBeforeStart') : null} />
      </div>
      <NumberTextField label={t('fields.learningHours')} value={draft.learningHours} onChange={(value) => set('learningHours', value)} decimal />
      <Switch isSelected={draft.sequential} onChange={(value) => set('sequential', value)}>
        {t('fields.sequential')}
      </Switch>
      <NumberTextField
        label={t('fields.completionAttendancePercent')}
        description={t('fields.completionAttendancePercentHint')}
        value={draft.completionAttendancePercent}
        onChange={(value) => set('completionAttendancePercent', value)}
      />
      {conflict && (
        <div className="studio-conflict" role="alert">
          <h2 className="ui-state__title">{t('details.conflictTitle')}</h2>
          <p>{t('details.conflict')}</p>
          <div className="studio-actions">
            <Button variant="secondary" isDisabled={pending} onPress={() => void reload()}>
              {t('details.reload')}
            </Button>
            <Button isDisabled={pending} onPress={() => void keepMine()}>
              {t('details.keepMine')}
            </Button>
          </div>
        </div>
      )}
      {formError ? <ErrorState title={t('details.saveFailed')} error={formError} /> : null}
      {checked && Object.keys(problems).length > 0 && (
        <p className="ui-field__error" role="alert">
          {t('details.fixFields')}
        </p>
      )}
      <p role="status" className="studio-saved">
        {saved}
      </p>
      <div className="studio-actions">
        <Button type="submit" isDisabled={pending}>
          {pending ? t('details.saving') : t('details.save')}
        </Button>
      </div>
    </Form>
  );
}
