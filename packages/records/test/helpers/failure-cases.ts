import { createAttestation } from '../../src/create/create-attestation.js';
import { createReceipt } from '../../src/create/create-receipt.js';
import { createRevocation } from '../../src/create/create-revocation.js';
import { createSubmission } from '../../src/create/create-submission.js';
import type { RecordFailureCode } from '../../src/record/record-failure.js';
import type { VerifyRecordOptions } from '../../src/verify/verify-record.js';
import { flipBit, nonCanonical, signRaw, withBody } from './forge.js';
import {
  ELECTION_DAY,
  HOUR,
  ISSUER_UNTIL,
  OPERATOR_FROM,
  OPERATOR_UNTIL,
  OTHER_TPS,
  genderBrokenForm,
  keyNamed,
  pkwkk1906,
  provider,
  scenario,
  submissionParams,
} from './scenario.js';

/** The test scenario (root, issuer, operator, relay, server and their chains). */
export type Scenario = Awaited<ReturnType<typeof scenario>>;

/** A bad object, the failure code it must get, and the verifier options it is checked with. */
export interface FailureCase {
  name: string;
  code: RecordFailureCode;
  make: (s: Scenario) => Promise<{ bytes: Uint8Array; id?: string; extra?: Partial<VerifyRecordOptions> }>;
}

