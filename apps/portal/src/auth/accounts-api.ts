import createClient, { type Middleware } from 'openapi-fetch';
import type { paths, Problem, Schemas } from '@baanrian/api-client';
import type { Locale, Role, TargetGroup } from '@baanrian/contracts';
import type { ConsentPurpose } from '@baanrian/contracts';
import { ApiError, NetworkError } from '../api/errors';

/*
 * Every HTTP call the accounts screens make, in one file. Paths and DTOs come from the generated
 * client (libs/api-client) where the API's OpenAPI document has them (wave 1); the rest (wave 2:
 * password reset, OIDC, cards, children, consents, export, erasure) mirror the accounts contract
 * (notes/accounts-contract.md) by hand, in openapi-typescript's shape. When the generated client
 * has them all: drop `HandWrittenPaths` and the hand-written DTOs, use `paths` (or the app's
 * ApiClient) directly, and let the compiler point at each call below that no longer matches.
 */

// ---- DTOs (accounts contract) -------------------------------------------------------------
// Hand-written below only where the generated client has nothing yet (wave 2).

export type StaffStatus = Schemas['StaffStatus'];

// Wave 1 (sign-up, sessions, /me, setup, admin users, audit): the generated types.
export type MeDto = Schemas['MeDto'];
export type SessionDto = Schemas['SessionDto'];
export type AdminUserDto = Schemas['AdminUserDto'];
export type AuditEntryDto = Schemas['AuditEntryDto'];

export interface Page<T> {
  items: T[];
  total: number;
}

export interface ChildDto {
  id: string;
  displayName: string;
  birthYear: number;
  targetGroup: TargetGroup;
  /** Null when the guardian withdrew the "learning" consent: the child's data is not processed. */
  consentGivenAt: string | null;
}

export interface ConsentDto {
  id: string;
  purpose: string;
  policyVersion: string;
  givenAt: string;
  givenById: string | null;
  subjectId: string | null;
  withdrawnAt: string | null;
}

/** One account created through assisted sign-up (GET /assisted-accounts). */
export interface AssistedAccountSummaryDto {
  user: AdminUserDto;
  createdById: string | null;
  createdByName: string | null;
  /** The holder has chosen a PIN or password: a new card then removes it (resetSecret). */
  secretSet: boolean;
  liveCardExpiresAt: string | null;
}

export interface SignInCardDto {
  accountCode: string;
  oneTimeCode: string;
  signInUrl: string;
  /** An SVG document drawn by the API (shown as an image, never injected as markup). */
  qrSvg: string;
  expiresAt: string;
}

export interface ProfileFields {
  displayName: string;
  preferredLocale: Locale;
  birthYear?: number;
  phone?: string;
  province?: string;
  district?: string;
  targetGroup?: TargetGroup;
}

export interface SignUpBody extends ProfileFields {
  email: string;
  password: string;
}

export type ProfilePatch = Partial<Omit<ProfileFields, 'birthYear' | 'phone' | 'province' | 'district'>> & {
  birthYear?: number | null;
  phone?: string | null;
  province?: string | null;
  district?: string | null;
};

export interface AdminUserQuery {
  q?: string;
  role?: Role;
  targetGroup?: TargetGroup;
  limit: number;
  offset: number;
}

export type SecretKind = 'password' | 'pin';

/**
 * The consent a guardian gives when adding a child. No endpoint names the current policy version,
 * so the portal states it here, matching the API's (CONSENT_POLICY_VERSION and
 * CHILD_REQUIRED_PURPOSE in libs/contracts on the privacy branch; import them once merged).
 */
/** What DELETE /me must carry (ERASE_CONFIRMATION in the privacy branch's contracts). */
export const DELETE_ACCOUNT_CONFIRMATION = 'DELETE';

export const CHILD_CONSENT = { policyVersion: '2026-11', purposes: ['learning'] } as const;

// ---- Paths, in openapi-typescript's shape ---------------------------------------------------

type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type NoContent = { headers: { [name: string]: unknown }; content?: never };
type ProblemResponse = { headers: { [name: string]: unknown }; content: { 'application/problem+json': Problem } };
type Body<T> = { content: { 'application/json': T } };
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type IdParams = { query?: never; header?: never; path: { id: string }; cookie?: never };
type Op<Params, RequestBody, Responses> = {
  parameters: Params;
  responses: Responses & { default: ProblemResponse };
} & ([RequestBody] extends [never] ? { requestBody?: never } : { requestBody: RequestBody });
type Get<Params, Response> = { parameters: Params; get: Op<Params, never, { 200: Json<Response> }> };

