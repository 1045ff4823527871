import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { COURSE_FORMATS, LOCALES, TARGET_GROUPS, type CourseFormat, type Locale, type LocalizedText, type TargetGroup } from '@baanrian/contracts';
import { useDocumentTitle } from '../../app/use-document-title';
import { RequireSession } from '../../auth/require-session';
import { useSubmit } from '../../forms/use-submit';
import { formatDate } from '../../i18n/format';
import { currentLocale, LOCALE_ENDONYMS } from '../../i18n/i18n';
import { navigate } from '../../routing/location';
import { Button, Checkbox, EmptyState, ErrorState, Link, LoadingState, RadioGroup, TextField } from '../../ui';
import { courseHref, STUDIO_ROLES, studioKeys, textIn, useStudioApi } from './studio-common';
import type { InvitationDto, StudioCourseSummaryDto } from './studio-api';
import { useStudioTranslation } from './studio-i18n';
import './studio.css';

/** `/studio`: the instructor's courses, pending co-teaching invitations, and "create a course". */
export default function MyCoursesPage() {
  return (
    <RequireSession roles={STUDIO_ROLES}>
      <MyCourses />
    </RequireSession>
  );
}

function MyCourses() {
  const { t } = useStudioTranslation();
  useDocumentTitle(t('courses.title'));
  const api = useStudioApi();
  const [creating, setCreating] = useState(false);
  const courses = useQuery({ queryKey: studioKeys.courses(), queryFn: ({ signal }) => api.courses(signal), staleTime: 0 });

  return (
    <div className="page studio-page">
      <h1>{t('courses.title')}</h1>
      <Invitations />
      <section aria-labelledby="studio-courses-heading" className="studio-section">
        <div className="studio-section__header">
          <h2 id="studio-courses-heading">{t('courses.listHeading')}</h2>
          {!creating && <Button onPress={() => setCreating(true)}>{t('courses.create')}</Button>}
        </div>
        {creating && <CreateCourseForm onCancel={() => setCreating(false)} />}
        {courses.isPending ? (
          <LoadingState label={t('courses.loading')} />
        ) : courses.isError ? (
          <ErrorState title={t('courses.loadFailed')} error={courses.error} onRetry={() => void courses.refetch()} retrying={courses.isFetching} />
        ) : courses.data.length === 0 ? (
          <EmptyState title={t('courses.none')}>
            <p>{t('courses.noneHint')}</p>
          </EmptyState>
        ) : (
          <ul role="list" className="studio-course-list">
            {courses.data.map((course) => (
              <CourseItem key={course.id} course={course} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function CourseItem({ course }: { course: StudioCourseSummaryDto }) {
  const { t, i18n } = useStudioTranslation();
  const { t: tc } = useTranslation();
  const locale = currentLocale(i18n);
  const title = textIn(course.title, locale, course.language) || t('courses.untitled');
  return (
    <li className="studio-course">
      <h3 className="studio-course__title">
        <Link href={courseHref(course.id)}>{title}</Link>
      </h3>
      <p className="studio-course__meta">
        <span className={`studio-status studio-status--${course.status}`}>{t(`status.${course.status}`)}</span>
        {course.hasUnpublishedChanges && course.status !== 'draft' && <span className="studio-status studio-status--changes">{t('status.unpublishedChanges')}</span>}
        <span>{tc(`format.${course.format}`)}</span>
        <span>{t('courses.updated', { date: formatDate(course.updatedAt, locale) })}</span>
      </p>
    </li>
  );
}

function Invitations() {
  const { t, i18n } = useStudioTranslation();
  const api = useStudioApi();
  const queryClient = useQueryClient();
  const locale = currentLocale(i18n);
  const invitations = useQuery({ queryKey: studioKeys.invitations(), queryFn: ({ signal }) => api.invitations(signal), staleTime: 0 });
  const { formError, pending, run } = useSubmit();
  const [message, setMessage] = useState('');

  if (!invitations.data || invitations.data.length === 0) return <p role="status" className="visually-hidden">{message}</p>;

  const answer = (invitation: InvitationDto, accept: boolean) =>
    void run(async () => {
      await (accept ? api.acceptInvitation(invitation.courseId) : api.declineInvitation(invitation.courseId));
      setMessage(t(accept ? 'invitations.accepted' : 'invitations.declined', { title: textIn(invitation.courseTitle, locale) }));
      await queryClient.invalidateQueries({ queryKey: studioKeys.all });
    });

  return (
    <section aria-labelledby="studio-invitations-heading" className="studio-section studio-invitations">
      <h2 id="studio-invitations-heading">{t('invitations.heading')}</h2>
      <p role="status">{message}</p>
      {formError ? <ErrorState title={t('invitations.failed')} error={formError} headingLevel={3} /> : null}
      <ul role="list" className="studio-course-list">
        {invitations.data.map((invitation) => {
          const title = textIn(invitation.courseTitle, locale);
          return (
            <li key={invitation.courseId} className="studio-course">
              <h3 className="studio-course__title">{title}</h3>
              <p className="studio-course__meta">
                {invitation.invitedBy ? t('invitations.from', { name: invitation.invitedBy }) : null}{' '}
                {t('invitations.on', { date: formatDate(invitation.invitedAt, locale) })}
              </p>
              <div className="studio-actions">
                <Button isDisabled={pending} onPress={() => answer(invitation, true)} aria-label={t('invitations.acceptLabel', { title })}>
                  {t('invitations.accept')}
                </Button>
                <Button variant="secondary" isDisabled={pending} onPress={() => answer(invitation, false)} aria-label={t('invitations.declineLabel', { title })}>
                  {t('invitations.decline')}
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The few fields a course needs to exist; the rest are edited on the course page. */
function CreateCourseForm({ onCancel }: { onCancel: () => void }) {
  const { t, i18n } = useStudioTranslation();
  const { t: tc } = useTranslation();
  const api = useStudioApi();
  const queryClient = useQueryClient();
  const [language, setLanguage] = useState<Locale>(currentLocale(i18n));
  const [format, setFormat] = useState<CourseFormat>('self_paced');
  const [groups, setGroups] = useState<TargetGroup[]>([]);
  const [groupsError, setGroupsError] = useState(false);
  const { errors, formError, pending, run } = useSubmit({ codeFields: { COURSE_SLUG_TAKEN: 'title' } });

  return (
    <Form
      className="studio-form studio-create"
      validationErrors={errors}
      aria-labelledby="studio-create-heading"
      onSubmit={(event) => {
        event.preventDefault();
        const title = String(new FormData(event.currentTarget).get('title') ?? '').trim();
        if (groups.length === 0) {
          setGroupsError(true);
          return;
        }
        void run(async () => {
          const course = await api.createCourse({ title: { [language]: title } as LocalizedText, language, format, targetGroups: groups });
          await queryClient.invalidateQueries({ queryKey: studioKeys.courses() });
          navigate(courseHref(course.id));
        });
      }}
    >
      <h3 id="studio-create-heading">{t('create.heading')}</h3>
      <RadioGroup
        label={t('fields.language')}
        orientation="horizontal"
        value={language}
        onChange={(value) => setLanguage(value as Locale)}
        options={LOCALES.map((l) => ({ id: l, label: LOCALE_ENDONYMS[l], lang: l }))}
      />
      <TextField name="title" label={t('fields.titleIn', { language: LOCALE_ENDONYMS[language] })} isRequired lang={language} errorMessage={(v) => (v.isInvalid && v.validationDetails.valueMissing ? t('fields.required') : v.validationErrors.join(' '))} />
      <RadioGroup label={t('fields.format')} value={format} onChange={(value) => setFormat(value as CourseFormat)} options={COURSE_FORMATS.map((f) => ({ id: f, label: tc(`format.${f}`) }))} />
      <fieldset className="studio-fieldset" aria-describedby={groupsError ? 'studio-create-groups-error' : undefined}>
        <legend className="ui-field__label">{t('fields.targetGroups')}</legend>
        {TARGET_GROUPS.map((group) => (
          <Checkbox
            key={group}
            isSelected={groups.includes(group)}
            onChange={(on) => {
              setGroupsError(false);
              setGroups((current) => (on ? [...current, group] : current.filter((g) => g !== group)));
            }}
          >
            {tc(`targetGroup.${group}`)}
          </Checkbox>
        ))}
        {groupsError && (
          <p id="studio-create-groups-error" className="ui-field__error" role="alert">
            {t('fields.targetGroupsRequired')}
          </p>
        )}
      </fieldset>
      {formError ? <ErrorState title={t('create.failed')} error={formError} headingLevel={3} /> : null}
      <div className="studio-actions">
        <Button type="submit" isDisabled={pending}>
          {t('create.submit')}
        </Button>
        <Button variant="secondary" onPress={onCancel}>
          {t('create.cancel')}
        </Button>
      </div>
    </Form>
  );
}
