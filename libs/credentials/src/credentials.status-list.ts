import { gunzipSync, gzipSync } from 'node:zlib';
import { VC_V2_CONTEXT } from './credentials.contexts';
import { CredentialError } from './credentials.error';

/** The spec's minimum (16 KiB of bits): small lists would let observers guess who was revoked. */
export const STATUS_LIST_MIN_LENGTH = 131_072;

export interface StatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  statusListIndex: string;
  statusListCredential: string;
}

export function buildStatusListEntry(listUrl: string, index: number): StatusListEntry {
  return {
    id: `${listUrl}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: listUrl,
  };
}

/** Bitstring Status List: bit 0 is the most significant bit of byte 0; gzip, base64url, multibase `u`. */
export function encodeStatusList(revokedIndexes: number[], length = STATUS_LIST_MIN_LENGTH): string {
  if (length % 8 !== 0 || length < 8) throw new CredentialError('STATUS_LIST_INVALID', 'Length must be a multiple of 8');
  const bits = Buffer.alloc(length / 8);
  for (const index of revokedIndexes) {
    if (!Number.isInteger(index) || index < 0 || index >= length) {
      throw new CredentialError('STATUS_INDEX_OUT_OF_RANGE', `Status index ${index} outside 0..${length - 1}`);
    }
    bits[index >> 3] |= 0x80 >> (index & 7);
  }
  return `u${gzipSync(bits).toString('base64url')}`;
}

// 128 Mibit, far above any list we would read.
const MAX_DECODED_BYTES = 16 * 1024 * 1024;

export interface DecodedStatusList {
  length: number;
  isSet(index: number): boolean;
  /** Every set index, ascending. */
  setIndexes(): number[];
}

export function decodeStatusList(encodedList: string): DecodedStatusList {
  if (!encodedList.startsWith('u')) throw new CredentialError('STATUS_LIST_INVALID', 'Expected multibase base64url (u)');
  let bits: Buffer;
  try {
    // Lists come from other issuers too: cap the output so a gzip bomb cannot exhaust memory.
    bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), { maxOutputLength: MAX_DECODED_BYTES });
  } catch {
    throw new CredentialError('STATUS_LIST_INVALID', 'Status list is not gzip data');
  }
  const length = bits.length * 8;
  const isSet = (index: number) => {
    if (!Number.isInteger(index) || index < 0 || index >= length) {
      throw new CredentialError('STATUS_INDEX_OUT_OF_RANGE', `Status index ${index} outside 0..${length - 1}`);
    }
    return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
  };
  return {
    length,
    isSet,
    setIndexes: () => {
      const out: number[] = [];
      for (let byte = 0; byte < bits.length; byte++) {
        if (bits[byte] === 0) continue;
        for (let bit = 0; bit < 8; bit++) if (bits[byte] & (0x80 >> bit)) out.push(byte * 8 + bit);
      }
      return out;
    },
  };
}

export interface StatusListCredentialInput {
  /** URL the list is served at, e.g. https://lms.example/api/v1/credentials/status/1 */
  listUrl: string;
  issuerId: string;
  validFrom: string;
  revokedIndexes: number[];
  length?: number;
  /** Caches may keep the list until then; verifiers refetch after. */
  validUntil?: string;
}

/** BitstringStatusListCredential (unsigned; the caller signs it like any credential). */
export function buildStatusListCredential(input: StatusListCredentialInput) {
  return {
    '@context': [VC_V2_CONTEXT],
    id: input.listUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuerId,
    validFrom: input.validFrom,
    ...(input.validUntil ? { validUntil: input.validUntil } : {}),
    credentialSubject: {
      id: `${input.listUrl}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: encodeStatusList(input.revokedIndexes, input.length),
    },
  };
}
