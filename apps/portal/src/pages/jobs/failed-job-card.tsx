import type { Locale } from '@baanrian/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/errors';
import { isoDate } from '../../i18n/format';
import { Button, Card, Dialog, TextField } from '../../ui';
import { showToast } from '../../ui/toast-queue';
import { type FailedJobDto, failedJobKeys, useFailedJobsApi } from './failed-jobs-api';
import { useJobsTranslation } from './failed-jobs-i18n';

/** Date and time in Thai time, Buddhist Era in Thai. */
export function formatDateTime(value: string, locale: Locale): string {
  const tag = locale === 'th' ? 'th-TH-u-ca-buddhist' : locale === 'en' ? 'en-GB' : 'vi-VN';
  return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Bangkok' }).format(new Date(value));
}

const payloadText = (payload: Record<string, unknown>) =>
  Object.entries(payload)
    .map(([key, value]) => `${key}: ${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`)
    .join('; ');

/** One failure: what ran, why it failed, when; retry or dismiss while it is open. */
export function FailedJobCard({ failure, locale }: { failure: FailedJobDto; locale: Locale }) {
  const { t } = useJobsTranslation();
  const api = useFailedJobsApi();
  const queryClient = useQueryClient();
  const [dismissing, setDismissing] = useState(false);
  const headingId = `failed-job-${failure.id}`;
  const when = (value: string) => <time dateTime={isoDate(value)}>{formatDateTime(value, locale)}</time>;
  const retry = useMutation({
    mutationFn: () => api.retry(failure.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: failedJobKeys.all });
      showToast({ title: t('retriedToast', { name: failure.jobName }), variant: 'success' });
    },
    onError: (error) => showToast({ title: error instanceof ApiError ? error.message : t('actionError'), variant: 'error' }),
  });

  return (
    <Card as="article" className="failed-job" aria-labelledby={headingId}>
      <h2 id={headingId} className="failed-job__title">
        <code>{failure.jobName}</code>
      </h2>
      <dl className="failed-job__facts">
        <div>
          <dt>{t('fields.queue')}</dt>
          <dd>{t(`queues.${failure.queue}`)}</dd>
        </div>
        <div>
          <dt>{t('fields.error')}</dt>
          <dd>
            {failure.errorMessage}
            {failure.errorCode && <> (<code>{failure.errorCode}</code>)</>}
          </dd>
        </div>
        <div>
          <dt>{t('fields.failed')}</dt>
          <dd>
            {when(failure.lastFailedAt)} · {t('attempts', { count: failure.attempts })}
            {failure.failures > 1 && <> · {t('failures', { count: failure.failures })}</>}
          </dd>
        </div>
        <div>
          <dt>{t('fields.job')}</dt>
          <dd>
            <code>{failure.jobId}</code>
            {Object.keys(failure.payload).length > 0 && <span className="failed-job__payload">{payloadText(failure.payload)}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('fields.status')}</dt>
          <dd>
            {t(`statuses.${failure.status}`)}
            {failure.resolvedAt && <> · {when(failure.resolvedAt)}</>}
            {failure.resolvedByName && <> · {failure.resolvedByName}</>}
            {failure.resolutionNote && <> · {failure.resolutionNote}</>}
          </dd>
        </div>
      </dl>
      {failure.status === 'open' && !failure.retryable && <p className="failed-job__hint">{t('notRetryable')}</p>}
      {failure.status === 'open' && (
        <div className="failed-job__actions">
          {failure.retryable && (
            <Button isPending={retry.isPending} onPress={() => retry.mutate()}>
              {t('retry')}
            </Button>
          )}
          <Button variant="secondary" onPress={() => setDismissing(true)}>
            {t('dismiss')}
          </Button>
        </div>
      )}
      {dismissing && <DismissDialog failure={failure} onClose={() => setDismissing(false)} />}
    </Card>
  );
}

const MIN_REASON = 3;

function DismissDialog({ failure, onClose }: { failure: FailedJobDto; onClose: () => void }) {
  const { t } = useJobsTranslation();
  const api = useFailedJobsApi();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const valid = reason.trim().length >= MIN_REASON;
  const dismiss = useMutation({
    mutationFn: () => api.dismiss(failure.id, reason.trim()),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: failedJobKeys.all });
      showToast({ title: t('dismissedToast', { name: failure.jobName }), variant: 'success' });
      onClose();
    },
    onError: (error) => showToast({ title: error instanceof ApiError ? error.message : t('actionError'), variant: 'error' }),
  });
  const submit = () => {
    setTried(true);
    if (valid) dismiss.mutate();
  };
  return (
    <Dialog
      title={t('dismissTitle', { name: failure.jobName })}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      actions={() => (
        <Button isPending={dismiss.isPending} onPress={submit}>
          {t('dismissConfirm')}
        </Button>
      )}
    >
      <p>{t('dismissBody')}</p>
      <TextField
        label={t('reason')}
        multiline
        autoFocus
        isRequired
        value={reason}
        onChange={setReason}
        isInvalid={tried && !valid}
        errorMessage={t('reasonRequired')}
      />
    </Dialog>
  );
}
