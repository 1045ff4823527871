import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EnrollmentChannel } from '@baanrian/contracts';
import { ApiError } from '../../api/errors';
import { signInHref } from '../../auth/next-path';
import { useSession } from '../../auth/session-context';
import { formatDate, formatNumber } from '../../i18n/format';
import { useLocation } from '../../routing/location';
import { Button, Dialog, ErrorState, Link, LoadingState, RadioGroup } from '../../ui';
import type { EnrollmentDto, MyEnrollmentStateDto } from './learning-api';
import { learningKeys, playerHref, useLearningApi, useLocale } from './learning-common';
import { useLearningTranslation } from './learning-i18n';
import './learning.css';

export interface EnrolPanelProps {
  courseId: string;
  format: string;
}

const SELF = 'self';

/**
 * The course page's enrol box: signed out, a way to sign in and come back; signed in, the
 * learner's (or a chosen child's) place in the course: enrol, join the waitlist, withdraw with a
 * confirmation, seats left, and the API's own words when it says no.
 */
export function EnrolPanel({ courseId, format }: EnrolPanelProps) {
  const { t } = useLearningTranslation();
  const session = useSession();
  const { pathname, searchParams } = useLocation();
  const api = useLearningApi();
  const [who, setWho] = useState<string>(SELF);
  const signedIn = session.status === 'signedIn' && !!session.user;
  const canHaveChildren = signedIn && !session.user?.isChild && !session.user?.actingAs;

  const children = useQuery({
    queryKey: learningKeys.children(),
    queryFn: ({ signal }) => api.children(signal),
    enabled: canHaveChildren,
  });
  // A child's data is processed only with the guardian's current consent.
  const eligibleChildren = (children.data ?? []).filter((child) => child.consentGivenAt !== null);
  const forUserId = who === SELF ? undefined : who;

  if (session.status === 'checking' && !session.user) return <LoadingState label={t('enrol.checking')} />;
  if (!signedIn) {
    const query = searchParams.toString();
    return (
      <section className="learning-box enrol" aria-labelledby="enrol-heading">
        <h2 id="enrol-heading">{t('enrol.heading')}</h2>
        <p>{t('enrol.signInHint')}</p>
        <Link variant="button" href={signInHref(pathname + (query ? `?${query}` : ''))}>
          {t('enrol.signIn')}
        </Link>
      </section>
    );
  }

  return (
    <section className="learning-box enrol" aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">{t('enrol.heading')}</h2>
      {eligibleChildren.length > 0 && (
        <RadioGroup
          label={t('enrol.forWhom')}
          value={who}
          onChange={setWho}
          options={[{ id: SELF, label: t('enrol.myself') }, ...eligibleChildren.map((child) => ({ id: child.id, label: child.displayName }))]}
        />
      )}
      <EnrolmentState
        key={who}
        courseId={courseId}
        format={format}
        forUserId={forUserId}
        childName={eligibleChildren.find((child) => child.id === forUserId)?.displayName}
      />
    </section>
  );
}

