import { DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT } from './credentials.contexts';
import type { Ed25519PublicJwk, IssuerPublicKey } from './credentials.keys';

/** did:web of the public URL's host; a port is percent-encoded (did:web spec); any path is ignored. */
export function issuerDid(publicUrl: string): string {
  const url = new URL(publicUrl);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  return `did:web:${host}`;
}

export function verificationMethodId(did: string, kid: string): string {
  return `${did}#${kid}`;
}

export interface DidDocument {
  '@context': string[];
  id: string;
  verificationMethod: {
    id: string;
    type: 'Multikey';
    controller: string;
    publicKeyMultibase: string;
  }[];
  assertionMethod: string[];
  authentication: string[];
}

/**
 * did.json served at /.well-known/did.json. Retired keys stay listed in assertionMethod: a credential
 * signed before a rotation must keep verifying; revocation is the status list's job, not the key's.
 */
export function buildDidDocument(publicUrl: string, keys: IssuerPublicKey[]): DidDocument {
  const did = issuerDid(publicUrl);
  const verificationMethod = keys.map((key) => ({
    id: verificationMethodId(did, key.kid),
    type: 'Multikey' as const,
    controller: did,
    publicKeyMultibase: key.publicKeyMultibase,
  }));
  const ids = verificationMethod.map((vm) => vm.id);
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
    id: did,
    verificationMethod,
    assertionMethod: ids,
    authentication: [],
  };
}

export interface Jwks {
  keys: (Ed25519PublicJwk & { kid: string; alg: 'EdDSA'; use: 'sig' })[];
}

/**
 * JWKS for VC-JWT verifiers. With publicUrl, kid = the full verification method id (`did#kid`), the
 * value VC-JWT headers carry; without it, the bare kid.
 */
export function buildJwks(keys: IssuerPublicKey[], publicUrl?: string): Jwks {
  const did = publicUrl ? issuerDid(publicUrl) : undefined;
  return {
    keys: keys.map((key) => ({
      kty: 'OKP',
      crv: 'Ed25519',
      x: key.publicJwk.x,
      kid: did ? verificationMethodId(did, key.kid) : key.kid,
      alg: 'EdDSA',
      use: 'sig',
    })),
  };
}

/** A PublicKeyResolver over a DID document: only keys listed under assertionMethod count. */
export function resolverFromDidDocument(didDocument: DidDocument) {
  return (verificationMethod: string) => {
    if (!didDocument.assertionMethod.includes(verificationMethod)) return null;
    const vm = didDocument.verificationMethod.find((candidate) => candidate.id === verificationMethod);
    return vm ? { publicKeyMultibase: vm.publicKeyMultibase } : null;
  };
}
