import { compactVerify, createLocalJWKSet, importJWK, jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import { buildDidDocument, buildJwks, resolverFromDidDocument } from './credentials.did';
import { signVcJwt, verifyVcJwt } from './credentials.jwt';
import { generateIssuerKey, privateKeyFromPkcs8 } from './credentials.keys';
import { badge, badgeInput, PUBLIC_URL, signingKey } from './testing/fixtures';

const key = generateIssuerKey();
const resolve = resolverFromDidDocument(buildDidDocument(PUBLIC_URL, [key]));

describe('VC-JWT (EdDSA)', () => {
  it('signs a vc+jwt that verifies with jose against the JWKS and with verifyVcJwt', async () => {
    const jwt = await signVcJwt(badge(), signingKey(key));
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(buildJwks([key], PUBLIC_URL)), {
      algorithms: ['EdDSA'],
      typ: 'vc+jwt',
      issuer: badge().issuer.id,
    });
    expect(protectedHeader.kid).toBe(signingKey(key).verificationMethod);
    expect(payload).toMatchObject({ jti: badge().id, type: ['VerifiableCredential', 'OpenBadgeCredential'] });
    const result = await verifyVcJwt(jwt, resolve);
    expect(result.verified).toBe(true);
    expect(result.credential).toEqual(badge());
  });

  it('fails with a key the issuer does not list', async () => {
    const stranger = generateIssuerKey();
    // Same kid as the real key, different private key: a forgery must not pass on the kid alone.
    const forged = await signVcJwt(badge(), { ...signingKey(key), privateKeyPkcs8: stranger.privateKeyPkcs8 });
    expect((await verifyVcJwt(forged, resolve)).verified).toBe(false);
    await expect(compactVerify(forged, await importJWK({ ...key.publicJwk }, 'EdDSA'))).rejects.toThrow(/signature verification failed/);
  });

  it('refuses alg none and algorithms other than EdDSA', async () => {
    const unsecured = new UnsecuredJWT({ ...badge(), iss: badge().issuer.id, jti: badge().id }).encode();
    expect((await verifyVcJwt(unsecured, resolve)).error).toMatch(/Algorithm none not accepted/);
    // HS256 keyed with the public key bytes: the classic algorithm-confusion forgery.
    const hs = await new SignJWT({ ...badge(), iss: badge().issuer.id, jti: badge().id })
      .setProtectedHeader({ alg: 'HS256', typ: 'vc+jwt', kid: signingKey(key).verificationMethod })
      .sign(new TextEncoder().encode(key.publicKeyMultibase));
    expect((await verifyVcJwt(hs, resolve)).error).toMatch(/Algorithm HS256 not accepted/);
  });

  it('rejects a tampered payload, a foreign typ and a kid of another issuer', async () => {
    const jwt = await signVcJwt(badge(), signingKey(key));
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.credentialSubject.achievement.creditsAvailable = 600;
    const tampered = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    expect((await verifyVcJwt(tampered, resolve)).verified).toBe(false);

    const plainJwt = await new SignJWT({ ...badge(), iss: badge().issuer.id, jti: badge().id })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: signingKey(key).verificationMethod })
      .sign(privateKeyFromPkcs8(key.privateKeyPkcs8));
    expect((await verifyVcJwt(plainJwt, resolve)).error).toMatch(/typ JWT is not vc\+jwt/);

    const otherIssuer = await signVcJwt(badge({ issuer: { ...badgeInput().issuer, id: 'did:web:evil.example' } }), signingKey(key));
    expect((await verifyVcJwt(otherIssuer, resolve)).error).toMatch(/not controlled by the issuer/);
  });
});
