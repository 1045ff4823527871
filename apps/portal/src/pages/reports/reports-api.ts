import type { ApiClient, operations, Schemas } from '@baanrian/api-client';
import {
  EXPORT_FORMATS,
  REPORT_DIMENSIONS,
  REPORT_FORMATS,
  REPORT_MEASURES,
  REPORT_PRESETS,
  TARGET_GROUPS,
  type ExportFormat,
  type ExportKind,
  type ReportDimension,
  type ReportFilters,
  type ReportMeasure,
  type ReportQuery,
} from '@baanrian/contracts';
import { ApiError, NetworkError } from '../../api/errors';

/*
 * Every call the report screens make, in this one file (issue 10, notes/reports-contract.md "API
 * surface"), through the client generated from the API's OpenAPI document: typed paths, bodies
 * and answers (`Schemas[...]`), with the client's middleware (the access token, one
 * refresh-and-retry on a 401, Accept-Language). What the screens keep of @baanrian/contracts is
 * the vocabulary (measures, dimensions, presets) and the ReportQuery they build.
 */

// ---- DTOs (generated from the API) ---------------------------------------------------------------

/** GET /reports: totals against plan, breakdowns, the funnel, labels in the request language. */
export type ReportResultDto = Schemas['ReportResultDto'];
/** GET /reports/options: what the builder can offer, already limited to the viewer's scope. */
export type ReportOptionsDto = Schemas['ReportOptionsDto'];
export type PlanTargetGroup = Schemas['PlanTargetGroup'];
export type ReportPlanTarget = Schemas['ReportTargetDto'];
/** PUT /reports/plans body (the year's whole plan); GET /reports/plans answers it with `updatedAt`. */
export type ReportPlansDto = Schemas['SaveReportPlanDto'];
/** A recorded campaign (reach_campaign). Dates are Bangkok days, YYYY-MM-DD; `endsOn` inclusive. */
export type ReachCampaignDto = Schemas['ReachCampaignDto'];
export type ReachCampaignInput = Required<Schemas['CreateReachCampaignDto']>;
/** A large export the worker runs (report_export). */
export type ReportExportDto = Schemas['ReportExportDto'];
/** POST /reports/exports body. */
export type ExportRequest = Schemas['CreateReportExportDto'];
/** GET /reports query parameters. */
export type ReportParams = operations['getReport']['parameters']['query'];

/** What an export request gave: the file itself (small), or a queued job to follow (large). */
export type ExportOutcome = { type: 'file'; blob: Blob; filename: string } | { type: 'queued'; export: ReportExportDto };

// ---- Query mapping -------------------------------------------------------------------------------

const LIST_SEPARATOR = ',';
const list = (values: readonly string[] | undefined) => (values && values.length > 0 ? values.join(LIST_SEPARATOR) : undefined);

/**
 * A report query as the API's query parameters (contract: comma-separated lists, filters flat,
 * nothing empty sent). The builder keeps the same parameters in its URL.
 */
