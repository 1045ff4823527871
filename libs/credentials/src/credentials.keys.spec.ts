import { buildDidDocument, buildJwks, issuerDid } from './credentials.did';
import { generateIssuerKey, openPrivateKey, publicKeyFromMultibase, sealPrivateKey } from './credentials.keys';
import { multibaseDecode, multibaseEncode } from './credentials.multibase';
import { PUBLIC_URL } from './testing/fixtures';

describe('issuer keys', () => {
  it('generates Ed25519 keys as Multikey (z6Mk…) and OKP JWK with a stable kid', () => {
    const key = generateIssuerKey();
    expect(key.publicKeyMultibase).toMatch(/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
    expect(key.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[\w-]{43}$/) });
    expect(publicKeyFromMultibase(key.publicKeyMultibase).export({ format: 'jwk' }).x).toBe(key.publicJwk.x);
    expect(key.kid).toMatch(/^[\w-]{43}$/);
    expect(generateIssuerKey().kid).not.toBe(key.kid);
  });

  it('round-trips base58btc including leading zero bytes', () => {
    const bytes = Buffer.from([0, 0, 1, 2, 255, 0, 58]);
    expect(multibaseDecode(multibaseEncode(bytes))).toEqual(bytes);
    expect(multibaseEncode(Buffer.from('hello world'))).toBe('zStV1DL6CwTryKyV');
  });

  it('seals the private key so only the right key-encryption key opens it, and detects tampering', () => {
    const key = generateIssuerKey();
    const sealed = sealPrivateKey(key.privateKeyPkcs8, 'kek-from-config');
    expect(sealed.includes(key.privateKeyPkcs8)).toBe(false);
    expect(openPrivateKey(sealed, 'kek-from-config')).toEqual(key.privateKeyPkcs8);
    // A fresh IV each time: sealing twice never gives the same bytes.
    expect(sealPrivateKey(key.privateKeyPkcs8, 'kek-from-config').equals(sealed)).toBe(false);
    expect(() => openPrivateKey(sealed, 'another-kek')).toThrow(expect.objectContaining({ code: 'KEY_SEAL_INVALID' }));
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] ^= 1;
    expect(() => openPrivateKey(flipped, 'kek-from-config')).toThrow(expect.objectContaining({ code: 'KEY_SEAL_INVALID' }));
  });
});

describe('did:web', () => {
  it('derives the DID from the public URL host, percent-encoding the port', () => {
    expect(issuerDid('https://lms.example.ac.th')).toBe('did:web:lms.example.ac.th');
    expect(issuerDid('http://localhost:3000/')).toBe('did:web:localhost%3A3000');
    expect(issuerDid(PUBLIC_URL)).toBe('did:web:lms.example.ac.th%3A8443');
  });

  it('lists every key, old and new, as a Multikey assertion method, and the same keys in the JWKS', () => {
    const [old, current] = [generateIssuerKey(), generateIssuerKey()];
    const doc = buildDidDocument(PUBLIC_URL, [old, current]);
    const did = 'did:web:lms.example.ac.th%3A8443';
    expect(doc).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [old, current].map((k) => ({
        id: `${did}#${k.kid}`,
        type: 'Multikey',
        controller: did,
        publicKeyMultibase: k.publicKeyMultibase,
      })),
      assertionMethod: [`${did}#${old.kid}`, `${did}#${current.kid}`],
      authentication: [],
    });
    expect(buildJwks([old, current], PUBLIC_URL).keys.map((k) => [k.kid, k.x, k.alg])).toEqual([
      [`${did}#${old.kid}`, old.publicJwk.x, 'EdDSA'],
      [`${did}#${current.kid}`, current.publicJwk.x, 'EdDSA'],
    ]);
  });
});
