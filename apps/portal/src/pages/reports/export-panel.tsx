import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EXPORT_FORMATS, type ExportFormat, type ExportKind, type ReportQuery } from '@baanrian/contracts';
import { formatNumber } from '../../i18n/format';
import { Button, ProgressBar, RadioGroup } from '../../ui';
import { showToast } from '../../ui/toast-queue';
import { exportBody, exportFileUrl, isGone, reportKeys, type ReportExportDto } from './reports-api';
import { formatInstant, saveFile, startDownload, useLocale, useReportsApi } from './reports-common';
import { useReportsTranslation } from './reports-i18n';

/** How often a running export is asked about. */
const POLL_MS = 2000;
const active = (item: ReportExportDto | undefined) => item?.status === 'queued' || item?.status === 'running';

/**
 * CSV, XLSX and PDF of the report shown (or every enrolment behind it). A small export answers
 * with the file, saved at once; a large one is queued: it joins the list below, with its progress,
 * then a download link and the time the link stops working.
 */
export function ExportPanel({ query }: { query: ReportQuery }) {
  const { t } = useReportsTranslation();
  const api = useReportsApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [kind, setKind] = useState<ExportKind>('report');
  const [message, setMessage] = useState('');
  const formats = kind === 'report' ? EXPORT_FORMATS : EXPORT_FORMATS.filter((f) => f !== 'pdf');
  const create = useMutation({
    mutationFn: (format: ExportFormat) => api.createExport(exportBody(query, format, kind)),
    onMutate: () => setMessage(''),
    onSuccess: (outcome) => {
      if (outcome.type === 'file') {
        saveFile(outcome.blob, outcome.filename);
        setMessage(t('exports.downloaded', { filename: outcome.filename }));
        return;
      }
      queryClient.setQueryData<ReportExportDto[]>(reportKeys.exports(), (list = []) => [outcome.export, ...list.filter((e) => e.id !== outcome.export.id)]);
      queryClient.setQueryData(reportKeys.export(outcome.export.id), outcome.export);
      setMessage(t('exports.queued'));
    },
    onError: () => showToast({ title: t('exports.failed'), variant: 'error' }),
  });

  return (
    <section aria-labelledby={id} className="reports-exports">
      <h3 id={id}>{t('exports.title')}</h3>
      <RadioGroup
        label={t('exports.kind')}
        value={kind}
        onChange={(value) => setKind(value as ExportKind)}
        options={[
          { id: 'report', label: t('exports.kinds.report') },
          { id: 'enrollments', label: t('exports.kinds.enrollments') },
        ]}
      />
      <div className="reports-export-buttons">
        {formats.map((format) => (
          <Button key={format} variant="secondary" isPending={create.isPending && create.variables === format} onPress={() => create.mutate(format)}>
            {t(`exports.formats.${format}`)}
          </Button>
        ))}
      </div>
      <p role="status" className="reports-status">
        {message}
      </p>
      <ExportList />
    </section>
  );
}

function ExportList() {
  const { t } = useReportsTranslation();
  const api = useReportsApi();
  const id = useId();
  const list = useQuery({ queryKey: reportKeys.exports(), queryFn: ({ signal }) => api.exports(signal) });
  if (!list.data || list.data.length === 0) return null;
  return (
    <>
      <h4 id={id}>{t('exports.listTitle')}</h4>
      <ul role="list" className="reports-export-list" aria-labelledby={id}>
        {list.data.map((item) => (
          <li key={item.id}>
            <ExportItem initial={item} />
          </li>
        ))}
      </ul>
    </>
  );
}

function ExportItem({ initial }: { initial: ReportExportDto }) {
  const { t } = useReportsTranslation();
  const api = useReportsApi();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [downloading, setDownloading] = useState(false);
  const status = useQuery({
    queryKey: reportKeys.export(initial.id),
    queryFn: ({ signal }) => api.exportStatus(initial.id, signal),
    initialData: initial,
    // Only a running export is asked about again, every two seconds, until it is done.
    staleTime: (q) => (active(q.state.data) ? 0 : Infinity),
    refetchInterval: (q) => (active(q.state.data) ? POLL_MS : false),
  });
  const item = status.data;
  const name = t('exports.itemName', { format: t(`exports.formats.${item.format}`), kind: t(`exports.itemKinds.${item.kind}`) });

  const download = async () => {
    if (downloading) return;
    setDownloading(true);
    try {
      startDownload((await api.exportLink(item.id)).url);
    } catch (error) {
      if (isGone(error)) queryClient.setQueryData(reportKeys.export(item.id), { ...item, status: 'expired' as const });
      showToast({ title: isGone(error) ? t('exports.expired') : t('exports.downloadFailed'), variant: 'error' });
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div className="reports-export">
      <p className="reports-export__name">
        {name} · <span className="reports-note">{t('exports.requestedAt', { time: formatInstant(item.createdAt, locale) })}</span>
      </p>
      {active(item) && (
        <ProgressBar
          label={t('exports.preparing', { name })}
          minValue={0}
          maxValue={100}
          value={item.status === 'queued' ? 0 : item.progress}
          isIndeterminate={item.status === 'queued'}
        />
      )}
      <p role="status" className="reports-export__status">
        {item.status === 'queued' && t('exports.status.queued')}
        {item.status === 'running' && t('exports.status.running', { progress: formatNumber(item.progress / 100, locale, { style: 'percent' }) })}
        {item.status === 'ready' && (item.rowCount !== null ? t('exports.status.readyRows', { count: item.rowCount, rows: formatNumber(item.rowCount, locale) }) : t('exports.status.ready'))}
        {item.status === 'failed' && t('exports.status.failed')}
        {item.status === 'expired' && t('exports.status.expired')}
      </p>
      {item.status === 'ready' && (
        <p className="reports-export__download">
          {/* A real link to the file; the click asks for a signed link, which the browser then downloads itself. */}
          <a
            href={exportFileUrl(item.id)}
            className="ui-link"
            download
            aria-busy={downloading || undefined}
            onClick={(event) => {
              event.preventDefault();
              void download();
            }}
          >
            {t('exports.download', { name })}
          </a>
          {item.expiresAt && <span className="reports-note"> {t('exports.expiresAt', { time: formatInstant(item.expiresAt, locale) })}</span>}
        </p>
      )}
    </div>
  );
}
