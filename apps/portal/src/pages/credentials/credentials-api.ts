import type { ApiClient } from '@baanrian/api-client';
import { ApiError, NetworkError } from '../../api/errors';

/*
 * Every call the certificate screens make, in one file (notes/cred-contract.md, "API" and
 * "Portal"). The DTOs are the contract's shapes; the calls go through the app's API client (its
 * middleware sends the access token, refreshing once on a 401, and Accept-Language). Until the
 * credentials operations are in the generated client, paths are passed untyped; swapping to the
 * generated types changes only this file.
 */

// ---- DTOs (contract shapes) --------------------------------------------------------------------

export type VerificationStatus = 'valid' | 'revoked' | 'unknown';

export interface SerialDto {
  serial: string;
  templateVersion: number;
  current: boolean;
}

/** What the public verification page may show: nothing about the learner beyond the printed name. */
export interface VerificationDto {
  status: VerificationStatus;
  revokedAt?: string | null;
  achievementName: string;
  issuerName: string;
  issuedAt: string;
  learnerName: string;
  serials: SerialDto[];
}

export interface MyCredentialLinks {
  verify?: string;
  json?: string;
  jwt?: string;
  pdf?: string;
}

export interface MyCredentialDto {
  id: string;
  code: string;
  kind?: 'course' | 'title';
  achievementName: string;
  issuerName?: string;
  issuedAt: string;
  revokedAt: string | null;
  pdfReady: boolean;
  links?: MyCredentialLinks;
  linkedInUrl?: string;
}

export interface SignatoryContent {
  name: string;
  title: string;
  signatureMediaId?: string | null;
}

/** CertificateTemplateContent with media ids instead of images. */
export interface TemplateContent {
  organisationName: string;
  heading?: string;
  bodyText?: string;
  logoMediaId?: string | null;
  signatories: SignatoryContent[];
  accentColor?: string;
}

export interface TemplateDto {
  id: string;
  name: string;
  isDefault: boolean;
  content: TemplateContent;
  version: number;
  updatedAt: string;
}

export interface TemplateInput {
  name: string;
  isDefault: boolean;
  content: TemplateContent;
}

export interface IssuerProfileDto {
  name: string;
  url: string;
  email: string | null;
  imageMediaId?: string | null;
  updatedAt?: string;
}

export interface AdminCredentialDto {
  id: string;
  code: string;
  kind: 'course' | 'title';
  learnerName: string;
  achievementName: string;
  issuedAt: string;
  revokedAt: string | null;
  revocationReason: string | null;
  serial?: string | null;
}

export interface Page<T> {
  items: T[];
  total?: number;
}

export interface TitleRuleDto {
  id: string;
  fiscalYear: number;
  name: string;
  minCompletedCourses: number;
  minHours: number;
  active: boolean;
  createdAt?: string;
}

export type TitleRuleInput = Omit<TitleRuleDto, 'id' | 'createdAt'>;

// ---- Paths -------------------------------------------------------------------------------------

const V1 = '/api/v1';
const ADMIN = `${V1}/admin/credentials`;
const enc = encodeURIComponent;

export const credentialPaths = {
  verification: (code: string) => `${V1}/credentials/${enc(code)}/verification`,
  json: (code: string) => `${V1}/credentials/${enc(code)}/credential.json`,
  jwt: (code: string) => `${V1}/credentials/${enc(code)}/credential.jwt`,
  mine: `${V1}/me/credentials`,
  pdf: (id: string) => `${V1}/me/credentials/${enc(id)}/certificate.pdf`,
  templates: `${ADMIN}/templates`,
  template: (id: string) => `${ADMIN}/templates/${enc(id)}`,
  preview: `${ADMIN}/templates/preview`,
  reissue: (id: string) => `${ADMIN}/templates/${enc(id)}/reissue`,
  issuer: `${ADMIN}/issuer`,
  credentials: ADMIN,
  revoke: (id: string) => `${ADMIN}/${enc(id)}/revoke`,
  titleRules: `${ADMIN}/title-rules`,
  titleRule: (id: string) => `${ADMIN}/title-rules/${enc(id)}`,
  award: (id: string) => `${ADMIN}/title-rules/${enc(id)}/award`,
};

