import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type TargetGroupValue = Schemas['TargetGroup'];
export type CatalogCourseSummary = Schemas['CatalogCourseSummaryDto'];
export type CatalogList = Schemas['CatalogListDto'];
export type CatalogCoursePage = Schemas['CatalogCoursePageDto'];
export type Problem = Schemas['ProblemDto'];
export type Me = Schemas['MeDto'];
export type Session = Schemas['SessionDto'];
export type RoleValue = Schemas['Role'];
export type AdminUser = Schemas['AdminUserDto'];
export type AdminUserPage = Schemas['AdminUserPageDto'];
export type AuditEntry = Schemas['AuditEntryDto'];

export interface ApiClientOptions {
  /** Origin of the API; empty for the same origin as the page. */
  baseUrl?: string;
  /** Sent as Accept-Language, so errors come back in the user's language. */
  language?: () => string;
  fetch?: typeof fetch;
}

/** The typed client generated from the API's OpenAPI document. The portal talks to the API only through it. */
export function createApiClient(options: ApiClientOptions = {}) {
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? '', fetch: options.fetch });
  const language = options.language;
  if (language) {
    const setLanguage: Middleware = {
      onRequest({ request }) {
        request.headers.set('Accept-Language', language());
        return request;
      },
    };
    client.use(setLanguage);
  }
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'code' in value && 'title' in value;
}
