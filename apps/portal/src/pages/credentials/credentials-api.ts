import type { ApiClient, Schemas } from '@baanrian/api-client';
import { CREDENTIAL_ADMIN_PAGE_SIZE, type Locale } from '@baanrian/contracts';
import { ApiError, NetworkError } from '../../api/errors';

/*
 * Every call the certificate screens make, in one file, over the app's generated API client (its
 * middleware sends the access token, refreshing once on a 401, and Accept-Language). Paths,
 * parameters, bodies and the DTOs are the generated ones (libs/api-client, from the API's
 * OpenAPI document); problems become ApiError, no response NetworkError.
 */

// ---- DTOs: the generated ones ------------------------------------------------------------------

/** `invalid`: the stored credential no longer verifies (e.g. tampered with). Unknown codes are a 404. */
export type VerificationDto = Schemas['CredentialVerificationDto'];
export type SerialDto = Schemas['CredentialSerialDto'];
export type MyCredentialDto = Schemas['MyCredentialDto'];
export type TemplateContent = Schemas['TemplateContentDto'];
export type TemplateDto = Schemas['TemplateDto'];
export type TemplateInput = Schemas['CreateTemplateDto'];
export type LocalizedName = Schemas['LocalizedNameDto'];
export type IssuerProfileDto = Schemas['IssuerProfileDto'];
export type IssuerProfileInput = Schemas['UpdateIssuerProfileDto'];
export type AdminCredentialDto = Schemas['AdminCredentialDto'];
export type CredentialListDto = Schemas['CredentialListDto'];
export type TitleRuleDto = Schemas['TitleRuleDto'];
export type TitleRuleInput = Schemas['CreateTitleRuleDto'];
export type ReconciliationDto = Schemas['ReconciliationDto'];

/** A localized name in the reader's language, Thai when it has none (Thai is always there). */
export const localizedName = (name: LocalizedName, locale: Locale): string => name[locale]?.trim() || name.th;

// ---- Public files (plain links: the browser downloads them, no token needed) -------------------

const enc = encodeURIComponent;

export const credentialPaths = {
  json: (code: string) => `/api/v1/credentials/${enc(code)}/credential.json`,
  jwt: (code: string) => `/api/v1/credentials/${enc(code)}/credential.jwt`,
};

// ---- The client --------------------------------------------------------------------------------

type Call = Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Waits for a call, turning "no response" into NetworkError and an error status into ApiError. */
async function unwrap<T>(call: Call): Promise<T> {
  let result;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  const { data, error, response } = result;
  if (!response.ok) throw ApiError.from(response, error);
  return data as T;
}

export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

export function createCredentialsApi(client: ApiClient) {
  const id = (value: string) => ({ params: { path: { id: value } } });
  return {
    /** 404 (unknown code) resolves to null: the page says "not found" either way. */
    verification: async (code: string, signal?: AbortSignal): Promise<VerificationDto | null> => {
      try {
        return await unwrap<VerificationDto>(client.GET('/api/v1/credentials/{code}/verification', { params: { path: { code } }, signal }));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    mine: (signal?: AbortSignal) => unwrap<MyCredentialDto[]>(client.GET('/api/v1/me/credentials', { signal })),
    pdf: (credentialId: string) => unwrap<Blob>(client.GET('/api/v1/me/credentials/{id}/certificate.pdf', { ...id(credentialId), parseAs: 'blob' })),

    templates: (signal?: AbortSignal) => unwrap<TemplateDto[]>(client.GET('/api/v1/admin/credentials/templates', { signal })),
    createTemplate: (body: TemplateInput) => unwrap<TemplateDto>(client.POST('/api/v1/admin/credentials/templates', { body })),
    updateTemplate: (templateId: string, body: TemplateInput) => unwrap<TemplateDto>(client.PUT('/api/v1/admin/credentials/templates/{id}', { ...id(templateId), body })),
    previewTemplate: (content: TemplateContent, locale: Locale) =>
      unwrap<Blob>(client.POST('/api/v1/admin/credentials/templates/preview', { body: { content, locale }, parseAs: 'blob' })),
    reissue: (templateId: string) => unwrap<unknown>(client.POST('/api/v1/admin/credentials/templates/{id}/reissue', id(templateId))),
    /** 409 CREDENTIAL_TEMPLATE_IS_DEFAULT / CREDENTIAL_TEMPLATE_IN_USE come back as ApiError with the API's title. */
    deleteTemplate: (templateId: string) => unwrap<unknown>(client.DELETE('/api/v1/admin/credentials/templates/{id}', id(templateId))),

    issuer: (signal?: AbortSignal) => unwrap<IssuerProfileDto>(client.GET('/api/v1/admin/credentials/issuer', { signal })),
    saveIssuer: (body: IssuerProfileInput) => unwrap<IssuerProfileDto>(client.PUT('/api/v1/admin/credentials/issuer', { body })),

    /** One page (1-based) of CREDENTIAL_ADMIN_PAGE_SIZE, newest first, with the total. */
    credentials: (q: string, page: number, signal?: AbortSignal) =>
      unwrap<CredentialListDto>(
        client.GET('/api/v1/admin/credentials', {
          params: { query: { ...(q ? { q } : {}), limit: CREDENTIAL_ADMIN_PAGE_SIZE, offset: (page - 1) * CREDENTIAL_ADMIN_PAGE_SIZE } },
          signal,
        }),
      ),
    reconciliation: (signal?: AbortSignal) => unwrap<ReconciliationDto>(client.GET('/api/v1/admin/credentials/reconciliation', { signal })),
    revoke: (credentialId: string, reason: string) => unwrap<AdminCredentialDto>(client.POST('/api/v1/admin/credentials/{id}/revoke', { ...id(credentialId), body: { reason } })),

    titleRules: (signal?: AbortSignal) => unwrap<TitleRuleDto[]>(client.GET('/api/v1/admin/credentials/title-rules', { signal })),
    createTitleRule: (body: TitleRuleInput) => unwrap<TitleRuleDto>(client.POST('/api/v1/admin/credentials/title-rules', { body })),
    award: (ruleId: string) => unwrap<unknown>(client.POST('/api/v1/admin/credentials/title-rules/{id}/award', id(ruleId))),
  };
}

export type CredentialsApi = ReturnType<typeof createCredentialsApi>;

/** Query keys. The learner's and the admin's under `accounts` (dropped on sign-out); verification is public. */
export const credentialKeys = {
  verification: (code: string) => ['credentials', 'verification', code] as const,
  mine: () => ['accounts', 'credentials', 'mine'] as const,
  admin: ['accounts', 'credentials', 'admin'] as const,
  templates: () => [...credentialKeys.admin, 'templates'] as const,
  issuer: () => [...credentialKeys.admin, 'issuer'] as const,
  list: (q: string, page: number) => [...credentialKeys.admin, 'list', q, page] as const,
  reconciliation: () => [...credentialKeys.admin, 'reconciliation'] as const,
  titleRules: () => [...credentialKeys.admin, 'titleRules'] as const,
};
