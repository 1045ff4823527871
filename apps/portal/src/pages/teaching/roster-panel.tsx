import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ENROLLMENT_CHANNELS, ENROLLMENT_STATUSES, type EnrollmentChannel, type EnrollmentStatus } from '@baanrian/contracts';
import { useSubmit } from '../../forms/use-submit';
import { formatDate, formatNumber, isoDate } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { Button, Cell, Column, EmptyState, ErrorState, LoadingState, RadioGroup, Row, Select, Table, TableBody, TableHeader, TextField } from '../../ui';
import type { RosterItemDto } from './teaching-api';
import { teachingKeys, useCursorPages, useTeachingApi } from './teaching-common';
import { useTeachingTranslation } from './teaching-i18n';

const ALL = 'all';
const parseStatus = (key: string): EnrollmentStatus | undefined => ((ENROLLMENT_STATUSES as readonly string[]).includes(key) ? (key as EnrollmentStatus) : undefined);

/** The course's enrolments: search by name or code, filter by status, page through; add one learner. */
export function RosterPanel({ courseId }: { courseId: string }) {
  const { t, i18n } = useTeachingTranslation();
  const api = useTeachingApi();
  const locale = currentLocale(i18n);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<EnrollmentStatus | undefined>(undefined);
  const pages = useCursorPages(`${search}|${status ?? ''}`);
  const roster = useQuery({
    queryKey: [...teachingKeys.roster(courseId), { q: search, status, cursor: pages.cursor }],
    queryFn: ({ signal }) => api.roster(courseId, { q: search, status, cursor: pages.cursor }, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

  return (
    <div className="teaching-stack">
      <AddLearnerForm courseId={courseId} />
      <section aria-labelledby="teaching-roster-heading" className="teaching-stack">
        <h2 id="teaching-roster-heading">{t('roster.heading')}</h2>
        <Form
          role="search"
          aria-label={t('roster.searchLabel')}
          className="teaching-filters"
          onSubmit={(event) => {
            event.preventDefault();
            setSearch(String(new FormData(event.currentTarget).get('q') ?? '').trim());
          }}
        >
          <TextField name="q" type="search" label={t('roster.search')} description={t('roster.searchHint')} defaultValue={search} />
          <Select
            label={t('roster.status')}
            selectedKey={status ?? ALL}
            onSelectionChange={(key) => setStatus(parseStatus(String(key)))}
            options={[{ id: ALL, label: t('roster.allStatuses') }, ...ENROLLMENT_STATUSES.map((s) => ({ id: s, label: t(`status.${s}`) }))]}
          />
          <Button type="submit">{t('roster.searchSubmit')}</Button>
        </Form>
        {roster.isPending ? (
          <LoadingState label={t('roster.loading')} />
        ) : roster.isError ? (
          <ErrorState title={t('roster.loadFailed')} error={roster.error} onRetry={() => void roster.refetch()} retrying={roster.isFetching} headingLevel={3} />
        ) : roster.data.items.length === 0 ? (
          <EmptyState title={search || status ? t('roster.noMatch') : t('roster.none')} headingLevel={3} />
        ) : (
          <>
            <p role="status" className="teaching-muted">
              {t('roster.pageStatus', { page: formatNumber(pages.page, locale), count: roster.data.items.length })}
            </p>
            <RosterTable items={roster.data.items} />
          </>
        )}
        {(pages.page > 1 || roster.data?.nextCursor) && (
          <div className="teaching-actions" role="group" aria-label={t('roster.paging')}>
            <Button variant="secondary" isDisabled={pages.page === 1} onPress={pages.previous}>
              {t('roster.previous')}
            </Button>
            <Button variant="secondary" isDisabled={!roster.data?.nextCursor || roster.isPlaceholderData} onPress={() => roster.data?.nextCursor && pages.next(roster.data.nextCursor)}>
              {t('roster.next')}
            </Button>
          </div>
        )}
      </section>
    </div>
  );
}

function RosterTable({ items }: { items: RosterItemDto[] }) {
  const { t, i18n } = useTeachingTranslation();
  const { t: tc } = useTranslation();
  const locale = currentLocale(i18n);
  return (
    <Table aria-labelledby="teaching-roster-heading" className="teaching-table">
      <TableHeader>
        <Column isRowHeader>{t('roster.col.name')}</Column>
        <Column>{t('roster.col.code')}</Column>
        <Column>{t('roster.col.group')}</Column>
        <Column>{t('roster.col.status')}</Column>
        <Column>{t('roster.col.channel')}</Column>
        <Column>{t('roster.col.source')}</Column>
        <Column>{t('roster.col.enrolled')}</Column>
      </TableHeader>
      <TableBody items={items}>
        {(item) => (
          <Row id={item.enrollmentId}>
            <Cell>
              <span className="teaching-name">{item.displayName}</span>
            </Cell>
            <Cell>
              <span className="teaching-code">{item.accountCode ?? '–'}</span>
            </Cell>
            <Cell>
              {item.targetGroup ? tc(`targetGroup.${item.targetGroup}`) : '–'}
              {item.district ? <span className="teaching-muted teaching-block">{item.district}</span> : null}
            </Cell>
            <Cell>
              <span className={`teaching-badge teaching-badge--${item.status}`}>{t(`status.${item.status}`)}</span>
            </Cell>
            <Cell>{t(`channel.${item.channel}`)}</Cell>
            <Cell>{t(`source.${item.source}`)}</Cell>
            <Cell>
              <time dateTime={isoDate(item.createdAt)}>{formatDate(item.createdAt, locale)}</time>
            </Cell>
          </Row>
        )}
      </TableBody>
    </Table>
  );
}

const DEFAULT_CHANNEL = 'default';

/** One learner by e-mail or account code; the course's default channel unless chosen. */
function AddLearnerForm({ courseId }: { courseId: string }) {
  const { t } = useTeachingTranslation();
  const api = useTeachingApi();
  const queryClient = useQueryClient();
  const [channel, setChannel] = useState<string>(DEFAULT_CHANNEL);
  const [message, setMessage] = useState('');
  const [key, setKey] = useState(0);
  const { errors, formError, pending, run } = useSubmit();

  return (
    <section className="teaching-card" aria-labelledby="teaching-add-heading">
    <Form
      key={key}
      className="teaching-form"
      validationErrors={errors}
      aria-labelledby="teaching-add-heading"
      onSubmit={(event) => {
        event.preventDefault();
        const identifier = String(new FormData(event.currentTarget).get('identifier') ?? '').trim();
        setMessage('');
        void run(async () => {
          const enrollment = await api.addLearner(courseId, {
            identifier,
            ...(channel === DEFAULT_CHANNEL ? {} : { channel: channel as EnrollmentChannel }),
          });
          setMessage(t('add.done', { identifier, status: t(`status.${enrollment.status}`) }));
          setKey((k) => k + 1);
          await queryClient.invalidateQueries({ queryKey: teachingKeys.roster(courseId) });
          await queryClient.invalidateQueries({ queryKey: teachingKeys.progress(courseId) });
        });
      }}
    >
      <h2 id="teaching-add-heading">{t('add.heading')}</h2>
      <TextField
        name="identifier"
        label={t('add.identifier')}
        description={t('add.identifierHint')}
        isRequired
        autoComplete="off"
        errorMessage={(v) => (v.isInvalid && v.validationDetails.valueMissing ? t('common.required') : v.validationErrors.join(' '))}
      />
      <RadioGroup
        label={t('add.channel')}
        orientation="horizontal"
        value={channel}
        onChange={setChannel}
        options={[{ id: DEFAULT_CHANNEL, label: t('add.channelDefault') }, ...ENROLLMENT_CHANNELS.map((c) => ({ id: c, label: t(`channel.${c}`) }))]}
      />
      {formError ? <ErrorState title={t('add.failed')} error={formError} headingLevel={3} /> : null}
      <div className="teaching-actions">
        <Button type="submit" isDisabled={pending}>
          {t('add.submit')}
        </Button>
      </div>
    </Form>
      <p role="status" className="teaching-status">
        {message}
      </p>
    </section>
  );
}
