import { issueCredential, keyPairFromSeed, verifyCredentialChain } from '@titip/identity';
import { describe, expect, it } from 'vitest';
import { createAttestation } from '../../src/create/create-attestation.js';
import { createReceipt } from '../../src/create/create-receipt.js';
import { createRevocation } from '../../src/create/create-revocation.js';
import { createSubmission } from '../../src/create/create-submission.js';
import type { SubmissionRecord, TpsRecord } from '../../src/record/titip-record.js';
import { resolveCurrentResult } from '../../src/resolve/resolve-current-result.js';
import { judgeStanding, type JudgedChain } from '../../src/standing/judge-standing.js';
import { RevocationSet } from '../../src/standing/revocation-set.js';
import { witnessedTime, type Witness } from '../../src/standing/witnessed-time.js';
import { verifyRecord } from '../../src/verify/verify-record.js';
import { ELECTION_DAY, HOUR, ISSUER_UNTIL, OPERATOR_FROM, OPERATOR_UNTIL, TPS, provider, scenario, submissionParams } from '../helpers/scenario.js';

const DAY = 24 * HOUR;
const DESA = '1906012001';
type S = Awaited<ReturnType<typeof scenario>>;

async function judged(s: S, record: TpsRecord): Promise<JudgedChain> {
  const admitted = await verifyRecord(record.bytes, { root: s.root.publicKey, provider });
  expect(admitted.ok).toBe(true); // admission judges no time: every record here is admitted
  const chain = await verifyCredentialChain(record.body.credentials, { root: s.root.publicKey, provider });
  if (!chain.ok) throw new Error(chain.failure.message);
  return { chain: chain.chain, signers: chain.signers };
}

const none = (s: S) => new RevocationSet({ root: s.root.publicKey });

async function attestationWitness(s: S, submission: SubmissionRecord, seenAt: number, firstSeen: number): Promise<Witness> {
  const a = await createAttestation({ keyPair: s.relay, credentials: s.relayChain, submission, stage: 'ppk', region: '190601', seenAt }, provider);
  return { ...(await judged(s, a)), claimedAt: seenAt, firstSeen };
}

describe('standing: credential windows judged at the witnessed time, not the device clock', () => {
  it('a phone clock far ahead: witnessed inside the window, counted', async () => {
    const s = await scenario();
    const sub = await createSubmission({ ...submissionParams(s), deviceTime: ISSUER_UNTIL + 400 * DAY }, provider);
    expect(judgeStanding(await judged(s, sub), { witnessedAt: ELECTION_DAY, revocations: none(s) })).toEqual({ counted: true, witnessedAt: ELECTION_DAY });
  });

  it('a phone clock far behind (1970): witnessed inside the window, counted', async () => {
    const s = await scenario();
    const sub = await createSubmission({ ...submissionParams(s), deviceTime: 0 }, provider);
    expect(judgeStanding(await judged(s, sub), { witnessedAt: ELECTION_DAY, revocations: none(s) }).counted).toBe(true);
  });

  it('a thief backdating deviceTime with an expired credential: first witnessed after expiry, not counted', async () => {
    const s = await scenario();
    const sub = await createSubmission({ ...submissionParams(s), deviceTime: ELECTION_DAY }, provider);
    const standing = judgeStanding(await judged(s, sub), { witnessedAt: OPERATOR_UNTIL + 2 * DAY, revocations: none(s) });
    expect(standing).toMatchObject({ counted: false, reason: 'expired', detail: { index: 0, validUntil: OPERATOR_UNTIL } });
  });

  it('the skew tolerates a witnessing clock an hour off at the edges, not more', async () => {
    const s = await scenario();
    const j = await judged(s, await createSubmission(submissionParams(s), provider));
    expect(judgeStanding(j, { witnessedAt: OPERATOR_UNTIL + 30 * 60_000, revocations: none(s) }).counted).toBe(true);
    expect(judgeStanding(j, { witnessedAt: OPERATOR_FROM - 30 * 60_000, revocations: none(s) }).counted).toBe(true);
    expect(judgeStanding(j, { witnessedAt: OPERATOR_FROM - 2 * HOUR, revocations: none(s) })).toMatchObject({ counted: false, reason: 'not-yet-valid' });
    expect(judgeStanding(j, { witnessedAt: OPERATOR_UNTIL + 30 * 60_000, revocations: none(s), skewMs: 0 })).toMatchObject({ counted: false, reason: 'expired' });
  });
});

