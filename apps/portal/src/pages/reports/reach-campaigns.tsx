import { useId, useRef, useState, type RefObject } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { REACH_CHANNELS } from '@baanrian/contracts';
import { ApiError } from '../../api/errors';
import { problemFieldErrors } from '../../forms/problem-field-errors';
import { Button, Card, Dialog, EmptyState, ErrorState, LoadingState, RadioGroup, Select, TextField } from '../../ui';
import { showToast } from '../../ui/toast-queue';
import { campaignToForm, emptyCampaign, NOTE_MAX, validateCampaign, type CampaignField, type CampaignForm } from './campaign-form';
import { DayField } from './day-field';
import { reportKeys, type ReachCampaignDto, type ReportOptionsDto } from './reports-api';
import { formatDay, formatMeasure, useLocale, useReportOptions, useReportsApi } from './reports-common';
import { useReportsTranslation } from './reports-i18n';

/*
 * `/admin/reports/reach` (administrators): reach recorded from social-media campaigns (Facebook
 * insights, a LINE OA's statistics …). Reports count a campaign in the period holding its first
 * day, and always show this source beside the measured one, never blended.
 */

export function ReachCampaigns() {
  const { t } = useReportsTranslation();
  const options = useReportOptions();
  if (options.isPending) return <LoadingState label={t('common.loading')} placeholders={3} />;
  if (options.isError) return <ErrorState title={t('common.loadError')} error={options.error} onRetry={() => void options.refetch()} />;
  return <Campaigns options={options.data} />;
}

