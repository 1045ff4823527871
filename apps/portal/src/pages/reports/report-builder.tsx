import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  PRESET_LAYOUTS,
  REPORT_DIMENSIONS,
  REPORT_MEASURES,
  REPORT_PRESETS,
  type ReportDimension,
  type ReportFilters,
  type ReportMeasure,
  type ReportPreset,
  type ReportQuery,
} from '@baanrian/contracts';
import { navigate, useLocation } from '../../routing/location';
import { Button, Checkbox, ErrorState, LoadingState } from '../../ui';
import { draftFromPeriod, draftToPeriod, isDraftError, type PeriodDraft } from './period-draft';
import { PeriodPicker } from './period-picker';
import { ReportFiltersFields } from './report-filters';
import { ReportResults } from './report-results';
import { reportKeys, reportQueryFromParams, reportSearchParams, type ReportOptionsDto } from './reports-api';
import { defaultFiscalYear, offeredFiscalYears, REPORT_ROUTES, useReportOptions, useReportsApi } from './reports-common';
import { useReportsTranslation } from './reports-i18n';

/*
 * `/admin/reports/builder`: period, filters, breakdowns and measures, the six presets, then the
 * result tables and the exports. The report that is shown is the one in the URL (the API's own
 * parameters), so a report can be bookmarked or sent to a colleague, and Back returns to the last.
 */

interface Layout {
  breakdowns: ReportDimension[];
  measures: ReportMeasure[];
}

/** The preset whose layout this is, exactly (for the export's title), or none. */
function presetOf(layout: Layout): ReportPreset | undefined {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  return REPORT_PRESETS.find((p) => same(PRESET_LAYOUTS[p].breakdowns, layout.breakdowns) && same([...PRESET_LAYOUTS[p].measures].sort(), [...layout.measures].sort()));
}

/** What the form shows for a query (the URL's), or the fiscal-year summary of `fiscalYear`. */
function layoutOf(query: ReportQuery | null): Layout {
  const preset = PRESET_LAYOUTS[query?.preset ?? 'fiscal_year_summary'];
  return { breakdowns: query?.breakdowns ?? [...preset.breakdowns], measures: query?.measures ?? [...preset.measures] };
}

export function ReportBuilder() {
  const { t } = useReportsTranslation();
  const options = useReportOptions();
  if (options.isPending) return <LoadingState label={t('common.loading')} placeholders={4} />;
  if (options.isError) return <ErrorState title={t('common.loadError')} error={options.error} onRetry={() => void options.refetch()} />;
  return <Builder options={options.data} />;
}

