import { useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, NetworkError } from '../../api/errors';
import { useSubmit } from '../../forms/use-submit';
import { formatNumber } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { Button, Cell, Column, ErrorState, ProgressBar, Row, Table, TableBody, TableHeader } from '../../ui';
import { IMPORT_REJECT_REASONS, IMPORT_TEMPLATE_CSV, type EnrollmentImportDto, type ImportRejectedRowDto, type ImportResultDto } from './teaching-api';
import { teachingKeys, useImportUpload, useTeachingApi } from './teaching-common';
import { useTeachingTranslation } from './teaching-i18n';

type State =
  | { kind: 'idle' }
  | { kind: 'uploading'; fraction: number; name: string }
  | { kind: 'failed'; error: unknown }
  | { kind: 'preview'; report: EnrollmentImportDto }
  | { kind: 'done'; report: EnrollmentImportDto; result: ImportResultDto };

// With a byte-order mark, Excel opens the template as UTF-8 (Thai names stay readable).
const TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${IMPORT_TEMPLATE_CSV}`)}`;

/**
 * Bulk enrolment: upload a CSV or XLSX file, read the report (accepted rows, rejected rows by line
 * with the reason), then confirm. Nothing is enrolled before the confirmation.
 */
export function ImportPanel({ courseId, onDone }: { courseId: string; onDone: () => void }) {
  const { t, i18n } = useTeachingTranslation();
  const upload = useImportUpload();
  const api = useTeachingApi();
  const queryClient = useQueryClient();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const controller = useRef<AbortController | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const { formError, pending, run } = useSubmit();
  const locale = currentLocale(i18n);
  const n = (value: number) => formatNumber(value, locale);

  const start = async (file: File) => {
    const abort = new AbortController();
    controller.current = abort;
    setState({ kind: 'uploading', fraction: 0, name: file.name });
    try {
      const report = await upload(courseId, file, (fraction) => setState({ kind: 'uploading', fraction, name: file.name }), abort.signal);
      setState({ kind: 'preview', report });
    } catch (error) {
      setState(error instanceof DOMException && error.name === 'AbortError' ? { kind: 'idle' } : { kind: 'failed', error });
    } finally {
      controller.current = null;
      if (input.current) input.current.value = '';
    }
  };

  const confirm = (report: EnrollmentImportDto) =>
    void run(async () => {
      const result = await api.confirmImport(report.id);
      setState({ kind: 'done', report, result });
      await queryClient.invalidateQueries({ queryKey: teachingKeys.roster(courseId) });
      await queryClient.invalidateQueries({ queryKey: teachingKeys.progress(courseId) });
      requestAnimationFrame(() => resultHeading.current?.focus());
    });

  const errorText = (error: unknown) => {
    if (error instanceof ApiError && error.problem) return error.problem.title;
    if (error instanceof ApiError && error.status === 413) return t('import.tooLarge');
    if (error instanceof NetworkError) return t('import.offline');
    return t('import.failed');
  };

  if (state.kind === 'done') {
    const { result } = state;
    return (
      <section className="teaching-stack teaching-card" aria-labelledby="teaching-import-result">
        <h2 id="teaching-import-result" ref={resultHeading} tabIndex={-1}>
          {t('import.doneHeading')}
        </h2>
        <dl className="teaching-figures">
          <div>
            <dt>{t('import.enrolled')}</dt>
            <dd>{n(result.enrolled)}</dd>
          </div>
          <div>
            <dt>{t('import.waitlisted')}</dt>
            <dd>{n(result.waitlisted)}</dd>
          </div>
          <div>
            <dt>{t('import.alreadyEnrolled')}</dt>
            <dd>{n(result.alreadyEnrolled)}</dd>
          </div>
        </dl>
        <div className="teaching-actions">
          <Button onPress={onDone}>{t('import.toRoster')}</Button>
          <Button variant="secondary" onPress={() => setState({ kind: 'idle' })}>
            {t('import.another')}
          </Button>
        </div>
      </section>
    );
  }

  return (
    <div className="teaching-stack">
      <section className="teaching-stack" aria-labelledby="teaching-import-heading">
        <h2 id="teaching-import-heading">{t('import.heading')}</h2>
        <p>{t('import.intro')}</p>
        <ul className="teaching-hints">
          <li>{t('import.hintColumns')}</li>
          <li>{t('import.hintChannel')}</li>
          <li>{t('import.hintNothingYet')}</li>
        </ul>
        <p>
          <a className="ui-link" href={TEMPLATE_HREF} download="enrolment-template.csv">
            {t('import.template')}
          </a>
        </p>
        <div className="teaching-upload">
          <label htmlFor={id} className="ui-field__label">
            {t('import.file')}
          </label>
          <input
            ref={input}
            id={id}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="teaching-upload__input"
            aria-describedby={state.kind === 'failed' ? `${id}-error` : undefined}
            disabled={state.kind === 'uploading' || pending}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) void start(file);
            }}
          />
          {state.kind === 'uploading' && (
            <div className="teaching-actions">
              <ProgressBar label={t('import.uploading', { name: state.name })} value={Math.round(state.fraction * 100)} />
              <Button variant="secondary" onPress={() => controller.current?.abort()}>
                {t('import.cancel')}
              </Button>
            </div>
          )}
          {state.kind === 'failed' && (
            <p id={`${id}-error`} className="ui-field__error" role="alert" lang={state.error instanceof ApiError ? (state.error.language ?? undefined) : undefined}>
              {errorText(state.error)}
            </p>
          )}
        </div>
      </section>
      {state.kind === 'preview' && (
        <ImportReport report={state.report} pending={pending} formError={formError} onConfirm={() => confirm(state.report)} onDiscard={() => setState({ kind: 'idle' })} />
      )}
    </div>
  );
}

