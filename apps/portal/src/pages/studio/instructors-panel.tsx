import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { useSession } from '../../auth/session-context';
import { hasRole } from '../../auth/session-store';
import { useSubmit } from '../../forms/use-submit';
import { Button, EmptyState, ErrorState, LoadingState, TextField } from '../../ui';
import { studioKeys, useStudioApi } from './studio-common';
import type { StudioCourseDto } from './studio-api';
import { useStudioTranslation } from './studio-i18n';

/** Co-instructors: invited by email (an existing instructor account), listed, removed by the owner. */
export function InstructorsPanel({ course }: { course: StudioCourseDto }) {
  const { t } = useStudioTranslation();
  const api = useStudioApi();
  const session = useSession();
  const queryClient = useQueryClient();
  const key = studioKeys.instructors(course.id);
  const instructors = useQuery({ queryKey: key, queryFn: ({ signal }) => api.instructors(course.id, signal), staleTime: 0 });
  const canManage = course.myRole === 'owner' || course.myRole === 'admin' || hasRole(session, 'admin');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const invite = useSubmit({ codeFields: { INSTRUCTOR_NOT_FOUND: 'email' } });
  const remove = useSubmit();

  return (
    <div className="studio-instructors">
      <p role="status" className="studio-saved">
        {message}
      </p>
      <section aria-labelledby="studio-instructors-heading" className="studio-section">
        <h2 id="studio-instructors-heading">{t('instructors.heading')}</h2>
        {remove.formError ? <ErrorState title={t('instructors.removeFailed')} error={remove.formError} headingLevel={3} /> : null}
        {instructors.isPending ? (
          <LoadingState label={t('instructors.loading')} />
        ) : instructors.isError ? (
          <ErrorState title={t('instructors.loadFailed')} error={instructors.error} onRetry={() => void instructors.refetch()} headingLevel={3} />
        ) : instructors.data.length === 0 ? (
          <EmptyState title={t('instructors.none')} headingLevel={3} />
        ) : (
          <ul role="list" className="studio-course-list">
            {instructors.data.map((person) => (
              <li key={person.userId} className="studio-course">
                <span className="studio-course__title">{person.displayName}</span>
                <span className="studio-course__meta">
                  <span>{person.role === 'owner' ? t('instructors.owner') : person.accepted ? t('instructors.accepted') : t('instructors.pending')}</span>
                </span>
                {canManage && person.role !== 'owner' && (
                  <Button
                    variant="secondary"
                    isDisabled={remove.pending}
                    aria-label={t('instructors.removeNamed', { name: person.displayName })}
                    onPress={() =>
                      void remove.run(async () => {
                        await api.removeInstructor(course.id, person.userId);
                        setMessage(t('instructors.removed', { name: person.displayName }));
                        await queryClient.invalidateQueries({ queryKey: key });
                      })
                    }
                  >
                    {t('instructors.remove')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {canManage && (
        <Form
          className="studio-form studio-inline-form"
          validationErrors={invite.errors}
          aria-labelledby="studio-invite-heading"
          onSubmit={(event) => {
            event.preventDefault();
            const value = email.trim();
            if (!value) return;
            void invite.run(async () => {
              await api.inviteInstructor(course.id, value);
              setEmail('');
              setMessage(t('instructors.invited', { email: value }));
              await queryClient.invalidateQueries({ queryKey: key });
            });
          }}
        >
          <h2 id="studio-invite-heading">{t('instructors.inviteHeading')}</h2>
          <TextField name="email" type="email" label={t('instructors.email')} description={t('instructors.emailHint')} value={email} onChange={setEmail} isRequired errorMessage={(v) => (v.validationDetails.valueMissing ? t('fields.required') : v.validationErrors.join(' '))} />
          {invite.formError ? <ErrorState title={t('instructors.inviteFailed')} error={invite.formError} headingLevel={3} /> : null}
          <Button type="submit" isDisabled={invite.pending}>
            {t('instructors.invite')}
          </Button>
        </Form>
      )}
    </div>
  );
}