function EnrolmentState({ courseId, format, forUserId, childName }: EnrolPanelProps & { forUserId?: string; childName?: string }) {
  const { t } = useLearningTranslation();
  const locale = useLocale();
  const api = useLearningApi();
  const queryClient = useQueryClient();
  const key = learningKeys.enrollment(courseId, forUserId ?? null);
  const state = useQuery({ queryKey: key, queryFn: ({ signal }) => api.enrollmentState(courseId, forUserId, signal) });
  // A blended course lets the learner choose (the API lists the channels on offer).
  const choosesChannel = (state.data?.channels.length ?? (format === 'blended' ? 2 : 1)) > 1;
  const [channel, setChannel] = useState<EnrollmentChannel>('online');
  const [confirming, setConfirming] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  const applied = (enrollment: EnrollmentDto) => {
    queryClient.setQueryData<MyEnrollmentStateDto>(key, (old) => (old ? { ...old, enrollment } : old));
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: learningKeys.myLearning() });
  };
  const enrol = useMutation({
    mutationFn: () => api.enroll(courseId, { ...(choosesChannel ? { channel } : {}), ...(forUserId ? { forUserId } : {}) }),
    onSuccess: (enrollment) => {
      applied(enrollment);
      setAnnouncement(enrollment.status === 'waitlisted' ? t('enrol.nowWaitlisted', { position: enrollment.waitlistPosition ?? 1 }) : t('enrol.nowEnrolled'));
    },
  });
  const withdraw = useMutation({
    mutationFn: () => api.withdraw(courseId, forUserId),
    onSuccess: (enrollment) => {
      applied(enrollment);
      setConfirming(false);
      setAnnouncement(t('enrol.nowWithdrawn'));
    },
  });

  if (state.isPending) return <LoadingState label={t('enrol.loading')} />;
  if (state.isError) return <ErrorState title={t('enrol.loadFailed')} error={state.error} headingLevel={3} retrying={state.isFetching} onRetry={() => void state.refetch()} />;

  const { enrollment, seats, open, opensAt, closesAt } = state.data;
  const status = enrollment?.status ?? null;
  const holding = status === 'active' || status === 'completed';
  const seatsLeft = seats.capacity === null ? null : Math.max(0, seats.capacity - seats.taken);
  const full = seatsLeft === 0;
  const subject = childName ? 'child' : 'self';
  const error = enrol.error ?? withdraw.error;

  return (
    <div className="enrol__state">
      {seats.capacity !== null && (
        <p className="enrol__seats">
          {full ? t('enrol.full') : t('enrol.seatsLeft', { count: seatsLeft ?? 0, left: formatNumber(seatsLeft ?? 0, locale), capacity: formatNumber(seats.capacity, locale) })}
          {seats.waitlisted > 0 && <> {t('enrol.waiting', { count: seats.waitlisted, n: formatNumber(seats.waitlisted, locale) })}</>}
        </p>
      )}

      {status === 'active' && <p className="enrol__status">{t(`enrol.status.active.${subject}`, { name: childName })}</p>}
      {status === 'completed' && <p className="enrol__status">{t(`enrol.status.completed.${subject}`, { name: childName })}</p>}
      {status === 'waitlisted' && (
        <p className="enrol__status">{t(`enrol.status.waitlisted.${subject}`, { name: childName, position: formatNumber(enrollment?.waitlistPosition ?? 1, locale) })}</p>
      )}
      {status === 'withdrawn' && <p className="enrol__status">{t(`enrol.status.withdrawn.${subject}`, { name: childName })}</p>}

      {holding && !childName && (
        <p>
          <Link variant="button" href={playerHref(courseId)}>
            {status === 'completed' ? t('enrol.review') : t('enrol.goToCourse')}
          </Link>
        </p>
      )}

      {!holding && status !== 'waitlisted' &&
        (open ? (
          <div className="enrol__actions">
            {choosesChannel && (
              <RadioGroup
                label={t('enrol.channel')}
                value={channel}
                onChange={(value) => setChannel(value as EnrollmentChannel)}
                options={[
                  { id: 'online', label: t('enrol.online') },
                  { id: 'onsite', label: t('enrol.onsite') },
                ]}
              />
            )}
            <Button isPending={enrol.isPending} onPress={() => !enrol.isPending && enrol.mutate()}>
              {full ? t(`enrol.joinWaitlist.${subject}`, { name: childName }) : t(`enrol.enrol.${subject}`, { name: childName })}
            </Button>
          </div>
        ) : (
          <p className="enrol__closed">
            {opensAt && new Date(opensAt) > new Date()
              ? t('enrol.opensOn', { date: formatDate(opensAt, locale) })
              : closesAt
                ? t('enrol.closedOn', { date: formatDate(closesAt, locale) })
                : t('enrol.closed')}
          </p>
        ))}

      {(status === 'active' || status === 'waitlisted') && (
        <p>
          <Button variant="secondary" onPress={() => setConfirming(true)}>
            {status === 'waitlisted' ? t('enrol.leaveWaitlist') : t('enrol.withdraw')}
          </Button>
        </p>
      )}

      {error && (
        <div role="alert" className="learning-error">
          {error instanceof ApiError && error.problem ? <p lang={error.language ?? undefined}>{error.problem.title}</p> : <p>{t('errors.generic')}</p>}
        </div>
      )}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>

      <Dialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        title={status === 'waitlisted' ? t('enrol.confirmLeaveTitle') : t('enrol.confirmWithdrawTitle')}
        actions={() => (
          <Button isPending={withdraw.isPending} onPress={() => !withdraw.isPending && withdraw.mutate()}>
            {status === 'waitlisted' ? t('enrol.leaveWaitlist') : t('enrol.withdraw')}
          </Button>
        )}
      >
        <p>{status === 'waitlisted' ? t('enrol.confirmLeave') : t('enrol.confirmWithdraw')}</p>
        {withdraw.error instanceof ApiError && withdraw.error.problem && (
          <p role="alert" lang={withdraw.error.language ?? undefined}>
            {withdraw.error.problem.title}
          </p>
        )}
      </Dialog>
    </div>
  );
}

export default EnrolPanel;