function ImportReport({
  report,
  pending,
  formError,
  onConfirm,
  onDiscard,
}: {
  report: EnrollmentImportDto;
  pending: boolean;
  formError: unknown;
  onConfirm: () => void;
  onDiscard: () => void;
}) {
  const { t, i18n } = useTeachingTranslation();
  const locale = currentLocale(i18n);
  const n = (value: number) => formatNumber(value, locale);
  return (
    <section className="teaching-stack teaching-card" aria-labelledby="teaching-report-heading">
      <h2 id="teaching-report-heading">{t('import.reportHeading', { name: report.fileName })}</h2>
      <p role="status">
        {t('import.summary', { total: n(report.totalRows), accepted: n(report.accepted), rejected: n(report.rejected.length), count: report.totalRows })}
      </p>
      {report.rejected.length > 0 && <RejectedTable rows={report.rejected} />}
      {report.acceptedPreview.length > 0 && (
        <section aria-labelledby="teaching-accepted-heading" className="teaching-stack">
          <h3 id="teaching-accepted-heading">{t('import.acceptedHeading', { count: report.acceptedPreview.length, shown: n(report.acceptedPreview.length), total: n(report.accepted) })}</h3>
          <ul className="teaching-plain-list">
            {report.acceptedPreview.map((row, index) => (
              <li key={`${row.line ?? index}`}>
                <span className="teaching-name">{row.displayName ?? row.identifier ?? row.email ?? row.accountCode}</span>
                {row.displayName && (row.accountCode ?? row.email ?? row.identifier) ? <span className="teaching-muted"> · {row.accountCode ?? row.email ?? row.identifier}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      )}
      {formError ? <ErrorState title={t('import.confirmFailed')} error={formError} headingLevel={3} /> : null}
      <div className="teaching-actions">
        <Button onPress={onConfirm} isDisabled={report.accepted === 0 || pending}>
          {t('import.confirm', { count: report.accepted, formatted: n(report.accepted) })}
        </Button>
        <Button variant="secondary" onPress={onDiscard} isDisabled={pending}>
          {t('import.discard')}
        </Button>
      </div>
    </section>
  );
}

const knownReason = (reason: string): reason is (typeof IMPORT_REJECT_REASONS)[number] => (IMPORT_REJECT_REASONS as readonly string[]).includes(reason);

function RejectedTable({ rows }: { rows: ImportRejectedRowDto[] }) {
  const { t, i18n } = useTeachingTranslation();
  const locale = currentLocale(i18n);
  return (
    <section aria-labelledby="teaching-rejected-heading" className="teaching-stack">
      <h3 id="teaching-rejected-heading">{t('import.rejectedHeading')}</h3>
      <Table aria-labelledby="teaching-rejected-heading" className="teaching-table">
        <TableHeader>
          <Column isRowHeader>{t('import.col.line')}</Column>
          <Column>{t('import.col.identifier')}</Column>
          <Column>{t('import.col.reason')}</Column>
        </TableHeader>
        <TableBody items={rows.map((row, index) => ({ ...row, id: `${row.line}-${index}` }))}>
          {(row) => (
            <Row id={row.id}>
              <Cell>{formatNumber(row.line, locale)}</Cell>
              <Cell>
                <span className="teaching-code">{row.identifier || '–'}</span>
              </Cell>
              {/* Our own wording for the known reasons (it follows a language switch), else the API's. */}
              <Cell>{knownReason(row.reason) ? t(`import.reason.${row.reason}`) : row.message}</Cell>
            </Row>
          )}
        </TableBody>
      </Table>
    </section>
  );
}
