import { lazy, Suspense, useId, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ReportMeasure, ReportQuery, ReportValue } from '@baanrian/contracts';
import { useSearchParam } from '../../routing/location';
import { Card, EmptyState, ErrorState, LoadingState, ProgressBar, Select } from '../../ui';
import type { ChartDatum, ChartSeries } from './report-charts';
import { DataTable } from './data-table';
import { reportKeys, type ReportOptionsDto, type ReportResultDto } from './reports-api';
import { defaultFiscalYear, formatInstant, formatMeasure, formatPercent, formatYear, offeredFiscalYears, useLocale, useReportOptions, useReportsApi, useRowLabel } from './reports-common';
import { useReportsTranslation } from './reports-i18n';

// Recharts stays out of the page's chunk: the tables render first, the charts when it arrives.
const BarsChart = lazy(() => import('./report-charts').then((m) => ({ default: m.BarsChart })));
const LinesChart = lazy(() => import('./report-charts').then((m) => ({ default: m.LinesChart })));

/** The headline cards, in the Chiang Mai report's order. */
const HEADLINE: ReportMeasure[] = ['participants', 'classes_online', 'learners_online', 'classes_onsite', 'learners_onsite', 'completers', 'certificates', 'learning_hours'];
const TREND: ReportMeasure[] = ['learners_online', 'learners_onsite', 'participants', 'completers'];
const BY_GROUP: ReportMeasure[] = ['learners', 'attendees', 'completers', 'participants'];
const REACH: ReportMeasure[] = ['reach_measured', 'reach_recorded', 'reach_total'];

export const dashboardQuery = (fiscalYear: number): ReportQuery => ({
  period: `fy:${fiscalYear}`,
  breakdowns: ['month', 'target_group'],
  measures: [...new Set<ReportMeasure>([...HEADLINE, ...TREND, ...BY_GROUP, ...REACH])],
});

const parseYear = (raw: string | null) => (raw && /^\d{4}$/.test(raw) ? raw : null);

/** `/admin/reports`: a fiscal year at a glance, against plan. */
export function ReportDashboard() {
  const { t } = useReportsTranslation();
  const options = useReportOptions();
  if (options.isPending) return <LoadingState label={t('common.loading')} placeholders={4} />;
  if (options.isError) return <ErrorState title={t('common.loadError')} error={options.error} onRetry={() => void options.refetch()} />;
  return <Dashboard options={options.data} />;
}

function Dashboard({ options }: { options: ReportOptionsDto }) {
  const { t } = useReportsTranslation();
  const locale = useLocale();
  const api = useReportsApi();
  const [yearParam, setYearParam] = useSearchParam('fy', parseYear);
  const fiscalYear = yearParam ? Number(yearParam) : defaultFiscalYear(options);
  const query = dashboardQuery(fiscalYear);
  const report = useQuery({ queryKey: reportKeys.report(query), queryFn: ({ signal }) => api.report(query, signal) });
  const year = formatYear(fiscalYear, locale);

  return (
    <>
      <div className="reports-toolbar">
        <Select
          label={t('dashboard.fiscalYear')}
          selectedKey={String(fiscalYear)}
          onSelectionChange={(key) => setYearParam(String(key))}
          options={offeredFiscalYears(options).map((fy) => ({ id: String(fy), label: t('dashboard.fiscalYearOption', { year: formatYear(fy, locale) }) }))}
        />
        {report.data && <p className="reports-fresh">{t('common.freshAt', { time: formatInstant(report.data.freshAt, locale) })}</p>}
      </div>
      {report.isPending ? (
        <LoadingState label={t('common.loading')} placeholders={6} />
      ) : report.isError ? (
        <ErrorState title={t('common.loadError')} error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          {report.data.funnel.enrolled === 0 && report.data.funnel.reach === 0 && <EmptyState title={t('dashboard.emptyYear', { year })} />}
          <Headlines result={report.data} year={year} />
          <Trend result={report.data} />
          <ByGroup result={report.data} />
          <OnlineOnsite result={report.data} />
          <Funnel result={report.data} />
        </>
      )}
    </>
  );
}

