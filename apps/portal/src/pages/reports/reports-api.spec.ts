import { createApiClient } from '@baanrian/api-client';
import type { ReportQuery } from '@baanrian/contracts';
import { ApiError } from '../../api/errors';
import { createReportsApi, exportBody, filenameFromDisposition, reportQueryFromParams, reportSearchParams, type ReportExportDto } from './reports-api';

const query: ReportQuery = {
  period: 'fy:2569',
  preset: 'fiscal_year_summary',
  breakdowns: ['target_group', 'month'],
  measures: ['participants', 'learners_online'],
  filters: { targetGroups: ['youth', 'elderly'], courseIds: ['c-1', 'c-2'], format: 'online', province: 'เชียงใหม่', district: 'เมืองเชียงใหม่', instructorId: 'u-9' },
};

const queued: ReportExportDto = {
  id: 'e-1',
  format: 'csv',
  kind: 'enrollments',
  period: 'fy:2569',
  fileName: 'report-fy-2569.csv',
  downloadUrl: null,
  status: 'queued',
  progress: 0,
  rowCount: null,
  byteSize: null,
  expiresAt: null,
  createdAt: '2026-03-01T03:00:00.000Z',
  finishedAt: null,
};

/** The real generated client over a fake fetch (the network edge), recording what was sent. */
function clientWith(handler: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    return handler(request.clone());
  };
  return { api: createReportsApi(createApiClient({ baseUrl: 'http://portal.test', fetch: fetch as typeof globalThis.fetch })), requests };
}

describe('report query mapping', () => {
  it('writes the API’s parameters: lists comma-separated, filters flat, nothing empty', () => {
    expect(reportSearchParams(query)).toEqual({
      period: 'fy:2569',
      preset: 'fiscal_year_summary',
      breakdowns: 'target_group,month',
      measures: 'participants,learners_online',
      targetGroups: 'youth,elderly',
      courseIds: 'c-1,c-2',
      format: 'online',
      province: 'เชียงใหม่',
      district: 'เมืองเชียงใหม่',
      instructorId: 'u-9',
    });
    expect(reportSearchParams({ period: 'cy:2026', breakdowns: [], filters: { targetGroups: [], province: '' } })).toEqual({ period: 'cy:2026' });
  });

  it('reads the same parameters back (the builder’s URL), dropping what the contract does not know', () => {
    expect(reportQueryFromParams(new URLSearchParams(reportSearchParams(query)))).toEqual(query);
    const stale = new URLSearchParams('period=fy:2569&preset=bogus&breakdowns=month,planet&measures=learners,happiness&targetGroups=youth,martians&format=hybrid');
    expect(reportQueryFromParams(stale)).toEqual({ period: 'fy:2569', breakdowns: ['month'], measures: ['learners'], filters: { targetGroups: ['youth'] } });
    expect(reportQueryFromParams(new URLSearchParams('preset=quarterly'))).toBeNull();
  });

  it('builds the export body as JSON lists, without empty parts', () => {
    expect(exportBody({ period: 'fy:2569:q1', measures: ['learners'], breakdowns: [], filters: { targetGroups: [], format: 'onsite' } }, 'xlsx', 'report')).toEqual({
      format: 'xlsx',
      kind: 'report',
      period: 'fy:2569:q1',
      measures: ['learners'],
      filters: { format: 'onsite' },
    });
  });

  it('takes the file name from Content-Disposition, the UTF-8 form first', () => {
    expect(filenameFromDisposition(`attachment; filename="report.csv"; filename*=UTF-8''%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99-2569.csv`, 'x.csv')).toBe('รายงาน-2569.csv');
    expect(filenameFromDisposition('attachment; filename="report fy-2569.xlsx"', 'x.xlsx')).toBe('report fy-2569.xlsx');
    expect(filenameFromDisposition('attachment; filename=plain.pdf', 'x.pdf')).toBe('plain.pdf');
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"', 'x.csv')).toBe('.._.._etc_passwd');
    expect(filenameFromDisposition(null, 'report-fy-2569.csv')).toBe('report-fy-2569.csv');
  });
});

describe('reports API calls', () => {
  it('asks GET /api/v1/reports with the query’s parameters', async () => {
    const { api, requests } = clientWith(() => Response.json({ period: { key: 'fy:2569' } }));
    await api.report(query);
    const url = new URL(requests[0].url);
    expect(url.pathname).toBe('/api/v1/reports');
    expect(Object.fromEntries(url.searchParams)).toEqual(reportSearchParams(query));
  });

  it('a 200 export is the file, named by the server', async () => {
    const { api, requests } = clientWith(
      () => new Response('\uFEFFmeasure,actual\nlearners,1876\n', { status: 200, headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="report-fy-2569.csv"' } }),
    );
    const outcome = await api.createExport(exportBody(query, 'csv', 'report'));
    expect(outcome.type).toBe('file');
    if (outcome.type !== 'file') return;
    expect(outcome.filename).toBe('report-fy-2569.csv');
    expect(await outcome.blob.text()).toContain('learners,1876');
    expect(requests[0].method).toBe('POST');
    expect(new URL(requests[0].url).pathname).toBe('/api/v1/reports/exports');
    expect(await requests[0].json()).toEqual(exportBody(query, 'csv', 'report'));
  });

  it('a 202 export is the queued job to follow', async () => {
    const { api } = clientWith(() => Response.json(queued, { status: 202 }));
    expect(await api.createExport(exportBody(query, 'csv', 'enrollments'))).toEqual({ type: 'queued', export: queued });
  });

  it('a problem is an ApiError with its code; campaigns and plans use their paths and bodies', async () => {
    const { api, requests } = clientWith((request) =>
      request.method === 'PATCH'
        ? Response.json({ type: 'about:blank', title: 'ไม่มีสิทธิ์', status: 403, code: 'REPORT_FORBIDDEN' }, { status: 403, headers: { 'Content-Type': 'application/problem+json' } })
        : Response.json({ fiscalYear: 2569, targets: [] }),
    );
    await expect(api.updateCampaign('k 1', { channel: 'line', startsOn: '2026-01-01', endsOn: '2026-01-31', courseId: null, programme: 'x', impressions: null, reach: 5, note: '' })).rejects.toMatchObject({
      status: 403,
      problem: { code: 'REPORT_FORBIDDEN' },
    });
    expect(new URL(requests[0].url).pathname).toBe('/api/v1/reports/reach-campaigns/k%201');
    await api.plans(2569);
    expect(new URL(requests[1].url).search).toBe('?fiscalYear=2569');
    await api.savePlans({ fiscalYear: 2569, targets: [{ targetGroup: 'all', measure: 'participants', target: 2478 }] });
    expect(requests[2].method).toBe('PUT');
    expect(await requests[2].json()).toEqual({ fiscalYear: 2569, targets: [{ targetGroup: 'all', measure: 'participants', target: 2478 }] });
    const gone = clientWith(() => Response.json({ type: 'about:blank', title: 'Gone', status: 410, code: 'EXPORT_EXPIRED' }, { status: 410 }));
    await expect(gone.api.exportLink('e-1')).rejects.toBeInstanceOf(ApiError);
    expect(gone.requests[0].method).toBe('POST');
    expect(new URL(gone.requests[0].url).pathname).toBe('/api/v1/reports/exports/e-1/link');
  });
});