function Campaigns({ options }: { options: ReportOptionsDto }) {
  const { t } = useReportsTranslation();
  const api = useReportsApi();
  const campaigns = useQuery({ queryKey: reportKeys.campaigns(), queryFn: ({ signal }) => api.campaigns(signal) });
  const [editing, setEditing] = useState<ReachCampaignDto | null>(null);
  const [deleting, setDeleting] = useState<ReachCampaignDto | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const listId = useId();

  const startEdit = (campaign: ReachCampaignDto) => {
    setEditing(campaign);
    // The form is above the list: take the reader there.
    requestAnimationFrame(() => formHeading.current?.focus());
  };

  return (
    <>
      <p className="reports-note">{t('reach.intro')}</p>
      <CampaignEditor key={editing?.id ?? 'new'} campaign={editing} options={options} headingRef={formHeading} onDone={() => setEditing(null)} />
      <section aria-labelledby={listId} className="reports-section">
        <h2 id={listId}>{t('reach.listTitle')}</h2>
        {campaigns.isPending ? (
          <LoadingState label={t('common.loading')} placeholders={2} />
        ) : campaigns.isError ? (
          <ErrorState title={t('common.loadError')} error={campaigns.error} onRetry={() => void campaigns.refetch()} headingLevel={3} />
        ) : campaigns.data.length === 0 ? (
          <EmptyState title={t('reach.empty')} headingLevel={3} />
        ) : (
          <ul role="list" className="reports-campaigns">
            {campaigns.data.map((campaign) => (
              <li key={campaign.id}>
                <CampaignCard campaign={campaign} options={options} onEdit={() => startEdit(campaign)} onDelete={() => setDeleting(campaign)} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {deleting && (
        <DeleteDialog
          campaign={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            if (editing?.id === deleting.id) setEditing(null);
          }}
        />
      )}
    </>
  );
}

function useCampaignTitle() {
  const { t } = useReportsTranslation();
  const locale = useLocale();
  return (campaign: ReachCampaignDto) =>
    t('reach.cardTitle', { channel: t(`reach.channels.${campaign.channel}`), from: formatDay(campaign.startsOn, locale), to: formatDay(campaign.endsOn, locale) });
}

function CampaignCard({ campaign, options, onEdit, onDelete }: { campaign: ReachCampaignDto; options: ReportOptionsDto; onEdit: () => void; onDelete: () => void }) {
  const { t } = useReportsTranslation();
  const locale = useLocale();
  const title = useCampaignTitle();
  const id = useId();
  const course = campaign.courseId ? (campaign.courseTitle ?? options.courses.find((c) => c.id === campaign.courseId)?.title ?? t('reach.unknownCourse')) : null;
  return (
    <Card as="article" className="reports-campaign" aria-labelledby={id}>
      <h3 id={id} className="reports-card__title">
        {title(campaign)}
      </h3>
      <dl className="reports-facts">
        <div>
          <dt>{course ? t('reach.course') : t('reach.programme')}</dt>
          <dd>{course ?? campaign.programme}</dd>
        </div>
        <div>
          <dt>{t('reach.reach')}</dt>
          <dd>{formatMeasure('reach_recorded', campaign.reach, locale)}</dd>
        </div>
        <div>
          <dt>{t('reach.impressions')}</dt>
          <dd>{campaign.impressions === null ? t('reach.notRecorded') : formatMeasure('reach_recorded', campaign.impressions, locale)}</dd>
        </div>
        {campaign.note && (
          <div>
            <dt>{t('reach.note')}</dt>
            <dd>{campaign.note}</dd>
          </div>
        )}
      </dl>
      {/* Named "Edit"/"Delete" as shown; which campaign is read from the card's heading (description). */}
      <div className="reports-actions">
        <Button variant="secondary" onPress={onEdit} aria-describedby={id}>
          {t('reach.edit')}
        </Button>
        <Button variant="quiet" onPress={onDelete} aria-describedby={id}>
          {t('reach.delete')}
        </Button>
      </div>
    </Card>
  );
}

function CampaignEditor({
  campaign,
  options,
  headingRef,
  onDone,
}: {
  campaign: ReachCampaignDto | null;
  options: ReportOptionsDto;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onDone: () => void;
}) {
  const { t } = useReportsTranslation();
  const api = useReportsApi();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<CampaignForm>(() => (campaign ? campaignToForm(campaign, locale) : emptyCampaign()));
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<CampaignField, string>>>({});
  const id = useId();
  const { errors } = validateCampaign(form);
  const set = (patch: Partial<CampaignForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([field]) => !(field in patch))));
  };
  // Order and number errors show as soon as they are typed; "required" only after a submit.
  const error = (field: CampaignField): string | null => {
    const server = serverErrors[field];
    if (server) return server;
    const code = errors[field];
    if (!code || (code === 'required' && !tried)) return null;
    return t(`reach.errors.${code}`, { max: NOTE_MAX });
  };

  const save = useMutation({
    mutationFn: () => {
      const { input } = validateCampaign(form);
      if (!input) throw new Error('The form is not valid'); // never: submit checks first
      return campaign ? api.updateCampaign(campaign.id, input) : api.createCampaign(input);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: reportKeys.campaigns() });
      void queryClient.invalidateQueries({ queryKey: [...reportKeys.all, 'report'] });
      showToast({ title: campaign ? t('reach.updated') : t('reach.added'), variant: 'success' });
      setForm(emptyCampaign());
      setTried(false);
      onDone();
    },
    onError: (failure) => {
      const fields = problemFieldErrors(failure instanceof ApiError ? failure.problem : null);
      setServerErrors(Object.fromEntries(Object.entries(fields).map(([field, messages]) => [field, messages.join(' ')])));
    },
  });
  const hasServerFieldErrors = Object.keys(serverErrors).length > 0;

  return (
    <section aria-labelledby={id} className="reports-section">
      <h2 id={id} ref={headingRef} tabIndex={-1}>
        {campaign ? t('reach.editTitle') : t('reach.addTitle')}
      </h2>
      <form
        className="reports-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (Object.keys(errors).length === 0) save.mutate();
        }}
      >
        <Select
          label={t('reach.channel')}
          placeholder={t('reach.chooseChannel')}
          isRequired
          selectedKey={form.channel || null}
          onSelectionChange={(key) => set({ channel: String(key) as CampaignForm['channel'] })}
          options={REACH_CHANNELS.map((c) => ({ id: c, label: t(`reach.channels.${c}`) }))}
          isInvalid={!!error('channel')}
          errorMessage={error('channel') ?? undefined}
        />
        <div className="period-picker__range">
          <DayField label={t('reach.startsOn')} isRequired value={form.startsOn} onChange={(startsOn) => set({ startsOn })} error={error('startsOn')} />
          <DayField label={t('reach.endsOn')} isRequired value={form.endsOn} onChange={(endsOn) => set({ endsOn })} error={error('endsOn')} />
        </div>
        <RadioGroup
          label={t('reach.for')}
          value={form.target}
          onChange={(target) => set({ target: target as CampaignForm['target'] })}
          options={[
            { id: 'programme', label: t('reach.programme') },
            ...(options.courses.length > 0 ? [{ id: 'course', label: t('reach.course') }] : []),
          ]}
        />
        {form.target === 'course' ? (
          <Select
            label={t('reach.course')}
            placeholder={t('reach.chooseCourse')}
            isRequired
            selectedKey={form.courseId || null}
            onSelectionChange={(key) => set({ courseId: String(key) })}
            options={options.courses.map((c) => ({ id: c.id, label: c.title }))}
            isInvalid={!!error('courseId')}
            errorMessage={error('courseId') ?? undefined}
          />
        ) : (
          <TextField
            label={t('reach.programme')}
            description={t('reach.programmeHint')}
            isRequired
            value={form.programme}
            onChange={(programme) => set({ programme })}
            isInvalid={!!error('programme')}
            errorMessage={error('programme') ?? undefined}
          />
        )}
        <TextField
          label={t('reach.reach')}
          description={t('reach.reachHint')}
          inputMode="numeric"
          isRequired
          value={form.reach}
          onChange={(reach) => set({ reach })}
          isInvalid={!!error('reach')}
          errorMessage={error('reach') ?? undefined}
        />
        <TextField
          label={t('reach.impressions')}
          description={t('reach.impressionsHint')}
          inputMode="numeric"
          value={form.impressions}
          onChange={(impressions) => set({ impressions })}
          isInvalid={!!error('impressions')}
          errorMessage={error('impressions') ?? undefined}
        />
        <TextField
          label={t('reach.note')}
          multiline
          value={form.note}
          onChange={(note) => set({ note })}
          isInvalid={!!error('note')}
          errorMessage={error('note') ?? undefined}
        />
        {tried && Object.keys(errors).length > 0 && (
          <p role="alert" className="ui-field__error">
            {t('reach.fixErrors')}
          </p>
        )}
        {save.isError && !hasServerFieldErrors && <ErrorState title={t('common.saveError')} error={save.error} headingLevel={3} />}
        <div className="reports-actions">
          <Button type="submit" isPending={save.isPending}>
            {campaign ? t('reach.saveChanges') : t('reach.add')}
          </Button>
          {campaign && (
            <Button variant="secondary" onPress={onDone}>
              {t('reach.cancel')}
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}

function DeleteDialog({ campaign, onClose, onDeleted }: { campaign: ReachCampaignDto; onClose: () => void; onDeleted: () => void }) {
  const { t } = useReportsTranslation();
  const api = useReportsApi();
  const queryClient = useQueryClient();
  const title = useCampaignTitle();
  const remove = useMutation({
    mutationFn: () => api.deleteCampaign(campaign.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: reportKeys.campaigns() });
      void queryClient.invalidateQueries({ queryKey: [...reportKeys.all, 'report'] });
      showToast({ title: t('reach.deleted'), variant: 'success' });
      onDeleted();
      onClose();
    },
    onError: () => showToast({ title: t('common.saveError'), variant: 'error' }),
  });
  return (
    <Dialog
      title={t('reach.deleteTitle')}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      actions={() => (
        <Button isPending={remove.isPending} onPress={() => remove.mutate()}>
          {t('reach.deleteConfirm')}
        </Button>
      )}
    >
      <p>{title(campaign)}</p>
      <p>{t('reach.deleteBody')}</p>
    </Dialog>
  );
}