describe('witnessedTime', () => {
  it('a late-carried island result: its PPK relay saw it inside the window, the server days after expiry: counted', async () => {
    const s = await scenario();
    const sub = await createSubmission(submissionParams(s), provider);
    const serverFirstSeen = OPERATOR_UNTIL + 3 * DAY;
    const witness = await attestationWitness(s, sub, ELECTION_DAY + HOUR, serverFirstSeen);
    const at = witnessedTime(serverFirstSeen, [witness], { revocations: none(s) });
    expect(at).toBe(ELECTION_DAY + HOUR);
    expect(judgeStanding(await judged(s, sub), { witnessedAt: at, revocations: none(s) }).counted).toBe(true);
  });

  it('a witness clock ahead of when it was seen here changes nothing (the earliest time wins)', async () => {
    const s = await scenario();
    const sub = await createSubmission(submissionParams(s), provider);
    const witness = await attestationWitness(s, sub, ELECTION_DAY + 300 * DAY, ELECTION_DAY + 2 * HOUR);
    expect(witnessedTime(ELECTION_DAY + 5 * HOUR, [witness], { revocations: none(s) })).toBe(ELECTION_DAY + 2 * HOUR);
  });

  it('a relay claim outside the relay\'s own window vouches only for when the attestation was seen here', async () => {
    const s = await scenario();
    const sub = await createSubmission(submissionParams(s), provider);
    const witness = await attestationWitness(s, sub, 1_000, ELECTION_DAY + 4 * HOUR);
    expect(witnessedTime(ELECTION_DAY + 6 * HOUR, [witness], { revocations: none(s) })).toBe(ELECTION_DAY + 4 * HOUR);
  });

  it('an attestation first seen here after its relay credential expired is no witness (a stolen expired relay key backdating seenAt)', async () => {
    const s = await scenario({ relay: { validUntil: OPERATOR_UNTIL } });
    const sub = await createSubmission(submissionParams(s), provider);
    const late = OPERATOR_UNTIL + 5 * DAY;
    const witness = await attestationWitness(s, sub, ELECTION_DAY, late);
    expect(witnessedTime(late + HOUR, [witness], { revocations: none(s) })).toBe(late + HOUR);
  });

  it('a revoked relay is no witness for what it attests after its revocation', async () => {
    const s = await scenario();
    const sub = await createSubmission(submissionParams(s), provider);
    const revocations = none(s);
    const relayRevocation = await createRevocation({ keyPair: s.issuer, credentials: [s.issuerCred.bytes], revoked: s.relayChain[0]!, from: ELECTION_DAY + DAY, region: DESA, reason: 'laptop stolen' }, provider);
    revocations.add(relayRevocation, ELECTION_DAY + DAY);
    const after = await attestationWitness(s, sub, ELECTION_DAY, ELECTION_DAY + 2 * DAY);
    const before = await attestationWitness(s, sub, ELECTION_DAY, ELECTION_DAY + HOUR);
    expect(witnessedTime(ELECTION_DAY + 3 * DAY, [after], { revocations })).toBe(ELECTION_DAY + 3 * DAY);
    expect(witnessedTime(ELECTION_DAY + 3 * DAY, [before], { revocations })).toBe(ELECTION_DAY);
  });

  it('a server receipt witnesses the same way (receivedAt)', async () => {
    const s = await scenario();
    const sub = await createSubmission(submissionParams(s), provider);
    const receipt = await createReceipt({ keyPair: s.server, credentials: s.serverChain, submission: sub, receivedAt: ELECTION_DAY + HOUR }, provider);
    const witness: Witness = { ...(await judged(s, receipt)), claimedAt: ELECTION_DAY + HOUR, firstSeen: ELECTION_DAY + 9 * DAY };
    expect(witnessedTime(ELECTION_DAY + 9 * DAY, [witness], { revocations: none(s) })).toBe(ELECTION_DAY + HOUR);
  });
});