function Builder({ options }: { options: ReportOptionsDto }) {
  const { t } = useReportsTranslation();
  const api = useReportsApi();
  const { searchParams } = useLocation();
  const shown = reportQueryFromParams(searchParams);
  const [period, setPeriod] = useState<PeriodDraft>(() => draftFromPeriod(shown?.period, defaultFiscalYear(options)));
  const [layout, setLayout] = useState<Layout>(() => layoutOf(shown));
  const [filters, setFilters] = useState<ReportFilters>(() => shown?.filters ?? {});
  const [tried, setTried] = useState(false);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);
  // Back/Forward (or a pasted link) shows another report: the form follows it. Our own runs already match.
  const queryString = searchParams.toString();
  const ranWith = useRef(queryString);
  useEffect(() => {
    if (queryString === ranWith.current) return;
    ranWith.current = queryString;
    const query = reportQueryFromParams(new URLSearchParams(queryString));
    setPeriod(draftFromPeriod(query?.period, defaultFiscalYear(options)));
    setLayout(layoutOf(query));
    setFilters(query?.filters ?? {});
    setTried(false);
  }, [queryString, options]);

  const report = useQuery({
    queryKey: shown ? reportKeys.report(shown) : [...reportKeys.all, 'none'],
    queryFn: ({ signal }) => api.report(shown ?? { period: '' }, signal),
    enabled: !!shown,
  });
  // After "Show report" the results take focus (on a phone they are below the fold).
  useEffect(() => {
    if (focusResults.current && (report.isSuccess || report.isError)) {
      focusResults.current = false;
      resultsHeading.current?.focus();
    }
  }, [report.isSuccess, report.isError, report.dataUpdatedAt]);

  const noMeasure = layout.measures.length === 0;
  const run = (next: Layout = layout) => {
    setTried(true);
    const result = draftToPeriod(period);
    if (isDraftError(result) || next.measures.length === 0) return;
    const query: ReportQuery = { period: result.key, breakdowns: next.breakdowns, measures: next.measures, filters };
    const preset = presetOf(next);
    if (preset) query.preset = preset;
    const params = new URLSearchParams(reportSearchParams(query)).toString();
    ranWith.current = params;
    focusResults.current = true;
    navigate(`${REPORT_ROUTES.builder}?${params}`);
    if (shown && params === new URLSearchParams(reportSearchParams(shown)).toString()) void report.refetch();
  };
  const applyPreset = (preset: ReportPreset) => {
    const next = { breakdowns: [...PRESET_LAYOUTS[preset].breakdowns], measures: [...PRESET_LAYOUTS[preset].measures] };
    setLayout(next);
    run(next);
  };
  const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value));

  return (
    <>
      <section aria-labelledby="reports-presets" className="reports-section">
        <h2 id="reports-presets">{t('builder.presets')}</h2>
        <p className="reports-note">{t('builder.presetsHint')}</p>
        <ul role="list" className="reports-presets">
          {REPORT_PRESETS.map((preset) => (
            <li key={preset}>
              <Button variant="secondary" onPress={() => applyPreset(preset)}>
                {t(`presets.${preset}`)}
              </Button>
            </li>
          ))}
        </ul>
      </section>
      <form
        className="reports-builder"
        aria-labelledby="reports-builder-title"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <h2 id="reports-builder-title">{t('builder.title')}</h2>
        <PeriodPicker draft={period} onChange={setPeriod} fiscalYears={offeredFiscalYears(options)} showAllErrors={tried} />
        <ReportFiltersFields options={options} filters={filters} onChange={setFilters} />
        <fieldset className="reports-fieldset">
          <legend>{t('builder.breakdowns')}</legend>
          <p className="reports-note">{t('builder.breakdownsHint')}</p>
          <div className="reports-checks">
            {REPORT_DIMENSIONS.map((dimension) => (
              <Checkbox
                key={dimension}
                isSelected={layout.breakdowns.includes(dimension)}
                onChange={(on) => setLayout((l) => ({ ...l, breakdowns: toggle(l.breakdowns, dimension, on) }))}
              >
                {t(`dimensions.${dimension}`)}
              </Checkbox>
            ))}
          </div>
        </fieldset>
        <fieldset className="reports-fieldset" aria-describedby={tried && noMeasure ? 'reports-measures-error' : undefined}>
          <legend>{t('builder.measures')}</legend>
          <div className="reports-checks reports-checks--measures">
            {REPORT_MEASURES.map((measure) => (
              <Checkbox
                key={measure}
                isSelected={layout.measures.includes(measure)}
                description={t(`measures.${measure}.definition`)}
                onChange={(on) => setLayout((l) => ({ ...l, measures: toggle(l.measures, measure, on) }))}
              >
                {t(`measures.${measure}.label`)}
              </Checkbox>
            ))}
          </div>
          {tried && noMeasure && (
            <p id="reports-measures-error" className="ui-field__error">
              {t('builder.noMeasure')}
            </p>
          )}
        </fieldset>
        <Button type="submit" isPending={!!shown && report.isFetching}>
          {t('builder.run')}
        </Button>
      </form>
      {shown && (
        <section aria-labelledby="reports-results-title" className="reports-section reports-results">
          <h2 id="reports-results-title" ref={resultsHeading} tabIndex={-1}>
            {report.data ? t('results.titleFor', { period: report.data.period.label }) : t('results.title')}
          </h2>
          {report.isPending ? (
            <LoadingState label={t('common.loading')} placeholders={3} />
          ) : report.isError ? (
            <ErrorState title={t('common.loadError')} error={report.error} onRetry={() => void report.refetch()} headingLevel={3} />
          ) : (
            <ReportResults query={shown} result={report.data} options={options} />
          )}
        </section>
      )}
    </>
  );
}
