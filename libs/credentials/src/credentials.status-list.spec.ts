import { buildDidDocument, resolverFromDidDocument } from './credentials.did';
import { signDataIntegrity, verifyDataIntegrity } from './credentials.data-integrity';
import { generateIssuerKey } from './credentials.keys';
import { buildStatusListCredential, decodeStatusList, encodeStatusList } from './credentials.status-list';
import { CREATED, PUBLIC_URL, signingKey } from './testing/fixtures';
import { gunzipSync, gzipSync } from 'node:zlib';

describe('Bitstring Status List', () => {
  it('encodes revoked indexes as gzip + base64url multibase and decodes them back', () => {
    const encoded = encodeStatusList([0, 7, 42, 131_071]);
    expect(encoded).toMatch(/^u[\w-]+$/);
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bits.length).toBe(16_384);
    // Bit 0 is the most significant bit of the first byte (spec §3.1).
    expect(bits[0]).toBe(0b1000_0001);
    const decoded = decodeStatusList(encoded);
    expect(decoded.length).toBe(131_072);
    expect(decoded.setIndexes()).toEqual([0, 7, 42, 131_071]);
    expect(decoded.isSet(42)).toBe(true);
    expect(decoded.isSet(43)).toBe(false);
    // 128 Kibit of mostly zeros compresses to a few hundred bytes.
    expect(encoded.length).toBeLessThan(300);
  });

  it('refuses indexes outside the list and input that is not a status list', () => {
    expect(() => encodeStatusList([131_072])).toThrow(expect.objectContaining({ code: 'STATUS_INDEX_OUT_OF_RANGE' }));
    expect(() => encodeStatusList([-1])).toThrow(expect.objectContaining({ code: 'STATUS_INDEX_OUT_OF_RANGE' }));
    expect(() => decodeStatusList('uAAAA')).toThrow(expect.objectContaining({ code: 'STATUS_LIST_INVALID' }));
    const bomb = `u${gzipSync(Buffer.alloc(17 * 1024 * 1024)).toString('base64url')}`;
    expect(() => decodeStatusList(bomb)).toThrow(expect.objectContaining({ code: 'STATUS_LIST_INVALID' }));
    expect(() => decodeStatusList(encodeStatusList([])).isSet(131_072)).toThrow(expect.objectContaining({ code: 'STATUS_INDEX_OUT_OF_RANGE' }));
  });

  it('builds a BitstringStatusListCredential that signs and verifies, showing revoked entries', async () => {
    const key = generateIssuerKey();
    const did = buildDidDocument(PUBLIC_URL, [key]);
    const listUrl = `${PUBLIC_URL}/api/v1/credentials/status/1`;
    const unsigned = buildStatusListCredential({ listUrl, issuerId: did.id, validFrom: CREATED, revokedIndexes: [3, 42] });
    expect(unsigned).toMatchObject({
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      credentialSubject: { id: `${listUrl}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation' },
    });
    const signed = await signDataIntegrity(unsigned, signingKey(key), CREATED);
    await expect(verifyDataIntegrity(signed, resolverFromDidDocument(did))).resolves.toEqual({ verified: true });
    expect(decodeStatusList(signed.credentialSubject.encodedList).setIndexes()).toEqual([3, 42]);
  });
});
