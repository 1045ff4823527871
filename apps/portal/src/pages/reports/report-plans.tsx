import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PLANNABLE_MEASURES, TARGET_GROUPS, type Locale } from '@baanrian/contracts';
import { formatNumber } from '../../i18n/format';
import { Button, ErrorState, LoadingState, Select } from '../../ui';
import { showToast } from '../../ui/toast-queue';
import { reportKeys, type PlanTargetGroup, type ReportOptionsDto, type ReportPlansDto, type ReportPlanTarget } from './reports-api';
import { formatYear, offeredFiscalYears, useLocale, useReportOptions, useReportsApi } from './reports-common';
import { useReportsTranslation } from './reports-i18n';

/*
 * `/admin/reports/plans` (administrators): a fiscal year's targets, one per target group (and the
 * programme as a whole, 'all') × plannable measure. Saving sends the year's whole plan (PUT): an
 * emptied cell removes that target.
 */

const COLUMNS: PlanTargetGroup[] = ['all', ...TARGET_GROUPS];
const cellKey = (group: PlanTargetGroup, measure: string) => `${group}|${measure}`;

/**
 * A target as typed: digits (Thai digits too), at most one decimal, grouping separators allowed
 * ("1,876"; Vietnamese "1.876" and "12,5"). '' → null (no target); 'invalid' otherwise.
 */
export function parseTarget(raw: string, locale: Locale): number | null | 'invalid' {
  let text = raw.trim().replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50)).replace(/\s/g, '');
  if (text === '') return null;
  text = locale === 'vi' ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  return /^\d{1,12}(\.\d)?$/.test(text) ? Number(text) : 'invalid';
}

const showTarget = (value: number, locale: Locale) => formatNumber(value, locale, { useGrouping: false, maximumFractionDigits: 1 });

export function ReportPlans() {
  const { t } = useReportsTranslation();
  const options = useReportOptions();
  if (options.isPending) return <LoadingState label={t('common.loading')} placeholders={3} />;
  if (options.isError) return <ErrorState title={t('common.loadError')} error={options.error} onRetry={() => void options.refetch()} />;
  return <Plans options={options.data} />;
}

function Plans({ options }: { options: ReportOptionsDto }) {
  const { t } = useReportsTranslation();
  const api = useReportsApi();
  const locale = useLocale();
  const [fiscalYear, setFiscalYear] = useState(options.currentFiscalYear);
  const plans = useQuery({ queryKey: reportKeys.plans(fiscalYear), queryFn: ({ signal }) => api.plans(fiscalYear, signal) });
  return (
    <>
      <p className="reports-note">{t('plans.intro')}</p>
      <div className="reports-toolbar">
        <Select
          label={t('plans.fiscalYear')}
          selectedKey={String(fiscalYear)}
          onSelectionChange={(key) => setFiscalYear(Number(key))}
          options={offeredFiscalYears(options, { next: true }).map((fy) => ({ id: String(fy), label: t('dashboard.fiscalYearOption', { year: formatYear(fy, locale) }) }))}
        />
      </div>
      {plans.isPending ? (
        <LoadingState label={t('common.loading')} placeholders={4} />
      ) : plans.isError ? (
        <ErrorState title={t('common.loadError')} error={plans.error} onRetry={() => void plans.refetch()} />
      ) : (
        <PlanGrid key={fiscalYear} plan={plans.data} fiscalYear={fiscalYear} />
      )}
    </>
  );
}

function PlanGrid({ plan, fiscalYear }: { plan: ReportPlansDto; fiscalYear: number }) {
  const { t } = useReportsTranslation();
  const { t: tShared } = useTranslation();
  const api = useReportsApi();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const id = useId();
  const [cells, setCells] = useState<Record<string, string>>(() =>
    Object.fromEntries(plan.targets.map((target) => [cellKey(target.targetGroup, target.measure), showTarget(target.target, locale)])),
  );
  const [tried, setTried] = useState(false);
  const parsed = Object.entries(cells).map(([key, raw]) => ({ key, value: parseTarget(raw, locale) }));
  const invalid = new Set(parsed.filter((c) => c.value === 'invalid').map((c) => c.key));

  const save = useMutation({
    mutationFn: () => {
      const targets: ReportPlanTarget[] = parsed.flatMap(({ key, value }) => {
        if (typeof value !== 'number') return [];
        const [targetGroup, measure] = key.split('|') as [PlanTargetGroup, ReportPlanTarget['measure']];
        return [{ targetGroup, measure, target: value }];
      });
      return api.savePlans({ fiscalYear, targets });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(reportKeys.plans(fiscalYear), saved);
      void queryClient.invalidateQueries({ queryKey: [...reportKeys.all, 'report'] });
      showToast({ title: t('plans.saved', { year: formatYear(fiscalYear, locale) }), variant: 'success' });
    },
  });
  const column = (group: PlanTargetGroup) => (group === 'all' ? t('plans.allGroups') : tShared(`targetGroup.${group}`));

  return (
    <form
      className="reports-plan"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (invalid.size === 0) save.mutate();
      }}
    >
      <div className="reports-table reports-plan__grid">
        <table className="ui-table">
          <caption id={`${id}-caption`} className="reports-table__caption">
            {t('plans.caption', { year: formatYear(fiscalYear, locale) })}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="ui-table__column">
                {t('results.measure')}
              </th>
              {COLUMNS.map((group) => (
                <th key={group} scope="col" id={`${id}-col-${group}`} className="ui-table__column">
                  {column(group)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PLANNABLE_MEASURES.map((measure) => (
              <tr key={measure}>
                <th scope="row" id={`${id}-row-${measure}`} className="ui-table__cell reports-table__row-header">
                  {t(`measures.${measure}.label`)}
                </th>
                {COLUMNS.map((group) => {
                  const key = cellKey(group, measure);
                  const bad = invalid.has(key) && (tried || (cells[key] ?? '').length > 0);
                  return (
                    <td key={group} className="ui-table__cell">
                      <input
                        className="ui-field__input reports-plan__input"
                        inputMode="decimal"
                        autoComplete="off"
                        value={cells[key] ?? ''}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          setCells((c) => ({ ...c, [key]: value }));
                        }}
                        aria-labelledby={`${id}-row-${measure} ${id}-col-${group}`}
                        aria-invalid={bad || undefined}
                        aria-describedby={bad ? `${id}-err-${key}` : undefined}
                        data-invalid={bad || undefined}
                      />
                      {bad && (
                        <span id={`${id}-err-${key}`} className="ui-field__error reports-plan__error">
                          {t('plans.invalidCell')}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {tried && invalid.size > 0 && (
        <p role="alert" className="ui-field__error">
          {t('plans.invalid', { count: invalid.size })}
        </p>
      )}
      {save.isError && <ErrorState title={t('common.saveError')} error={save.error} headingLevel={3} />}
      <p className="reports-note">{t('plans.emptyMeansNone')}</p>
      <Button type="submit" isPending={save.isPending}>
        {t('plans.save')}
      </Button>
    </form>
  );
}
