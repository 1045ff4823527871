import { sign } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';
import type { UnsignedCredential } from './credentials.badge';
import type { PublicKeyResolver, SigningKey, VerificationResult } from './credentials.data-integrity';
import { privateKeyFromPkcs8, publicKeyFromJwk, publicKeyFromMultibase } from './credentials.keys';

export const VC_JWT_TYP = 'vc+jwt';

/**
 * VC-JOSE-COSE: the JWS payload is the credential itself (no `vc` wrapper), header typ `vc+jwt`,
 * kid = the verification method. iss/jti/nbf/iat are added as registered claims so plain JWT
 * libraries can check them too.
 */
export async function signVcJwt(unsigned: UnsignedCredential, key: SigningKey): Promise<string> {
  const { proof: _proof, ...credential } = unsigned as UnsignedCredential & { proof?: unknown };
  const nbf = Math.floor(Date.parse(unsigned.validFrom) / 1000);
  const payload = { ...credential, iss: unsigned.issuer.id, jti: unsigned.id, nbf, iat: nbf };
  // JWS compact serialisation by hand with a synchronous Ed25519 signature: jose's sign goes through
  // the libuv thread pool and costs milliseconds per credential under load; verification (where the
  // attacks are) stays with jose, and the specs verify these tokens with jose's jwtVerify.
  const header = { alg: 'EdDSA', typ: VC_JWT_TYP, kid: key.verificationMethod };
  const signingInput = `${b64url(header)}.${b64url(payload)}`;
  const signature = sign(null, Buffer.from(signingInput, 'ascii'), privateKeyFromPkcs8(key.privateKeyPkcs8));
  return `${signingInput}.${signature.toString('base64url')}`;
}

function b64url(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export interface VcJwtVerification extends VerificationResult {
  credential?: UnsignedCredential;
}

export async function verifyVcJwt(jwt: string, resolve: PublicKeyResolver): Promise<VcJwtVerification> {
  try {
    const header = decodeProtectedHeader(jwt);
    // The algorithm is pinned, never taken from the token: `alg: none` and HMAC-with-the-public-key
    // tricks fail here before any key is looked up.
    if (header.alg !== 'EdDSA') return { verified: false, error: `Algorithm ${String(header.alg)} not accepted` };
    if (header.typ !== VC_JWT_TYP) return { verified: false, error: `typ ${String(header.typ)} is not ${VC_JWT_TYP}` };
    if (typeof header.kid !== 'string') return { verified: false, error: 'No kid' };
    const resolved = await resolve(header.kid);
    if (!resolved) return { verified: false, error: `Unknown verification method ${header.kid}` };
    const publicKey = resolved.publicKeyMultibase
      ? publicKeyFromMultibase(resolved.publicKeyMultibase)
      : resolved.publicJwk
        ? publicKeyFromJwk(resolved.publicJwk)
        : null;
    if (!publicKey) return { verified: false, error: 'Resolved key has no public key' };
    const { payload } = await compactVerify(jwt, publicKey, { algorithms: ['EdDSA'] });
    const { iss, jti, nbf: _nbf, iat: _iat, ...credential } = JSON.parse(Buffer.from(payload).toString('utf8'));
    const issuerId = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer?.id;
    if (iss !== issuerId || jti !== credential.id) return { verified: false, error: 'iss/jti do not match the credential' };
    if (!header.kid.startsWith(`${issuerId}#`)) return { verified: false, error: 'Key is not controlled by the issuer' };
    return { verified: true, credential };
  } catch (error) {
    return { verified: false, error: error instanceof Error ? error.message : String(error) };
  }
}