interface HandWrittenPaths {
  '/api/v1/auth/sign-up': { parameters: NoParams; post: Op<NoParams, Body<SignUpBody>, { 201: Json<SessionDto> }> };
  '/api/v1/auth/sign-in': { parameters: NoParams; post: Op<NoParams, Body<{ login: string; password: string }>, { 200: Json<SessionDto> }> };
  '/api/v1/auth/refresh': { parameters: NoParams; post: Op<NoParams, never, { 200: Json<SessionDto> }> };
  '/api/v1/auth/sign-out': { parameters: NoParams; post: Op<NoParams, never, { 204: NoContent }> };
  '/api/v1/auth/password/forgot': { parameters: NoParams; post: Op<NoParams, Body<{ email: string }>, { 202: NoContent }> };
  '/api/v1/auth/password/reset': {
    parameters: NoParams;
    post: Op<NoParams, Body<{ token: string; password: string }>, { 204: NoContent }>;
  };
  '/api/v1/auth/oidc': Get<NoParams, { enabled: boolean; label: string | null }>;
  '/api/v1/auth/card': {
    parameters: NoParams;
    post: Op<NoParams, Body<{ accountCode: string; oneTimeCode: string }>, { 200: Json<{ setupToken: string }> }>;
  };
  '/api/v1/auth/card/complete': {
    parameters: NoParams;
    post: Op<NoParams, Body<{ setupToken: string; secretKind: SecretKind; secret: string }>, { 200: Json<SessionDto> }>;
  };
  '/api/v1/auth/switch-back': { parameters: NoParams; post: Op<NoParams, never, { 200: Json<SessionDto> }> };
  '/api/v1/setup': Get<NoParams, { needsAdmin: boolean }>;
  '/api/v1/setup/admin': {
    parameters: NoParams;
    post: Op<NoParams, Body<{ email: string; password: string; displayName: string; preferredLocale: Locale }>, { 201: Json<SessionDto> }>;
  };
  '/api/v1/me': {
    parameters: NoParams;
    get: Op<NoParams, never, { 200: Json<MeDto> }>;
    patch: Op<NoParams, Body<ProfilePatch>, { 200: Json<MeDto> }>;
    delete: Op<NoParams, Body<{ confirmation: string }>, { 204: NoContent }>;
  };
  '/api/v1/me/export': Get<NoParams, unknown>;
  '/api/v1/me/children': {
    parameters: NoParams;
    get: Op<NoParams, never, { 200: Json<ChildDto[]> }>;
    post: Op<
      NoParams,
      Body<{ displayName: string; birthYear: number; consent: { policyVersion: string; purposes: string[] } }>,
      { 201: Json<ChildDto> }
    >;
  };
  '/api/v1/me/children/{id}': {
    parameters: IdParams;
    patch: Op<IdParams, Body<{ displayName?: string; birthYear?: number }>, { 200: Json<ChildDto> }>;
    delete: Op<IdParams, never, { 204: NoContent }>;
  };
  '/api/v1/me/children/{id}/switch': { parameters: IdParams; post: Op<IdParams, never, { 200: Json<SessionDto> }> };
  '/api/v1/me/consents': {
    parameters: NoParams;
    get: Op<NoParams, never, { 200: Json<ConsentDto[]> }>;
    post: Op<NoParams, Body<{ purpose: string; policyVersion: string }>, { 201: Json<ConsentDto> }>;
  };
  '/api/v1/me/consents/{id}': { parameters: IdParams; delete: Op<IdParams, never, { 204: NoContent }> };
  '/api/v1/admin/users': {
    parameters: { query?: AdminUserQuery; header?: never; path?: never; cookie?: never };
    get: Op<{ query?: AdminUserQuery; header?: never; path?: never; cookie?: never }, never, { 200: Json<Page<AdminUserDto>> }>;
  };
  '/api/v1/admin/users/{id}/roles/{role}': {
    parameters: { query?: never; header?: never; path: { id: string; role: Role }; cookie?: never };
    put: Op<{ query?: never; header?: never; path: { id: string; role: Role }; cookie?: never }, never, { 200: Json<AdminUserDto> }>;
    delete: Op<{ query?: never; header?: never; path: { id: string; role: Role }; cookie?: never }, never, { 200: Json<AdminUserDto> }>;
  };
  '/api/v1/admin/users/{id}/disable': { parameters: IdParams; post: Op<IdParams, never, { 200: Json<AdminUserDto> }> };
  '/api/v1/admin/users/{id}/enable': { parameters: IdParams; post: Op<IdParams, never, { 200: Json<AdminUserDto> }> };
  '/api/v1/admin/users/{id}/confirm-staff': { parameters: IdParams; post: Op<IdParams, never, { 200: Json<AdminUserDto> }> };
  '/api/v1/admin/audit': {
    parameters: { query?: { limit: number; offset: number }; header?: never; path?: never; cookie?: never };
    get: Op<{ query?: { limit: number; offset: number }; header?: never; path?: never; cookie?: never }, never, { 200: Json<Page<AuditEntryDto>> }>;
  };
  '/api/v1/assisted-accounts': {
    parameters: NoParams;
    get: Op<
      { query?: { q?: string; limit?: number; offset?: number }; header?: never; path?: never; cookie?: never },
      never,
      { 200: Json<Page<AssistedAccountSummaryDto>> }
    >;
    post: Op<NoParams, Body<ProfileFields>, { 201: Json<{ user: AdminUserDto; card: SignInCardDto }> }>;
  };
  '/api/v1/admin/users/{id}/card': {
    parameters: IdParams;
    post: Op<IdParams, Body<{ resetSecret?: boolean }>, { 201: Json<{ user: AdminUserDto; card: SignInCardDto }> }>;
  };
}