export function reportSearchParams(query: ReportQuery): Record<string, string> {
  const f = query.filters ?? {};
  const entries: [string, string | undefined][] = [
    ['period', query.period],
    ['preset', query.preset],
    ['breakdowns', list(query.breakdowns)],
    ['measures', list(query.measures)],
    ['targetGroups', list(f.targetGroups)],
    ['courseIds', list(f.courseIds)],
    ['format', f.format],
    ['province', f.province || undefined],
    ['district', f.district || undefined],
    ['instructorId', f.instructorId || undefined],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

function pick<T extends string>(allowed: readonly T[], raw: string | null): T[] | undefined {
  if (!raw) return undefined;
  const values = raw.split(LIST_SEPARATOR).filter((v): v is T => (allowed as readonly string[]).includes(v));
  return values.length > 0 ? [...new Set(values)] : undefined;
}

const one = <T extends string>(allowed: readonly T[], raw: string | null): T | undefined => ((allowed as readonly string[]).includes(raw ?? '') ? (raw as T) : undefined);

/**
 * The inverse of reportSearchParams, for the builder's URL: unknown dimensions, measures, groups
 * and presets are dropped (a stale bookmark still opens), the period is kept as typed (the API
 * and the period picker judge it). Null without a period.
 */
export function reportQueryFromParams(params: URLSearchParams): ReportQuery | null {
  const period = params.get('period');
  if (!period) return null;
  const ids = params.get('courseIds')?.split(LIST_SEPARATOR).filter(Boolean);
  const filters: ReportFilters = {
    targetGroups: pick(TARGET_GROUPS, params.get('targetGroups')),
    courseIds: ids && ids.length > 0 ? ids : undefined,
    format: one(REPORT_FORMATS, params.get('format')),
    province: params.get('province') || undefined,
    district: params.get('district') || undefined,
    instructorId: params.get('instructorId') || undefined,
  };
  const cleanFilters = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as ReportFilters;
  const query: ReportQuery = { period };
  const preset = one(REPORT_PRESETS, params.get('preset'));
  const breakdowns = pick<ReportDimension>(REPORT_DIMENSIONS, params.get('breakdowns'));
  const measures = pick<ReportMeasure>(REPORT_MEASURES, params.get('measures'));
  if (preset) query.preset = preset;
  if (breakdowns) query.breakdowns = breakdowns;
  if (measures) query.measures = measures;
  if (Object.keys(cleanFilters).length > 0) query.filters = cleanFilters;
  return query;
}

/** The export body: the report query as JSON (lists stay lists), without empty parts. */
export function exportBody(query: ReportQuery, format: ExportFormat, kind: ExportKind): ExportRequest {
  const filters = Object.fromEntries(
    Object.entries(query.filters ?? {}).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as ReportFilters;
  return {
    format,
    kind,
    period: query.period,
    ...(query.preset ? { preset: query.preset } : {}),
    ...(query.breakdowns?.length ? { breakdowns: query.breakdowns } : {}),
    ...(query.measures?.length ? { measures: query.measures } : {}),
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
  };
}

/**
 * The file name of a Content-Disposition header: RFC 6266/5987 `filename*=UTF-8''…` first (Thai
 * names arrive that way), then `filename="…"`; `fallback` when there is neither.
 */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (header) {
    const extended = /filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)/i.exec(header);
    if (extended) {
      try {
        return sanitizeFilename(decodeURIComponent(extended[2].trim().replace(/^"|"$/g, '')), fallback);
      } catch {
        // A malformed escape: fall through to the plain name.
      }
    }
    const plain = /filename\s*=\s*("((?:\\.|[^"\\])*)"|[^;]+)/i.exec(header);
    if (plain) return sanitizeFilename((plain[2] ?? plain[1]).replace(/\\(.)/g, '$1').trim(), fallback);
  }
  return fallback;
}

/** No folders in a saved name. */
const sanitizeFilename = (name: string, fallback: string) => name.replace(/[/\\]/g, '_').trim() || fallback;

export const exportFallbackName = (period: string, format: ExportFormat) => `report-${period.replace(/[^\w.-]+/g, '-')}.${format}`;

export const isExportFormat = (value: string): value is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(value);

// ---- The client ----------------------------------------------------------------------------------

type Call<T> = Promise<{ data?: T; error?: unknown; response: Response }>;

async function send<T>(call: Call<T>): Promise<{ data: T; response: Response }> {
  let result;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  const { data, error, response } = result;
  if (!response.ok) throw ApiError.from(response, error);
  return { data: data as T, response };
}

const unwrap = async <T>(call: Call<T>): Promise<T> => (await send(call)).data;

/** A 202's JSON body read from a blob (the request asked for a blob: the 200 is a file). */
async function blobJson<T>(blob: Blob): Promise<T> {
  return JSON.parse(await blob.text()) as T;
}

