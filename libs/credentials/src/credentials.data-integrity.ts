// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient declarations for untyped deps must travel with this file into every consumer's compilation
/// <reference path="./vendor.d.ts" />
import { createHash, sign, verify } from 'node:crypto';
import type * as JsonLd from 'jsonld';
import type { UnsignedCredential } from './credentials.badge';
import { documentLoader, VC_V2_CONTEXT } from './credentials.contexts';
import { CredentialError } from './credentials.error';
import { privateKeyFromPkcs8, publicKeyFromJwk, publicKeyFromMultibase, type Ed25519PublicJwk } from './credentials.keys';
import { multibaseDecode, multibaseEncode } from './credentials.multibase';

let loaded: typeof JsonLd | undefined;

/** jsonld, loaded on the first signature or verification rather than at start (about 12 MB resident). */
function jsonLd(): typeof JsonLd {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('jsonld') as typeof JsonLd);
}

export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-rdfc-2022';
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  proofValue: string;
}

export type SignedCredential<T = UnsignedCredential> = T & { proof: DataIntegrityProof };

export interface SigningKey {
  privateKeyPkcs8: Buffer;
  /** `did:web:host#kid` */
  verificationMethod: string;
}

export interface ResolvedPublicKey {
  publicKeyMultibase?: string;
  publicJwk?: Ed25519PublicJwk;
}

/** Looks a verification method id up (DID document, database); null when unknown. */
export type PublicKeyResolver = (
  verificationMethod: string,
) => ResolvedPublicKey | null | undefined | Promise<ResolvedPublicKey | null | undefined>;

export interface VerificationResult {
  verified: boolean;
  error?: string;
}

type JsonObject = Record<string, unknown>;

// RDF Dataset Canonicalization (RDFC-1.0) to N-Quads. `safe` makes jsonld throw on any term the
// contexts do not define instead of silently dropping it from what gets signed.
async function canonize(input: JsonObject): Promise<string> {
  try {
    return await jsonLd().canonize(input, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      documentLoader,
      safe: true,
    });
  } catch (error) {
    // jsonld wraps loader failures; surface ours (CONTEXT_NOT_BUNDLED) so callers can tell them apart.
    const cause = (error as { details?: { cause?: unknown } }).details?.cause;
    throw cause instanceof CredentialError ? cause : error;
  }
}

// vc-di-eddsa §3.3: hashData = sha256(canonical proof config) || sha256(canonical document).
async function hashData(document: JsonObject, proofConfig: JsonObject): Promise<Buffer> {
  const [canonicalProof, canonicalDocument] = await Promise.all([canonize(proofConfig), canonize(document)]);
  return Buffer.concat([
    createHash('sha256').update(canonicalProof, 'utf8').digest(),
    createHash('sha256').update(canonicalDocument, 'utf8').digest(),
  ]);
}

/**
 * The proof configuration takes the document's @context (vc-data-integrity). Every proof term is a
 * protected VC 2.0 term that later contexts cannot redefine, so when VC 2.0 comes first the proof
 * canonicalises to the same N-Quads under VC 2.0 alone; skipping the large OB context saves time per
 * credential. The independent-verifier spec checks the two agree.
 */
function proofContext(document: JsonObject): unknown {
  const context = document['@context'];
  return Array.isArray(context) && context[0] === VC_V2_CONTEXT ? [VC_V2_CONTEXT] : context;
}

/**
 * Data Integrity proof, cryptosuite eddsa-rdfc-2022 (W3C vc-di-eddsa). Ed25519 signatures are
 * deterministic, so the same document, key and `created` always give the same proofValue.
 */
export async function signDataIntegrity<T extends JsonObject>(
  doc: T,
  key: SigningKey,
  created: string,
): Promise<SignedCredential<T>> {
  const { proof: _ignored, ...document } = doc as JsonObject;
  const proofOptions = {
    type: 'DataIntegrityProof' as const,
    cryptosuite: 'eddsa-rdfc-2022' as const,
    created,
    verificationMethod: key.verificationMethod,
    proofPurpose: 'assertionMethod' as const,
  };
  const data = await hashData(document, { '@context': proofContext(document), ...proofOptions });
  const signature = sign(null, data, privateKeyFromPkcs8(key.privateKeyPkcs8));
  return { ...(document as T), proof: { ...proofOptions, proofValue: multibaseEncode(signature) } };
}

function publicKeyOf(resolved: ResolvedPublicKey) {
  if (resolved.publicKeyMultibase) return publicKeyFromMultibase(resolved.publicKeyMultibase);
  if (resolved.publicJwk) return publicKeyFromJwk(resolved.publicJwk);
  throw new Error('Resolved key has neither publicKeyMultibase nor publicJwk');
}

export async function verifyDataIntegrity(doc: JsonObject, resolvePublicKey: PublicKeyResolver): Promise<VerificationResult> {
  try {
    const { proof, ...document } = doc;
    if (!proof || typeof proof !== 'object' || Array.isArray(proof)) return { verified: false, error: 'No proof' };
    const { proofValue, ...proofOptions } = proof as JsonObject;
    if (proofOptions.type !== 'DataIntegrityProof' || proofOptions.cryptosuite !== 'eddsa-rdfc-2022') {
      return { verified: false, error: 'Unsupported proof type or cryptosuite' };
    }
    if (proofOptions.proofPurpose !== 'assertionMethod') return { verified: false, error: 'Proof purpose is not assertionMethod' };
    if (typeof proofValue !== 'string' || typeof proofOptions.verificationMethod !== 'string') {
      return { verified: false, error: 'Proof has no proofValue or verificationMethod' };
    }
    // The key must belong to the issuer: a valid signature by anyone else's key proves nothing.
    const issuer = document.issuer as { id?: string } | string | undefined;
    const issuerId = typeof issuer === 'string' ? issuer : issuer?.id;
    if (!issuerId || !proofOptions.verificationMethod.startsWith(`${issuerId}#`)) {
      return { verified: false, error: 'Verification method is not controlled by the issuer' };
    }
    const resolved = await resolvePublicKey(proofOptions.verificationMethod);
    if (!resolved) return { verified: false, error: `Unknown verification method ${proofOptions.verificationMethod}` };
    const data = await hashData(document, { ...proofOptions, '@context': proofContext(document) });
    const ok = verify(null, data, publicKeyOf(resolved), multibaseDecode(proofValue));
    return ok ? { verified: true } : { verified: false, error: 'Signature does not match' };
  } catch (error) {
    return { verified: false, error: error instanceof Error ? error.message : String(error) };
  }
}
