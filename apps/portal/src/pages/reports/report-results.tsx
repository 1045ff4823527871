import { useTranslation } from 'react-i18next';
import type { ReportFilters, ReportQuery } from '@baanrian/contracts';
import { formatNumber } from '../../i18n/format';
import { DataTable } from './data-table';
import { ExportPanel } from './export-panel';
import type { ReportOptionsDto, ReportResultDto } from './reports-api';
import { formatInstant, formatMeasure, formatPercent, useLocale, useRowLabel } from './reports-common';
import { useReportsTranslation } from './reports-i18n';

/** A report's filters in words ("Youth, Elderly · Online · Chiang Mai"), or "none". */
function useFilterSummary(filters: ReportFilters, options: ReportOptionsDto): string {
  const { t } = useReportsTranslation();
  const { t: tShared } = useTranslation();
  const parts = [
    filters.targetGroups?.map((g) => tShared(`targetGroup.${g}`)).join(', '),
    filters.format && t(`formats.${filters.format}`),
    [filters.province, filters.district].filter(Boolean).join(' › '),
    filters.instructorId && (options.instructors.find((i) => i.id === filters.instructorId)?.name ?? filters.instructorId),
    filters.courseIds?.map((id) => options.courses.find((c) => c.id === id)?.title ?? id).join(', '),
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : t('results.noFilters');
}

/** Totals (with target and % of plan when there is a plan), one table per breakdown, the definitions, the exports. */
export function ReportResults({ query, result, options }: { query: ReportQuery; result: ReportResultDto; options: ReportOptionsDto }) {
  const { t } = useReportsTranslation();
  const locale = useLocale();
  const measures = result.measures;
  const planned = measures.some((m) => result.totals[m]?.target != null);
  const filterSummary = useFilterSummary(result.filters ?? {}, options);
  const rowLabel = useRowLabel();
  const rows = result.breakdowns.reduce((sum, b) => sum + b.rows.length, 0);

  return (
    <>
      <p role="status" className="reports-status">
        {t('results.summary', { count: rows, rows: formatNumber(rows, locale) })}
      </p>
      <dl className="reports-facts">
        <div>
          <dt>{t('results.period')}</dt>
          <dd>{result.period.label}</dd>
        </div>
        <div>
          <dt>{t('results.filters')}</dt>
          <dd>{filterSummary}</dd>
        </div>
        <div>
          <dt>{t('results.fresh')}</dt>
          <dd>{formatInstant(result.freshAt, locale)}</dd>
        </div>
      </dl>
      <ExportPanel query={query} />
      <DataTable
        caption={t('results.totals')}
        rowHeading={t('results.measure')}
        columns={planned ? [t('results.actual'), t('results.target'), t('results.ofPlan')] : [t('results.actual')]}
        rows={measures.map((m) => {
          const v = result.totals[m];
          const cells = [formatMeasure(m, v?.actual, locale)];
          if (planned) cells.push(v?.target != null ? formatMeasure(m, v.target, locale) : '–', v?.percentOfPlan != null ? formatPercent(v.percentOfPlan, locale) : '–');
          return { key: m, header: t(`measures.${m}.label`), cells };
        })}
      />
      {result.breakdowns.map((breakdown) => (
        <DataTable
          key={breakdown.dimension}
          caption={t('results.by', { dimension: t(`dimensions.${breakdown.dimension}`) })}
          rowHeading={t(`dimensions.${breakdown.dimension}`)}
          columns={measures.map((m) => t(`measures.${m}.label`))}
          rows={
            breakdown.rows.length > 0
              ? breakdown.rows.map((row) => ({ key: row.key, header: rowLabel(breakdown.dimension, row), cells: measures.map((m) => formatMeasure(m, row.values[m], locale)) }))
              : [{ key: 'none', header: t('results.noRows'), cells: measures.map(() => '') }]
          }
        />
      ))}
      <details className="reports-definitions">
        <summary>{t('results.definitions')}</summary>
        <dl>
          {measures.map((m) => (
            <div key={m}>
              <dt>{t(`measures.${m}.label`)}</dt>
              <dd>{t(`measures.${m}.definition`)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </>
  );
}