/**
 * The generated types win wherever the API's OpenAPI document already has the path (wave 1 since
 * the merge of accounts-core); the hand-written ones cover the rest until it does. A path whose
 * generated shape differs from how it is called below fails to compile.
 */
export type AccountsPaths = {
  [P in keyof HandWrittenPaths]: P extends keyof paths ? PreferGenerated<paths[P], HandWrittenPaths[P]> : HandWrittenPaths[P];
};

/** Per method: the generated operation when there is one, else the hand-written one (e.g. DELETE /me, wave 2). */
type PreferGenerated<Generated, HandWritten> = {
  [K in keyof Generated | keyof HandWritten]: K extends keyof Generated
    ? [Exclude<Generated[K], undefined>] extends [never]
      ? K extends keyof HandWritten
        ? HandWritten[K]
        : Generated[K]
      : Generated[K]
    : K extends keyof HandWritten
      ? HandWritten[K]
      : never;
};

// ---- The client ------------------------------------------------------------------------------

export interface AccountsApiOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Sent as Accept-Language, so problems come back in the user's language. */
  language?: () => string;
}

/** Where the browser goes to start "sign in with digital ID" (a full page load, not a fetch). */
export const OIDC_START_PATH = '/api/v1/auth/oidc/start';

/** Waits for a call, turning "no response" into NetworkError and an error status into ApiError. */
async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
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

/** The file name in `Content-Disposition: attachment; filename="…"`, if any. */
function attachmentName(response: Response): string | null {
  const header = response.headers.get('Content-Disposition') ?? '';
  return /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header)?.[1] ?? null;
}