function Headlines({ result, year }: { result: ReportResultDto; year: string }) {
  const { t } = useReportsTranslation();
  const id = useId();
  return (
    <section aria-labelledby={id} className="reports-section">
      <h2 id={id}>{t('dashboard.headlines', { year })}</h2>
      <ul role="list" className="reports-cards">
        {HEADLINE.map((measure) => (
          <li key={measure}>
            <HeadlineCard measure={measure} value={result.totals[measure]} />
          </li>
        ))}
        <li>
          <ReachCard result={result} />
        </li>
      </ul>
    </section>
  );
}

function PlanLines({ measure, value }: { measure: ReportMeasure; value: ReportValue | undefined }) {
  const { t } = useReportsTranslation();
  const locale = useLocale();
  if (!value || value.target === null || value.percentOfPlan === null) return <p className="reports-card__plan">{t('dashboard.noTarget')}</p>;
  const percent = formatPercent(value.percentOfPlan, locale);
  return (
    <>
      <p className="reports-card__plan">{t('dashboard.targetLine', { target: formatMeasure(measure, value.target, locale), percent })}</p>
      <ProgressBar label={t('dashboard.progress')} minValue={0} maxValue={100} value={Math.min(100, value.percentOfPlan)} valueLabel={percent} />
    </>
  );
}

function HeadlineCard({ measure, value }: { measure: ReportMeasure; value: ReportValue | undefined }) {
  const { t } = useReportsTranslation();
  const locale = useLocale();
  const id = useId();
  return (
    <Card as="article" className="reports-card" aria-labelledby={id}>
      <h3 id={id} className="reports-card__title">
        {t(`measures.${measure}.label`)}
      </h3>
      <p className="reports-card__actual">{formatMeasure(measure, value?.actual, locale)}</p>
      <PlanLines measure={measure} value={value} />
    </Card>
  );
}

/** Reach from both sources, each shown, and their sum against plan: never one blended number. */
function ReachCard({ result }: { result: ReportResultDto }) {
  const { t } = useReportsTranslation();
  const locale = useLocale();
  const id = useId();
  return (
    <Card as="article" className="reports-card" aria-labelledby={id}>
      <h3 id={id} className="reports-card__title">
        {t('dashboard.reach')}
      </h3>
      <dl className="reports-card__reach">
        {REACH.map((measure) => (
          <div key={measure}>
            <dt>{t(`measures.${measure}.label`)}</dt>
            <dd>{formatMeasure(measure, result.totals[measure]?.actual, locale)}</dd>
          </div>
        ))}
      </dl>
      <PlanLines measure="reach_total" value={result.totals.reach_total} />
    </Card>
  );
}

/** A section with its chart and its table side by side (stacked on a phone). */
function ChartSection({ title, chart, table, note }: { title: string; chart: ReactNode; table: ReactNode; note?: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="reports-section">
      <h2 id={id}>{title}</h2>
      {note}
      <div className="reports-figure">
        <Suspense fallback={<div className="reports-figure__placeholder" aria-hidden="true" />}>{chart}</Suspense>
        {table}
      </div>
    </section>
  );
}

const seriesOf = (measures: ReportMeasure[], label: (m: ReportMeasure) => string): ChartSeries[] => measures.map((m) => ({ key: m, label: label(m) }));

function Trend({ result }: { result: ReportResultDto }) {
  const { t } = useReportsTranslation();
  const locale = useLocale();
  const rowLabel = useRowLabel();
  const rows = result.breakdowns.find((b) => b.dimension === 'month')?.rows ?? [];
  const title = t('dashboard.trend');
  const data: ChartDatum[] = rows.map((row) => ({ label: rowLabel('month', row), values: Object.fromEntries(TREND.map((m) => [m, row.values[m] ?? 0])) }));
  return (
    <ChartSection
      title={title}
      chart={<LinesChart label={t('charts.label', { title })} data={data} series={seriesOf(TREND, (m) => t(`measures.${m}.label`))} locale={locale} />}
      table={
        <DataTable
          caption={title}
          rowHeading={t('dimensions.month')}
          columns={TREND.map((m) => t(`measures.${m}.label`))}
          rows={rows.map((row) => ({ key: row.key, header: rowLabel('month', row), cells: TREND.map((m) => formatMeasure(m, row.values[m], locale)) }))}
        />
      }
    />
  );
}

