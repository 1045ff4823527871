import type { ApiClient } from '@baanrian/api-client';
import {
  EXPORT_FORMATS,
  REPORT_DIMENSIONS,
  REPORT_FORMATS,
  REPORT_MEASURES,
  REPORT_PRESETS,
  TARGET_GROUPS,
  type ExportFormat,
  type ExportKind,
  type ExportStatus,
  type ReachChannel,
  type ReportDimension,
  type ReportFilters,
  type ReportMeasure,
  type ReportQuery,
  type ReportResult,
  type TargetGroup,
} from '@baanrian/contracts';
import { ApiError, NetworkError } from '../../api/errors';

/*
 * Every call the report screens make, in this one file (issue 10, notes/reports-contract.md "API
 * surface"). The API is being built in parallel, so its operations are not in the generated client
 * yet: the calls go through the client's generic `request()` (same middleware: the access token,
 * one refresh-and-retry on a 401, Accept-Language), and the DTOs are typed by hand, from
 * @baanrian/contracts where it has them (ReportResult, ReportQuery …) and from the contract and the
 * entities (libs/db/src/reports) where it does not. When `npm run api-client:generate` has them:
 * replace `raw.request(...)` with `client.GET/POST/...` on the generated paths, the interfaces
 * marked "hand-typed" with `Schemas[...]`, and let the compiler point at what changed.
 */

// ---- DTOs (hand-typed from the contract) ---------------------------------------------------------

/** GET /reports/options: what the builder can offer, already limited to the viewer's scope. */
export interface ReportOptionsDto {
  /** Fiscal years (BE) with data, newest first. */
  fiscalYears: number[];
  currentFiscalYear: number;
  provinces: string[];
  districts: { province: string; district: string }[];
  /** Titles in the request's language. */
  courses: { id: string; title: string }[];
  instructors: { id: string; name: string }[];
}

export type PlanTargetGroup = TargetGroup | 'all';

export interface ReportPlanTarget {
  targetGroup: PlanTargetGroup;
  measure: ReportMeasure;
  target: number;
}

/** GET /reports/plans?fiscalYear= answer and PUT /reports/plans body (the year's whole plan). */
export interface ReportPlansDto {
  fiscalYear: number;
  targets: ReportPlanTarget[];
}

/** A recorded campaign (reach_campaign). Dates are Bangkok days, YYYY-MM-DD; `endsOn` inclusive. */
export interface ReachCampaignDto {
  id: string;
  channel: ReachChannel;
  startsOn: string;
  endsOn: string;
  courseId: string | null;
  /** The course's title in the request's language, when the campaign is for a course. */
  courseTitle?: string | null;
  programme: string | null;
  impressions: number | null;
  reach: number;
  note: string;
  createdAt: string;
  updatedAt: string;
}

export type ReachCampaignInput = Pick<ReachCampaignDto, 'channel' | 'startsOn' | 'endsOn' | 'courseId' | 'programme' | 'impressions' | 'reach' | 'note'>;

/** A large export the worker runs (report_export). */
export interface ReportExportDto {
  id: string;
  format: ExportFormat;
  kind: ExportKind;
  status: ExportStatus;
  /** 0–100. */
  progress: number;
  rowCount: number | null;
  byteSize: number | null;
  /** When the download link stops working (set once ready). */
  expiresAt: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** POST /reports/exports body. */
export interface ExportRequest extends ReportQuery {
  format: ExportFormat;
  kind: ExportKind;
}

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

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface RawInit {
  params?: { path?: Record<string, string>; query?: Record<string, string> };
  body?: unknown;
  signal?: AbortSignal;
  parseAs?: 'json' | 'blob';
}
type RawResult = Promise<{ data?: unknown; error?: unknown; response: Response }>;
/** The generated client's generic `request()`, without its path types (the paths are not generated yet). */
interface RawClient {
  request(method: Method, url: string, init?: RawInit): RawResult;
}

async function send(call: RawResult): Promise<{ data: unknown; response: Response }> {
  let result;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  const { data, error, response } = result;
  if (!response.ok) throw ApiError.from(response, error);
  return { data, response };
}

const unwrap = async <T>(call: RawResult): Promise<T> => (await send(call)).data as T;

/** A 202's JSON body read from a blob (the request asked for a blob: the 200 is a file). */
async function blobJson<T>(blob: unknown): Promise<T> {
  return JSON.parse(await (blob as Blob).text()) as T;
}

const P = '/api/v1/reports';

export function createReportsApi(client: ApiClient) {
  const raw = client as unknown as RawClient;
  const id = (value: string) => ({ path: { id: value } });
  return {
    report: (query: ReportQuery, signal?: AbortSignal) => unwrap<ReportResult>(raw.request('get', P, { params: { query: reportSearchParams(query) }, signal })),
    options: (signal?: AbortSignal) => unwrap<ReportOptionsDto>(raw.request('get', `${P}/options`, { signal })),

    plans: (fiscalYear: number, signal?: AbortSignal) =>
      unwrap<ReportPlansDto>(raw.request('get', `${P}/plans`, { params: { query: { fiscalYear: String(fiscalYear) } }, signal })),
    savePlans: (body: ReportPlansDto) => unwrap<ReportPlansDto>(raw.request('put', `${P}/plans`, { body })),

    campaigns: (signal?: AbortSignal) => unwrap<ReachCampaignDto[]>(raw.request('get', `${P}/reach-campaigns`, { signal })),
    createCampaign: (body: ReachCampaignInput) => unwrap<ReachCampaignDto>(raw.request('post', `${P}/reach-campaigns`, { body })),
    updateCampaign: (campaignId: string, body: ReachCampaignInput) =>
      unwrap<ReachCampaignDto>(raw.request('patch', `${P}/reach-campaigns/{id}`, { params: id(campaignId), body })),
    deleteCampaign: (campaignId: string) => unwrap<void>(raw.request('delete', `${P}/reach-campaigns/{id}`, { params: id(campaignId) })),

    /** 200: the file, named by Content-Disposition. 202: the queued export to follow. */
    createExport: async (request: ExportRequest): Promise<ExportOutcome> => {
      const { data, response } = await send(raw.request('post', `${P}/exports`, { body: request, parseAs: 'blob' }));
      if (response.status === 202) return { type: 'queued', export: await blobJson<ReportExportDto>(data) };
      return {
        type: 'file',
        blob: data as Blob,
        filename: filenameFromDisposition(response.headers.get('Content-Disposition'), exportFallbackName(request.period, request.format)),
      };
    },
    exports: (signal?: AbortSignal) => unwrap<ReportExportDto[]>(raw.request('get', `${P}/exports`, { signal })),
    exportStatus: (exportId: string, signal?: AbortSignal) => unwrap<ReportExportDto>(raw.request('get', `${P}/exports/{id}`, { params: id(exportId), signal })),
    /** The finished file (owner only; 410 once expired). */
    exportFile: async (item: ReportExportDto): Promise<{ blob: Blob; filename: string }> => {
      const { data, response } = await send(raw.request('get', exportFileUrl(item.id), { parseAs: 'blob' }));
      return { blob: data as Blob, filename: filenameFromDisposition(response.headers.get('Content-Disposition'), `report-${item.id.slice(0, 8)}.${item.format}`) };
    },
  };
}

export type ReportsApi = ReturnType<typeof createReportsApi>;

/** The file's address: the download link's href (the click fetches it with the access token). */
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