export function createAccountsApi(options: AccountsApiOptions = {}) {
  const client = createClient<AccountsPaths>({ baseUrl: options.baseUrl ?? '', fetch: options.fetch });
  const language = options.language;
  if (language) {
    client.use({
      onRequest({ request }) {
        request.headers.set('Accept-Language', language());
        return request;
      },
    });
  }

  return {
    /** Add middleware (the session's Bearer token and 401 retry, see auth-middleware.ts). */
    use: (middleware: Middleware) => client.use(middleware),

    // Sessions
    signUp: (body: SignUpBody) => unwrap(client.POST('/api/v1/auth/sign-up', { body })),
    signIn: (body: { login: string; password: string }) => unwrap(client.POST('/api/v1/auth/sign-in', { body })),
    refresh: () => unwrap(client.POST('/api/v1/auth/refresh')),
    signOut: () => unwrap(client.POST('/api/v1/auth/sign-out')),
    forgotPassword: (email: string) => unwrap(client.POST('/api/v1/auth/password/forgot', { body: { email } })),
    resetPassword: (token: string, password: string) => unwrap(client.POST('/api/v1/auth/password/reset', { body: { token, password } })),
    oidc: () => unwrap(client.GET('/api/v1/auth/oidc')),
    redeemCard: (accountCode: string, oneTimeCode: string) => unwrap(client.POST('/api/v1/auth/card', { body: { accountCode, oneTimeCode } })),
    completeCard: (setupToken: string, secretKind: SecretKind, secret: string) =>
      unwrap(client.POST('/api/v1/auth/card/complete', { body: { setupToken, secretKind, secret } })),
    switchBack: () => unwrap(client.POST('/api/v1/auth/switch-back')),

    // First-run setup
    setup: () => unwrap(client.GET('/api/v1/setup')),
    setupAdmin: (body: { email: string; password: string; displayName: string; preferredLocale: Locale }) =>
      unwrap(client.POST('/api/v1/setup/admin', { body })),

    // Me
    me: () => unwrap(client.GET('/api/v1/me')),
    updateMe: (body: ProfilePatch) => unwrap(client.PATCH('/api/v1/me', { body })),
    deleteMe: (confirmation: 'DELETE') => unwrap(client.DELETE('/api/v1/me', { body: { confirmation } })),
    /** "Download my data": the JSON as a Blob, with the file name the API suggests. */
    exportMyData: async (): Promise<{ blob: Blob; fileName: string | null }> => {
      let response: Response | undefined;
      const blob = await unwrap(
        client.GET('/api/v1/me/export', { parseAs: 'blob' }).then((result) => {
          response = result.response;
          return result;
        }),
      );
      return { blob: blob as Blob, fileName: response ? attachmentName(response) : null };
    },
    children: () => unwrap(client.GET('/api/v1/me/children')),
    addChild: (displayName: string, birthYear: number, consent: { policyVersion: string; purposes: ConsentPurpose[] }) =>
      unwrap(client.POST('/api/v1/me/children', { body: { displayName, birthYear, consent } })),
    removeChild: (id: string) => unwrap(client.DELETE('/api/v1/me/children/{id}', { params: { path: { id } } })),
    switchToChild: (id: string) => unwrap(client.POST('/api/v1/me/children/{id}/switch', { params: { path: { id } } })),
    consents: () => unwrap(client.GET('/api/v1/me/consents')),
    giveConsent: (body: { purpose: ConsentPurpose; policyVersion: string; subjectId?: string }) =>
      unwrap(client.POST('/api/v1/me/consents', { body })),
    withdrawConsent: (id: string) => unwrap(client.DELETE('/api/v1/me/consents/{id}', { params: { path: { id } } })),

    // Administration
    users: (query: AdminUserQuery, signal?: AbortSignal) => unwrap(client.GET('/api/v1/admin/users', { params: { query }, signal })),
    grantRole: (id: string, role: Role) => unwrap(client.PUT('/api/v1/admin/users/{id}/roles/{role}', { params: { path: { id, role } } })),
    revokeRole: (id: string, role: Role) => unwrap(client.DELETE('/api/v1/admin/users/{id}/roles/{role}', { params: { path: { id, role } } })),
    disableUser: (id: string) => unwrap(client.POST('/api/v1/admin/users/{id}/disable', { params: { path: { id } } })),
    enableUser: (id: string) => unwrap(client.POST('/api/v1/admin/users/{id}/enable', { params: { path: { id } } })),
    confirmStaff: (id: string) => unwrap(client.POST('/api/v1/admin/users/{id}/confirm-staff', { params: { path: { id } } })),
    audit: (query: { limit: number; offset: number }, signal?: AbortSignal) =>
      unwrap(client.GET('/api/v1/admin/audit', { params: { query }, signal })),
    createAssistedAccount: (body: ProfileFields) => unwrap(client.POST('/api/v1/assisted-accounts', { body })),
    assistedAccounts: (query: { q?: string; limit?: number; offset?: number }, signal?: AbortSignal) =>
      unwrap(client.GET('/api/v1/assisted-accounts', { params: { query }, signal })),
    /** A new card for an assisted account; `resetSecret` also removes a PIN or password the holder chose. */
    issueCard: (id: string, resetSecret: boolean) =>
      unwrap(client.POST('/api/v1/admin/users/{id}/card', { params: { path: { id } }, body: { resetSecret } })),
  };
}

export type AccountsApi = ReturnType<typeof createAccountsApi>;