function ByGroup({ result }: { result: ReportResultDto }) {
  const { t } = useReportsTranslation();
  const locale = useLocale();
  const rowLabel = useRowLabel();
  const rows = result.breakdowns.find((b) => b.dimension === 'target_group')?.rows ?? [];
  const title = t('dashboard.byGroup');
  const chartMeasures: ReportMeasure[] = ['learners', 'completers'];
  return (
    <ChartSection
      title={title}
      chart={
        <BarsChart
          idPrefix="reports-group"
          horizontal
          label={t('charts.label', { title })}
          data={rows.map((row) => ({ label: rowLabel('target_group', row), values: Object.fromEntries(chartMeasures.map((m) => [m, row.values[m] ?? 0])) }))}
          series={seriesOf(chartMeasures, (m) => t(`measures.${m}.label`))}
          locale={locale}
        />
      }
      table={
        <DataTable
          caption={title}
          rowHeading={t('dimensions.target_group')}
          columns={BY_GROUP.map((m) => t(`measures.${m}.label`))}
          rows={rows.map((row) => ({ key: row.key, header: rowLabel('target_group', row), cells: BY_GROUP.map((m) => formatMeasure(m, row.values[m], locale)) }))}
        />
      }
    />
  );
}

/** The Chiang Mai layout: classes and learners online, workshops and participants onsite, everyone once. */
function OnlineOnsite({ result }: { result: ReportResultDto }) {
  const { t } = useReportsTranslation();
  const locale = useLocale();
  const title = t('dashboard.onlineOnsite');
  const v = (m: ReportMeasure) => result.totals[m]?.actual ?? 0;
  const lines = [
    { key: 'online', label: t('formats.online'), classes: v('classes_online'), learners: v('learners_online') },
    { key: 'onsite', label: t('formats.onsite'), classes: v('classes_onsite'), learners: v('learners_onsite') },
  ];
  return (
    <ChartSection
      title={title}
      note={<p className="reports-note">{t('dashboard.onlineOnsiteNote')}</p>}
      chart={
        <BarsChart
          idPrefix="reports-format"
          label={t('charts.label', { title })}
          data={[...lines.map((l) => ({ label: l.label, values: { learners: l.learners } })), { label: t('measures.participants.label'), values: { learners: v('participants') } }]}
          series={[{ key: 'learners', label: t('dashboard.people') }]}
          locale={locale}
        />
      }
      table={
        <DataTable
          caption={title}
          rowHeading={t('dimensions.format')}
          columns={[t('dashboard.classesHeld'), t('dashboard.people')]}
          rows={lines.map((l) => ({
            key: l.key,
            header: l.label,
            cells: [formatMeasure('classes_online', l.classes, locale), formatMeasure('learners', l.learners, locale)],
          }))}
          footer={{ key: 'participants', header: t('measures.participants.label'), cells: ['', formatMeasure('participants', v('participants'), locale)] }}
        />
      }
    />
  );
}

function Funnel({ result }: { result: ReportResultDto }) {
  const { t } = useReportsTranslation();
  const locale = useLocale();
  const title = t('dashboard.funnel');
  const stages = (['reach', 'enrolled', 'attended', 'completed'] as const).map((stage) => ({ stage, label: t(`funnel.${stage}`), value: result.funnel[stage] }));
  const share = (i: number) => (i === 0 || stages[i - 1].value === 0 ? '' : formatPercent((stages[i].value / stages[i - 1].value) * 100, locale));
  return (
    <ChartSection
      title={title}
      note={<p className="reports-note">{t('dashboard.funnelNote')}</p>}
      chart={
        <BarsChart
          idPrefix="reports-funnel"
          horizontal
          label={t('charts.label', { title })}
          data={stages.map((s) => ({ label: s.label, values: { value: s.value } }))}
          series={[{ key: 'value', label: t('dashboard.count') }]}
          locale={locale}
        />
      }
      table={
        <div className="reports-tables">
          <DataTable
            caption={title}
            rowHeading={t('dashboard.stage')}
            columns={[t('dashboard.count'), t('dashboard.ofPrevious')]}
            rows={stages.map((s, i) => ({ key: s.stage, header: s.label, cells: [formatMeasure('learners', s.value, locale), share(i)] }))}
          />
          <DataTable
            caption={t('dashboard.reachSources')}
            rowHeading={t('dashboard.source')}
            columns={[t('dashboard.count')]}
            rows={REACH.map((m) => ({ key: m, header: t(`measures.${m}.label`), cells: [formatMeasure(m, result.totals[m]?.actual, locale)] }))}
          />
        </div>
      }
    />
  );
}