// ---- The client --------------------------------------------------------------------------------

type Call = Promise<{ data?: unknown; error?: unknown; response: Response }>;
type Options = { body?: unknown; params?: { query?: Record<string, unknown> }; signal?: AbortSignal; parseAs?: 'json' | 'blob' };

/** The generated client, before the credentials operations are in its path types. */
interface UntypedClient {
  GET(path: string, options?: Options): Call;
  POST(path: string, options?: Options): Call;
  PUT(path: string, options?: Options): Call;
  DELETE(path: string, options?: Options): Call;
}

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

/** Lists may come as an array or as `{ items }`. */
const items = <T>(data: T[] | Page<T>): Page<T> => (Array.isArray(data) ? { items: data } : data);

export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

export function createCredentialsApi(apiClient: ApiClient) {
  const client = apiClient as unknown as UntypedClient;
  return {
    /** 404 (unknown code) resolves to null: the page says "not found" either way. */
    verification: async (code: string, signal?: AbortSignal): Promise<VerificationDto | null> => {
      try {
        const found = await unwrap<VerificationDto>(client.GET(credentialPaths.verification(code), { signal }));
        return found.status === 'unknown' ? null : found;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    mine: async (signal?: AbortSignal) => items(await unwrap<MyCredentialDto[] | Page<MyCredentialDto>>(client.GET(credentialPaths.mine, { signal }))).items,
    pdf: (id: string) => unwrap<Blob>(client.GET(credentialPaths.pdf(id), { parseAs: 'blob' })),

    templates: async (signal?: AbortSignal) => items(await unwrap<TemplateDto[] | Page<TemplateDto>>(client.GET(credentialPaths.templates, { signal }))).items,
    createTemplate: (body: TemplateInput) => unwrap<TemplateDto>(client.POST(credentialPaths.templates, { body })),
    updateTemplate: (id: string, body: TemplateInput) => unwrap<TemplateDto>(client.PUT(credentialPaths.template(id), { body })),
    previewTemplate: (content: TemplateContent) => unwrap<Blob>(client.POST(credentialPaths.preview, { body: { content }, parseAs: 'blob' })),
    reissue: (id: string) => unwrap<unknown>(client.POST(credentialPaths.reissue(id), {})),

    issuer: (signal?: AbortSignal) => unwrap<IssuerProfileDto>(client.GET(credentialPaths.issuer, { signal })),
    saveIssuer: (body: IssuerProfileDto) => unwrap<IssuerProfileDto>(client.PUT(credentialPaths.issuer, { body })),

    credentials: async (q: string, signal?: AbortSignal) =>
      items(await unwrap<AdminCredentialDto[] | Page<AdminCredentialDto>>(client.GET(credentialPaths.credentials, { params: { query: q ? { q } : {} }, signal }))),
    revoke: (id: string, reason: string) => unwrap<AdminCredentialDto>(client.POST(credentialPaths.revoke(id), { body: { reason } })),

    titleRules: async (signal?: AbortSignal) => items(await unwrap<TitleRuleDto[] | Page<TitleRuleDto>>(client.GET(credentialPaths.titleRules, { signal }))).items,
    createTitleRule: (body: TitleRuleInput) => unwrap<TitleRuleDto>(client.POST(credentialPaths.titleRules, { body })),
    award: (id: string) => unwrap<unknown>(client.POST(credentialPaths.award(id), {})),
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
  list: (q: string) => [...credentialKeys.admin, 'list', q] as const,
  titleRules: () => [...credentialKeys.admin, 'titleRules'] as const,
};