/** At least one way to produce each failure code (run through verifyRecord and both validators). */
export const failureCases: FailureCase[] = [
  {
    name: 'junk bytes',
    code: 'malformed',
    make: async () => ({ bytes: Uint8Array.of(0x85, 0x01, 0x02) }),
  },
  {
    name: 'non-canonical bytes of a valid submission',
    code: 'malformed',
    make: async (s) => ({ bytes: nonCanonical((await createSubmission(submissionParams(s), provider)).bytes) }),
  },
  {
    name: 'oversized input',
    code: 'too-large',
    make: async (s) => ({ bytes: (await createSubmission(submissionParams(s), provider)).bytes, extra: { maxBytes: 1000 } }),
  },
  {
    name: 'a signed body that breaks the submission schema',
    code: 'schema',
    make: async (s) => {
      const { keyPair: _, ...fields } = submissionParams(s);
      return { bytes: await signRaw('submission', { ...fields, tps: '19' }, s.operator) };
    },
  },
  {
    name: 'a kwk form under a ppwp election definition',
    code: 'schema',
    make: async (s) => ({
      bytes: (await createSubmission(submissionParams(s), provider)).bytes,
      extra: { elections: () => ({ ...pkwkk1906, form: 'ppwp' as const }) },
    }),
  },
  {
    name: 'a forged signature',
    code: 'bad-signature',
    make: async (s) => ({ bytes: flipBit((await createSubmission(submissionParams(s), provider)).bytes, -10) }),
  },
  {
    name: 'an altered body (votes changed, canonical re-encoding, old signature)',
    code: 'bad-signature',
    make: async (s) => {
      const r = await createSubmission(submissionParams(s), provider);
      const form = structuredClone(r.body.form);
      form.suara.paslon['1000527'] = 241;
      return { bytes: withBody(r, { ...r.body, form }) };
    },
  },
  {
    name: 'a credential chain from another root',
    code: 'unknown-root',
    make: async (s) => ({ bytes: (await createSubmission(submissionParams(s), provider)).bytes, extra: { root: (await keyNamed('other-root')).publicKey } }),
  },
  {
    name: 'a submission signed with a relay credential',
    code: 'wrong-role',
    make: async (s) => ({ bytes: (await createSubmission({ ...submissionParams(s), keyPair: s.relay, credentials: s.relayChain }, provider)).bytes }),
  },
  {
    name: 'a receipt signed with an operator credential',
    code: 'wrong-role',
    make: async (s) => {
      const submission = await createSubmission(submissionParams(s), provider);
      return { bytes: (await createReceipt({ keyPair: s.operator, credentials: s.operatorChain, submission, receivedAt: ELECTION_DAY }, provider)).bytes };
    },
  },
  {
    name: 'an attestation signed with the server credential',
    code: 'wrong-role',
    make: async (s) => {
      const submission = await createSubmission(submissionParams(s), provider);
      const a = await createAttestation({ keyPair: s.server, credentials: s.serverChain, submission, stage: 'ppk', region: '190601', seenAt: ELECTION_DAY }, provider);
      return { bytes: a.bytes };
    },
  },
  {
    name: 'a submission signed by another key than the credential subject',
    code: 'signer-mismatch',
    make: async (s) => {
      const p = submissionParams(s);
      const { keyPair: _, ...fields } = p;
      return { bytes: await signRaw('submission', { ...fields }, await keyNamed('mallory')) };
    },
  },
  {
    name: 'a submission for a TPS outside the operator credential',
    code: 'tps-not-allowed',
    make: async (s) => ({ bytes: (await createSubmission({ ...submissionParams(s), tps: OTHER_TPS }, provider)).bytes }),
  },
  {
    name: 'a submission for a TPS outside the election region',
    code: 'tps-not-allowed',
    make: async (s) => ({
      bytes: (await createSubmission(submissionParams(s), provider)).bytes,
      extra: { elections: () => ({ ...pkwkk1906, region: '1905' }) },
    }),
  },
  {
    name: 'an election the operator credential does not allow',
    code: 'election-not-allowed',
    make: async (s) => ({ bytes: (await createSubmission({ ...submissionParams(s), election: 'pkwkp' }, provider)).bytes }),
  },
  {
    name: 'an operator credential with an election its issuer lacks',
    code: 'election-not-allowed',
    make: async () => {
      const s = await scenario({ operator: { elections: ['pkwkk', 'ppwp'] } });
      return { bytes: (await createSubmission(submissionParams(s), provider)).bytes, extra: { root: s.root.publicKey } };
    },
  },
  {
    name: 'a deviceTime after the operator window (+ skew)',
    code: 'expired',
    make: async (s) => ({ bytes: (await createSubmission({ ...submissionParams(s), deviceTime: OPERATOR_UNTIL + 2 * HOUR }, provider)).bytes, extra: { checkTimeAt: 'claimed' } }),
  },
  {
    name: 'a receivedAt after the server window',
    code: 'expired',
    make: async (s) => {
      const submission = await createSubmission(submissionParams(s), provider);
      return { bytes: (await createReceipt({ keyPair: s.server, credentials: s.serverChain, submission, receivedAt: ISSUER_UNTIL + 2 * HOUR }, provider)).bytes, extra: { checkTimeAt: 'claimed' } };
    },
  },
  {
    name: 'a deviceTime before the operator window (− skew)',
    code: 'not-yet-valid',
    make: async (s) => ({ bytes: (await createSubmission({ ...submissionParams(s), deviceTime: OPERATOR_FROM - 2 * HOUR }, provider)).bytes, extra: { checkTimeAt: 'claimed' } }),
  },
  {
    name: 'a hard-rule failure without an override (gate bypassed)',
    code: 'unoverridden-rule',
    make: async (s) => {
      const { keyPair: _, ...fields } = submissionParams(s);
      return { bytes: await signRaw('submission', { ...fields, form: genderBrokenForm() }, s.operator) };
    },
  },
  {
    name: 'an override of another rule than the failing one',
    code: 'unoverridden-rule',
    make: async (s) => {
      const { keyPair: _, ...fields } = submissionParams(s);
      return { bytes: await signRaw('submission', { ...fields, form: genderBrokenForm(), overrides: [{ rule: 'votes-total', reason: 'x' }] }, s.operator) };
    },
  },
  {
    name: 'an operator credential for a region outside its issuer',
    code: 'outside-region',
    make: async () => {
      const s = await scenario({ operator: { regions: ['1906012001001', '1907012001001'] } });
      return { bytes: (await createSubmission(submissionParams(s), provider)).bytes, extra: { root: s.root.publicKey } };
    },
  },
  {
    name: 'a PPS relay attesting at the PPK level',
    code: 'outside-region',
    make: async () => {
      const s = await scenario({ relay: { regions: ['1906012001'] } });
      const submission = await createSubmission(submissionParams(s), provider);
      const a = await createAttestation({ keyPair: s.relay, credentials: s.relayChain, submission, stage: 'ppk', region: '190601', seenAt: ELECTION_DAY }, provider);
      return { bytes: a.bytes, extra: { root: s.root.publicKey } };
    },
  },
  {
    name: 'an operator credential valid beyond its issuer',
    code: 'window-outside-issuer',
    make: async () => {
      const s = await scenario({ operator: { validUntil: ISSUER_UNTIL + 1 } });
      return { bytes: (await createSubmission(submissionParams(s), provider)).bytes, extra: { root: s.root.publicKey } };
    },
  },
  {
    name: 'a chain of four credentials',
    code: 'chain-too-long',
    make: async (s) => {
      const chain = [...s.operatorChain, s.issuerCred.bytes, s.issuerCred.bytes];
      const { keyPair: _, ...fields } = submissionParams(s);
      return { bytes: await signRaw('submission', { ...fields, credentials: chain }, s.operator) };
    },
  },
  {
    name: 'an operator credential without its issuer credential',
    code: 'chain-broken',
    make: async (s) => ({ bytes: (await createSubmission({ ...submissionParams(s), credentials: [s.operatorChain[0]!] }, provider)).bytes }),
  },
  {
    name: 'bytes offered under another id',
    code: 'hash-mismatch',
    make: async (s) => ({ bytes: (await createSubmission(submissionParams(s), provider)).bytes, id: 'f'.repeat(64) }),
  },
  {
    name: 'a revocation signed by an issuer that did not issue the credential',
    code: 'revocation-not-allowed',
    make: async (s) => {
      const revocation = await createRevocation(
        { keyPair: s.issuer, credentials: [s.issuerCred.bytes], revoked: s.serverChain[0]!, from: ELECTION_DAY, region: '1906012001', reason: 'not mine' },
        provider,
      );
      return { bytes: revocation.bytes };
    },
  },
  {
    name: 'a revocation filed in a desa outside the revoked credential',
    code: 'outside-region',
    make: async (s) => {
      const revocation = await createRevocation(
        { keyPair: s.issuer, credentials: [s.issuerCred.bytes], revoked: s.operatorChain[0]!, from: ELECTION_DAY, region: '1906012002', reason: 'stolen' },
        provider,
      );
      return { bytes: revocation.bytes };
    },
  },
  {
    name: 'a revocation by the issuer without its chain',
    code: 'chain-broken',
    make: async (s) => {
      const { keyPair: _, ...fields } = { keyPair: s.issuer, revoked: s.operatorChain[0]!, from: ELECTION_DAY, region: '1906012001', reason: 'stolen', issuedAt: ELECTION_DAY, credentials: [] };
      return { bytes: await signRaw('revocation', fields, s.issuer) };
    },
  },
];