/** The GET /reports parameters as the generated client types them (lists as arrays). */
export function reportParams(query: ReportQuery): ReportParams {
  const f = query.filters ?? {};
  const nonEmpty = <T>(values: readonly T[] | undefined) => (values && values.length > 0 ? [...values] : undefined);
  const params: ReportParams = {
    period: query.period,
    preset: query.preset,
    breakdowns: nonEmpty(query.breakdowns),
    measures: nonEmpty(query.measures),
    targetGroups: nonEmpty(f.targetGroups),
    courseIds: nonEmpty(f.courseIds),
    format: f.format,
    province: f.province || undefined,
    district: f.district || undefined,
    instructorId: f.instructorId || undefined,
  };
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')) as ReportParams;
}

/** Lists go comma-separated (the contract's form, and the builder's URL), not repeated. */
const COMMA_LISTS = { array: { style: 'form', explode: false } } as const;

const P = '/api/v1/reports';

export function createReportsApi(client: ApiClient) {
  const id = (value: string) => ({ path: { id: value } });
  return {
    report: (query: ReportQuery, signal?: AbortSignal) => unwrap(client.GET('/api/v1/reports', { params: { query: reportParams(query) }, querySerializer: COMMA_LISTS, signal })),
    options: (signal?: AbortSignal) => unwrap(client.GET('/api/v1/reports/options', { signal })),

    plans: (fiscalYear: number, signal?: AbortSignal) => unwrap(client.GET('/api/v1/reports/plans', { params: { query: { fiscalYear } }, signal })),
    savePlans: (body: ReportPlansDto) => unwrap(client.PUT('/api/v1/reports/plans', { body })),

    campaigns: (signal?: AbortSignal) => unwrap(client.GET('/api/v1/reports/reach-campaigns', { signal })),
    createCampaign: (body: ReachCampaignInput) => unwrap(client.POST('/api/v1/reports/reach-campaigns', { body })),
    updateCampaign: (campaignId: string, body: ReachCampaignInput) => unwrap(client.PATCH('/api/v1/reports/reach-campaigns/{id}', { params: id(campaignId), body })),
    deleteCampaign: async (campaignId: string): Promise<void> => {
      await send(client.DELETE('/api/v1/reports/reach-campaigns/{id}', { params: id(campaignId) }));
    },

    /** 200: the file, named by Content-Disposition. 202: the queued export to follow. */
    createExport: async (request: ExportRequest): Promise<ExportOutcome> => {
      const { data, response } = await send(client.POST('/api/v1/reports/exports', { body: request, parseAs: 'blob' }));
      if (response.status === 202) return { type: 'queued', export: await blobJson<ReportExportDto>(data) };
      return {
        type: 'file',
        blob: data,
        filename: filenameFromDisposition(response.headers.get('Content-Disposition'), exportFallbackName(request.period, request.format)),
      };
    },
    exports: (signal?: AbortSignal) => unwrap(client.GET('/api/v1/reports/exports', { signal })),
    exportStatus: (exportId: string, signal?: AbortSignal) => unwrap(client.GET('/api/v1/reports/exports/{id}', { params: id(exportId), signal })),
    /**
     * A signed link to the finished file (owner only; 410 once expired) that the browser downloads
     * by itself: to disk, with its own progress, however large, instead of a copy in this page's memory.
     */
    exportLink: (exportId: string) => unwrap(client.POST('/api/v1/reports/exports/{id}/link', { params: id(exportId) })),
  };
}

export type ReportsApi = ReturnType<typeof createReportsApi>;

/** The file's address: the download link's href (the click asks for a signed link to it first). */
export const exportFileUrl = (exportId: string) => `${P}/exports/${encodeURIComponent(exportId)}/file`;

export const isGone = (error: unknown) => error instanceof ApiError && error.status === 410;

/** Query keys, under `accounts` so that signing out drops them. */
export const reportKeys = {
  all: ['accounts', 'reports'] as const,
  options: () => [...reportKeys.all, 'options'] as const,
  report: (query: ReportQuery) => [...reportKeys.all, 'report', reportSearchParams(query)] as const,
  plans: (fiscalYear: number) => [...reportKeys.all, 'plans', fiscalYear] as const,
  campaigns: () => [...reportKeys.all, 'campaigns'] as const,
  exports: () => [...reportKeys.all, 'exports'] as const,
  export: (exportId: string) => [...reportKeys.all, 'export', exportId] as const,
};
