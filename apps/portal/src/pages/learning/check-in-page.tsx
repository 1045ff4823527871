import { useEffect, useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDocumentTitle } from '../../app/use-document-title';
import { ApiError } from '../../api/errors';
import { RequireSession } from '../../auth/require-session';
import { useSession, useSessionStore } from '../../auth/session-context';
import { formatTime } from '../catalog/format-time';
import { useLocation } from '../../routing/location';
import { Button, Link, LoadingState } from '../../ui';
import { problemCode } from './learning-api';
import { idAfter, LEARNING_ROUTES, learningKeys, useLearningApi, useLocale } from './learning-common';
import { useLearningTranslation } from './learning-i18n';

/**
 * `/check-in/{lessonId}?c={code}`: what the session's QR code opens on the learner's phone.
 * Signed out, RequireSession sends them to sign in and back here (code included); then the
 * check-in is posted once and the outcome said plainly.
 */
export default function CheckInPage() {
  const session = useSession();
  const store = useSessionStore();
  // A phone that never signed in here is only assumed signed out: ask the server whenever that
  // assumption appears (RequireSession asks once, which can be before the session has started).
  const assumed = session.status === 'signedOut' && !session.verified;
  useEffect(() => {
    if (assumed) void store.verify();
  }, [assumed, store]);
  return (
    <RequireSession>
      <CheckIn />
    </RequireSession>
  );
}

type Outcome = 'checkedIn' | 'already' | 'expired' | 'invalid' | 'notEnrolled' | 'outsideWindow' | 'noCode' | 'failed';

function outcomeOf(error: unknown): Outcome {
  switch (problemCode(error)) {
    case 'ATTENDANCE_CODE_EXPIRED':
      return 'expired';
    case 'ATTENDANCE_CODE_INVALID':
      return 'invalid';
    case 'ATTENDANCE_NOT_ENROLLED':
      return 'notEnrolled';
    case 'ATTENDANCE_OUTSIDE_WINDOW':
      return 'outsideWindow';
  }
  if (error instanceof ApiError && error.status === 410) return 'expired';
  return 'failed';
}

function CheckIn() {
  const { t } = useLearningTranslation();
  const locale = useLocale();
  const { pathname, searchParams } = useLocation();
  const lessonId = idAfter(LEARNING_ROUTES.checkInPrefix, pathname);
  const code = searchParams.get('c') ?? '';
  const api = useLearningApi();
  const queryClient = useQueryClient();
  const checkIn = useMutation({
    mutationFn: () => api.checkIn(lessonId, code),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: learningKeys.all }),
  });
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current || !code) return;
    sent.current = true;
    checkIn.mutate();
  }, [checkIn, code]);

  const outcome: Outcome | null = !code ? 'noCode' : checkIn.isSuccess ? (checkIn.data.alreadyCheckedIn ? 'already' : 'checkedIn') : checkIn.isError ? outcomeOf(checkIn.error) : null;
  useDocumentTitle(t(outcome ? `checkIn.title.${outcome}` : 'checkIn.checking'));
  const good = outcome === 'checkedIn' || outcome === 'already';

  return (
    <div className="page learning-page check-in">
      {outcome === null ? (
        <>
          <h1>{t('checkIn.checking')}</h1>
          <LoadingState label={t('checkIn.checking')} announce={false} />
        </>
      ) : (
        <div className={`check-in__result check-in__result--${good ? 'ok' : 'problem'}`} role={good ? 'status' : 'alert'}>
          <h1>
            <span aria-hidden="true" className="check-in__icon">
              {good ? '✓' : '!'}
            </span>{' '}
            {t(`checkIn.title.${outcome}`)}
          </h1>
          {checkIn.isSuccess && <p>{t('checkIn.recordedAt', { time: formatTime(checkIn.data.recordedAt, locale) })}</p>}
          <p>{t(`checkIn.hint.${outcome}`)}</p>
          {checkIn.error instanceof ApiError && checkIn.error.problem && outcome === 'failed' && (
            <p lang={checkIn.error.language ?? undefined}>{checkIn.error.problem.title}</p>
          )}
          {outcome === 'failed' && (
            <Button isPending={checkIn.isPending} onPress={() => !checkIn.isPending && checkIn.mutate()}>
              {t('checkIn.retry')}
            </Button>
          )}
        </div>
      )}
      <p>
        <Link href={LEARNING_ROUTES.myLearning}>{t('player.backToMyLearning')}</Link>
      </p>
    </div>
  );
}
