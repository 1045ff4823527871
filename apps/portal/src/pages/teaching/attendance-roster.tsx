import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AttendanceStatus } from '@baanrian/contracts';
import { useSubmit } from '../../forms/use-submit';
import { formatNumber } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { Button, EmptyState, ErrorState, RadioGroup, TextField } from '../../ui';
import { formatTime } from '../catalog/format-time';
import type { AttendanceMark, AttendanceRosterDto, AttendanceRosterItemDto } from './teaching-api';
import { teachingKeys, useTeachingApi } from './teaching-common';
import { useTeachingTranslation } from './teaching-i18n';

/**
 * Present/absent per learner, as one radio group each (Tab moves between learners, arrow keys
 * choose), "mark all present", and one save for every change. Marks made here stay a draft until
 * saved; check-ins arriving meanwhile (QR, join, walk-in) show up through the page's polling.
 */
export function AttendanceRoster({ lessonId, roster }: { lessonId: string; roster: AttendanceRosterDto }) {
  const { t, i18n } = useTeachingTranslation();
  const { t: tc } = useTranslation();
  const api = useTeachingApi();
  const queryClient = useQueryClient();
  const locale = currentLocale(i18n);
  const [draft, setDraft] = useState<Record<string, AttendanceStatus>>({});
  const [filter, setFilter] = useState('');
  const [message, setMessage] = useState('');
  const { formError, pending, run } = useSubmit();
  const n = (value: number) => formatNumber(value, locale);

  const statusOf = (item: AttendanceRosterItemDto) => draft[item.userId] ?? item.status;
  const changes: AttendanceMark[] = roster.items.filter((item) => draft[item.userId] && draft[item.userId] !== item.status).map((item) => ({ userId: item.userId, status: draft[item.userId] }));
  const present = roster.items.filter((item) => statusOf(item) === 'present').length;
  const absent = roster.items.filter((item) => statusOf(item) === 'absent').length;
  const unmarked = roster.items.length - present - absent;

  /** Account code, group, and how (and when) attendance was recorded: the group's description. */
  const learnerLine = (item: AttendanceRosterItemDto) => {
    const how = item.method && item.status === 'present' ? t(`method.${item.method}`, { time: item.recordedAt ? formatTime(item.recordedAt, locale) : '' }) : null;
    return [item.accountCode, item.targetGroup ? tc(`targetGroup.${item.targetGroup}`) : null, item.source === 'walk_in' ? t('source.walk_in') : null, how]
      .filter(Boolean)
      .join(' · ');
  };

  const shown = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase();
    if (!needle) return roster.items;
    return roster.items.filter((item) => item.displayName.toLocaleLowerCase().includes(needle) || (item.accountCode ?? '').toLocaleLowerCase().includes(needle));
  }, [filter, roster.items]);

  const save = () =>
    void run(async () => {
      const saved = await api.saveAttendance(lessonId, changes);
      queryClient.setQueryData(teachingKeys.attendance(lessonId), saved);
      setDraft({});
      setMessage(t('attendance.saved', { count: changes.length, formatted: n(changes.length) }));
      await queryClient.invalidateQueries({ queryKey: [...teachingKeys.all, 'sessions'] });
    });

  if (roster.items.length === 0) {
    return <EmptyState title={t('attendance.none')} headingLevel={2} />;
  }

  return (
    <section className="teaching-stack" aria-labelledby="teaching-attendance-heading">
      <h2 id="teaching-attendance-heading">{t('attendance.heading')}</h2>
      <p className="teaching-meta">
        <span>{t('attendance.present', { formatted: n(present) })}</span>
        <span>{t('attendance.absent', { formatted: n(absent) })}</span>
        <span>{t('attendance.unmarked', { formatted: n(unmarked) })}</span>
        <span>{t('attendance.total', { formatted: n(roster.items.length) })}</span>
      </p>
      <div className="teaching-actions">
        <Button
          variant="secondary"
          isDisabled={pending}
          onPress={() => {
            setMessage('');
            setDraft(Object.fromEntries(roster.items.map((item) => [item.userId, 'present' as const])));
          }}
        >
          {t('attendance.allPresent')}
        </Button>
        <Button onPress={save} isDisabled={changes.length === 0 || pending}>
          {t('attendance.save', { count: changes.length, formatted: n(changes.length) })}
        </Button>
        {changes.length > 0 && (
          <Button variant="secondary" isDisabled={pending} onPress={() => setDraft({})}>
            {t('attendance.undo')}
          </Button>
        )}
      </div>
      <p role="status" className="teaching-status">
        {changes.length > 0 ? t('attendance.unsaved', { count: changes.length, formatted: n(changes.length) }) : message}
      </p>
      {formError ? <ErrorState title={t('attendance.saveFailed')} error={formError} headingLevel={3} /> : null}
      {roster.items.length > 10 && <TextField type="search" label={t('attendance.filter')} value={filter} onChange={setFilter} />}
      <ul role="list" className="teaching-attendance">
        {shown.map((item) => (
          <li key={item.userId} className="teaching-attendance__item" data-changed={draft[item.userId] && draft[item.userId] !== item.status ? true : undefined}>
            <RadioGroup
              label={item.displayName}
              description={learnerLine(item)}
              orientation="horizontal"
              value={statusOf(item) ?? null}
              onChange={(value) => {
                setMessage('');
                setDraft((current) => ({ ...current, [item.userId]: value as AttendanceStatus }));
              }}
              options={[
                { id: 'present', label: t('attendance.markPresent') },
                { id: 'absent', label: t('attendance.markAbsent') },
              ]}
            />
          </li>
        ))}
      </ul>
      {changes.length > 0 && (
        <div className="teaching-actions">
          <Button onPress={save} isDisabled={pending}>
            {t('attendance.save', { count: changes.length, formatted: n(changes.length) })}
          </Button>
        </div>
      )}
    </section>
  );
}
