import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isTargetGroup, type Locale, type ReportDimension, type ReportMeasure, type ReportRow } from '@baanrian/contracts';
import { useApiClient } from '../../api/api-client-context';
import { formatDate, formatNumber } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { createReportsApi, reportKeys, type ReportOptionsDto, type ReportsApi } from './reports-api';

export const REPORT_ROUTES = {
  dashboard: '/admin/reports',
  builder: '/admin/reports/builder',
  plans: '/admin/reports/plans',
  reach: '/admin/reports/reach',
} as const;

export type ReportsScreen = keyof typeof REPORT_ROUTES;

export function reportsScreenOf(pathname: string): ReportsScreen | null {
  const path = pathname.replace(/(.)\/+$/, '$1');
  const entry = Object.entries(REPORT_ROUTES).find(([, href]) => href === path);
  return entry ? (entry[0] as ReportsScreen) : null;
}

export function useReportsApi(): ReportsApi {
  const client = useApiClient();
  return useMemo(() => createReportsApi(client), [client]);
}

/** GET /reports/options, shared by every screen (it changes rarely: five minutes fresh). */
export function useReportOptions() {
  const api = useReportsApi();
  return useQuery({ queryKey: reportKeys.options(), queryFn: ({ signal }) => api.options(signal), staleTime: 5 * 60_000 });
}

/** Fiscal years to offer: those with data and the current one (and the next, to plan it), newest first. */
export const offeredFiscalYears = (options: ReportOptionsDto, { next = false } = {}) =>
  [...new Set([options.currentFiscalYear, ...(next ? [options.currentFiscalYear + 1] : []), ...options.fiscalYears])].sort((a, b) => b - a);

/**
 * The dashboard's year: the current fiscal year when it has figures, else the latest that has
 * (a fresh install's demo year, rather than an empty current year); the current one when none has.
 */
export const defaultFiscalYear = (options: ReportOptionsDto) =>
  options.fiscalYears.includes(options.currentFiscalYear) || options.fiscalYears.length === 0 ? options.currentFiscalYear : Math.max(...options.fiscalYears);

export function useLocale(): Locale {
  return currentLocale(useTranslation().i18n);
}

/** Thai readers get the Buddhist Era in every date, month and year (as formatDate does). */
const DATE_LOCALES: Record<Locale, string> = { th: 'th-TH-u-ca-buddhist', en: 'en-GB', vi: 'vi-VN' };

/** "ต.ค. 2568", "Oct 2025", "thg 10 2025" for a YYYY-MM month. */
export function formatMonth(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 15));
}

/** "พ.ศ. 2569", "2026": a calendar year. */
export function formatCalendarYear(year: number, locale: Locale): string {
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], { year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, 5, 15));
}

/** A Bangkok calendar day (YYYY-MM-DD) as "5 ม.ค. 2569". */
export const formatDay = (day: string, locale: Locale) => formatDate(`${day}T12:00:00+07:00`, locale);

/** A year number without grouping ("2569", not "2,569"). */
export const formatYear = (year: number, locale: Locale) => formatNumber(year, locale, { useGrouping: false });

/** A percentage given 0–100 ("101.5%"; "101,5 %" in Vietnamese). */
export const formatPercent = (value: number, locale: Locale) => formatNumber(value / 100, locale, { style: 'percent', maximumFractionDigits: 1 });

/** A measure's value as a reader expects it: rates as percentages, hours with one decimal, counts whole. */
export function formatMeasure(measure: ReportMeasure, value: number | undefined | null, locale: Locale): string {
  const n = value ?? 0;
  if (measure === 'completion_rate') return formatPercent(n, locale);
  if (measure === 'learning_hours') return formatNumber(n, locale, { maximumFractionDigits: 1 });
  return formatNumber(n, locale, { maximumFractionDigits: 0 });
}

/** "20 ต.ค. 2568 14:05", in Bangkok time: when the figures were last brought up to date. */
export function formatInstant(value: string, locale: Locale): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Bangkok' }).format(date);
}

/** Lets the browser download `url` itself (the response names the file), without leaving the page. */
export function startDownload(url: string): void {
  const link = document.createElement('a');
  // No `download` attribute: the response's Content-Disposition (attachment, with the file's name)
  // makes it a download, and the page stays.
  link.href = url;
  document.body.append(link);
  link.click();
  link.remove();
}

/** Saves a downloaded file in the browser (an object URL on a temporary link). */
export function saveFile(blob: Blob, filename: string): void {
  if (typeof URL.createObjectURL !== 'function') return; // jsdom
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start reading the blob before letting it go.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A breakdown row's label: months written by the portal in the reader's calendar (BE in Thai) and
 * target groups by their agreed names, whatever the API sent; the API's label for everything else.
 */
export function useRowLabel(): (dimension: ReportDimension, row: ReportRow) => string {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  return (dimension, row) => {
    if (dimension === 'month' && /^\d{4}-\d{2}$/.test(row.key)) return formatMonth(row.key, locale);
    if (dimension === 'target_group' && isTargetGroup(row.key)) return t(`targetGroup.${row.key}`);
    return row.label;
  };
}