describe('revocations and standing', () => {
  async function revokedOperator(s: S, from: number, witnessedAt: number) {
    const revocations = none(s);
    const revocation = await createRevocation({ keyPair: s.issuer, credentials: [s.issuerCred.bytes], revoked: s.operatorChain[0]!, from, region: DESA, reason: 'phone stolen' }, provider);
    expect(revocations.add(revocation, witnessedAt)).toBe(true);
    expect(revocations.add(revocation, witnessedAt)).toBe(false);
    return { revocations, revocation };
  }

  it('revoked from T: a submission first witnessed at or after T is not counted, one witnessed before stays counted', async () => {
    const s = await scenario();
    const T = ELECTION_DAY + 2 * HOUR;
    const { revocations, revocation } = await revokedOperator(s, T, T + HOUR);
    const j = await judged(s, await createSubmission({ ...submissionParams(s), deviceTime: ELECTION_DAY }, provider));
    expect(judgeStanding(j, { witnessedAt: T - 1, revocations }).counted).toBe(true);
    expect(judgeStanding(j, { witnessedAt: T, revocations })).toMatchObject({ counted: false, reason: 'revoked', detail: { index: 0, revocation: revocation.id, from: T, byRoot: false } });
  });

  it('an issuer revocation reaches back at most 24 h before it was first witnessed', async () => {
    const s = await scenario();
    const witnessed = ELECTION_DAY + 5 * DAY;
    const { revocations } = await revokedOperator(s, OPERATOR_FROM, witnessed);
    expect(revocations.revokedFrom(s.operator.publicKey, s.issuer.publicKey)?.from).toBe(witnessed - DAY);
    const j = await judged(s, await createSubmission(submissionParams(s), provider));
    expect(judgeStanding(j, { witnessedAt: ELECTION_DAY, revocations }).counted).toBe(true);
    expect(judgeStanding(j, { witnessedAt: witnessed - DAY, revocations }).counted).toBe(false);
  });

  it('a revoked issuer: everything its operators sign and is first witnessed after T is not counted (link 1)', async () => {
    const s = await scenario();
    const revocations = none(s);
    const T = ELECTION_DAY + DAY;
    revocations.add(await createRevocation({ keyPair: s.root, revoked: s.issuerCred.bytes, from: T, region: DESA, reason: 'issuer key leaked' }, provider), T + 3 * DAY);
    const j = await judged(s, await createSubmission(submissionParams(s), provider));
    expect(judgeStanding(j, { witnessedAt: T - 1, revocations }).counted).toBe(true);
    expect(judgeStanding(j, { witnessedAt: T + 1, revocations })).toMatchObject({ counted: false, reason: 'revoked', detail: { index: 1, byRoot: true } });
  });

  it('a revoked issuer\'s own revocations, witnessed after the root revoked it, are void', async () => {
    const s = await scenario();
    const revocations = none(s);
    const T = ELECTION_DAY + DAY;
    revocations.add(await createRevocation({ keyPair: s.root, revoked: s.issuerCred.bytes, from: T, region: DESA, reason: 'issuer key leaked' }, provider), T);
    revocations.add(await createRevocation({ keyPair: s.issuer, credentials: [s.issuerCred.bytes], revoked: s.operatorChain[0]!, from: OPERATOR_FROM, region: DESA, reason: 'malice' }, provider), T + HOUR);
    expect(revocations.revokedFrom(s.operator.publicKey, s.issuer.publicKey)).toBeUndefined();
  });

  it('an issuer revocation names only what that issuer signed; a root revocation names the key whoever signed it', async () => {
    const s = await scenario();
    const revocations = none(s);
    revocations.add(await createRevocation({ keyPair: s.issuer, credentials: [s.issuerCred.bytes], revoked: s.operatorChain[0]!, from: ELECTION_DAY, region: DESA, reason: 'x' }, provider), ELECTION_DAY);
    expect(revocations.revokedFrom(s.operator.publicKey, s.root.publicKey)).toBeUndefined();
    expect(revocations.revokedFrom(s.operator.publicKey, s.issuer.publicKey)?.from).toBe(ELECTION_DAY);
    revocations.add(await createRevocation({ keyPair: s.root, revoked: s.operatorChain[0]!, from: ELECTION_DAY - HOUR, region: DESA, reason: 'y' }, provider), ELECTION_DAY);
    expect(revocations.revokedFrom(s.operator.publicKey, s.root.publicKey)?.byRoot).toBe(true);
    expect(revocations.revokedFrom(s.operator.publicKey, s.issuer.publicKey)).toMatchObject({ from: ELECTION_DAY - HOUR, byRoot: true });
    expect(revocations.size).toBe(2);
    expect(revocations.revokedKeys()).toHaveLength(1);
  });

  it('key rotation: the old key revoked, a new credential for the same TPS; its revision continues the history and the thief\'s later revisions do not count', async () => {
    const s = await scenario();
    const T = ELECTION_DAY + 2 * HOUR;
    const { revocations } = await revokedOperator(s, T, T);
    const first = await createSubmission(submissionParams(s), provider);
    const newKey = await keyPairFromSeed(new Uint8Array(32).fill(7), provider);
    const newCred = await issueCredential(s.issuer, { role: 'operator', subject: newKey.publicKey, regions: [TPS], elections: ['pkwkk'], validFrom: T, validUntil: OPERATOR_UNTIL }, provider);
    const rotated = await createSubmission(
      { ...submissionParams(s), keyPair: newKey, credentials: [newCred.bytes, s.issuerCred.bytes], revision: 2, supersedes: first.id, deviceTime: T + HOUR },
      provider,
    );
    const thief = await createSubmission({ ...submissionParams(s), revision: 3, supersedes: rotated.id, deviceTime: ELECTION_DAY }, provider);
    const seen: [SubmissionRecord, number][] = [[first, ELECTION_DAY], [rotated, T + HOUR], [thief, T + 2 * HOUR]];
    const counted: SubmissionRecord[] = [];
    for (const [record, at] of seen) if (judgeStanding(await judged(s, record), { witnessedAt: at, revocations }).counted) counted.push(record);
    expect(counted.map((r) => r.id)).toEqual([first.id, rotated.id]);
    expect(resolveCurrentResult(counted).current?.id).toBe(rotated.id);
  });
});
