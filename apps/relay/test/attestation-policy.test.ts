import { bytesEqual } from '@titip/identity';
import { decodeRecord, docIdOf, verifyRecord, type AttestationRecord, type SubmissionRecord } from '@titip/records';
import { RecordLedger, type Replica } from '@titip/sync';
import { collectingLogger, eventually, type TestTrust } from '@titip/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { startAttesting, type AttestationSigner } from '../src/attestation-policy.js';
import { checkAttestationSigner } from '../src/attestation-signer.js';
import { memoryReplica } from './fixtures/memory-replica.js';
import { DESA, governorElection, KECAMATAN, provider, relaySigner, submit, TPS_A, TPS_B, TPS_NEIGHBOUR, trustOf, twoElectionTrust } from './fixtures/scenario.js';

let trust: TestTrust;
let pps: AttestationSigner;

beforeAll(async () => {
  trust = await trustOf('relay-policy');
  pps = await checkAttestationSigner(await relaySigner(trust, DESA, 'pps'), { root: trust.network.root, scopes: [KECAMATAN], provider });
});

/** The attestations a replica holds, decoded. */
function attestationsIn(replica: Replica): AttestationRecord[] {
  return [...replica.objects()]
    .map(({ bytes }) => decodeRecord(bytes))
    .filter((r): r is AttestationRecord => r.kind === 'attestation');
}

function by(attestations: AttestationRecord[], signer: AttestationSigner, submission: SubmissionRecord): AttestationRecord[] {
  return attestations.filter((a) => a.body.submission === submission.id && bytesEqual(a.signer, signer.keyPair.publicKey));
}

async function hold(replica: Replica, submission: SubmissionRecord): Promise<void> {
  await replica.addLocal(docIdOf(submission), [{ id: submission.id, bytes: submission.bytes }]);
}

describe('startAttesting', () => {
  it('attests each submission of its desa once (held at start or arriving later), none outside it, and survives a restart', async () => {
    const { replica, store } = await memoryReplica(trust.network, [KECAMATAN]);
    const a = await submit(await trust.operator(TPS_A), TPS_A, [100, 200]);
    const neighbour = await submit(await trust.operator(TPS_NEIGHBOUR), TPS_NEIGHBOUR, [50, 60]);
    await hold(replica, a);
    await hold(replica, neighbour);

    const ledger = new RecordLedger(replica, { selfKey: pps.keyPair.publicKey });
    const logger = collectingLogger();
    const stop = startAttesting(replica, ledger, pps, provider, { logger });
    await eventually(() => by(attestationsIn(replica), pps, a).length === 1, 'attestation of the held submission');

    const b = await submit(await trust.operator(TPS_B), TPS_B, [120, 180]);
    await hold(replica, b);
    await hold(replica, b); // the same object again changes nothing
    await eventually(() => by(attestationsIn(replica), pps, b).length === 1, 'attestation of the arriving submission');
    await stop();

    const attestations = attestationsIn(replica);
    expect(attestations).toHaveLength(2);
    expect(by(attestations, pps, neighbour)).toEqual([]);
    for (const [attestation, submission] of [[by(attestations, pps, a)[0]!, a], [by(attestations, pps, b)[0]!, b]] as const) {
      expect(attestation.body).toMatchObject({ submission: submission.id, tps: submission.body.tps, election: 'pkwkk', stage: 'pps', region: DESA });
      expect(docIdOf(attestation)).toBe(DESA);
      expect(await verifyRecord(attestation.bytes, { root: trust.network.root, provider })).toMatchObject({ ok: true });
    }
    expect(logger.records.filter((r) => r.msg === 'attested').map((r) => r.fields['submission'])).toEqual(expect.arrayContaining([a.id, b.id]));
    // Its own attestations are not proof that anyone else has seen the submissions.
    expect(ledger.counts()).toEqual({ held: 3, forwarded: 0, acknowledged: 0 });
    ledger.close();

    // Restart on the same store: everything is attested already, nothing new is signed.
    const reopened = await memoryReplica(trust.network, [KECAMATAN], store);
    const again = new RecordLedger(reopened.replica, { selfKey: pps.keyPair.publicKey });
    const added: string[] = [];
    reopened.replica.onObjectsAdded((event) => added.push(...event.added.map((e) => e.id)));
    const stopAgain = startAttesting(reopened.replica, again, pps, provider);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await stopAgain();
    expect(added).toEqual([]);
    expect(attestationsIn(reopened.replica).map((x) => x.id).sort()).toEqual(attestations.map((x) => x.id).sort());
    again.close();
  });

  it("attests even when another relay's attestation is held, and that one counts as forwarded", async () => {
    const { replica } = await memoryReplica(trust.network, [KECAMATAN]);
    const ppk = await checkAttestationSigner(await relaySigner(trust, KECAMATAN, 'ppk'), { root: trust.network.root, scopes: [KECAMATAN], provider });
    const a = await submit(await trust.operator(TPS_A), TPS_A, [10, 20]);
    await hold(replica, a);
    const ppkLedger = new RecordLedger(replica, { selfKey: ppk.keyPair.publicKey });
    await startAttesting(replica, ppkLedger, ppk, provider)();
    ppkLedger.close();

    const ledger = new RecordLedger(replica, { selfKey: pps.keyPair.publicKey });
    await startAttesting(replica, ledger, pps, provider)();
    expect(by(attestationsIn(replica), pps, a)).toHaveLength(1);
    expect(by(attestationsIn(replica), ppk, a)).toHaveLength(1);
    expect(ledger.counts()).toEqual({ held: 1, forwarded: 1, acknowledged: 0 });
    ledger.close();
  });

  it('stop() stores the attestations still being signed', async () => {
    const { replica } = await memoryReplica(trust.network, [DESA]);
    const ledger = new RecordLedger(replica);
    const stop = startAttesting(replica, ledger, pps, provider);
    const a = await submit(await trust.operator(TPS_A), TPS_A, [1, 2]);
    await hold(replica, a);
    await stop(); // no waiting: the attestation started on arrival is stored before stop resolves
    expect(by(attestationsIn(replica), pps, a)).toHaveLength(1);
    const late = await submit(await trust.operator(TPS_B), TPS_B, [3, 4]);
    await hold(replica, late);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(by(attestationsIn(replica), pps, late)).toEqual([]); // stopped
    ledger.close();
  });

  it('does not attest an election its credential does not list, and says so once', async () => {
    const two = await twoElectionTrust('relay-two-elections', TPS_A, DESA);
    const signer = await checkAttestationSigner({ ...two.relay, stage: 'pps', region: DESA }, { root: two.network.root, scopes: [DESA], provider });
    const { replica } = await memoryReplica(two.network, [DESA]);
    const bupati = await submit(two.operator, TPS_A, [100, 200]);
    const gubernur = await submit(two.operator, TPS_A, [150, 150], { election: governorElection });
    const gubernur2 = await submit(two.operator, TPS_A, [151, 149], { election: governorElection, revision: 2, supersedes: gubernur.id });
    for (const s of [bupati, gubernur, gubernur2]) await hold(replica, s);
    const ledger = new RecordLedger(replica);
    const logger = collectingLogger();
    await startAttesting(replica, ledger, signer, provider, { logger })();
    const attestations = attestationsIn(replica);
    expect(attestations.map((x) => x.body.submission)).toEqual([bupati.id]);
    const warnings = logger.records.filter((r) => r.level === 'warn');
    expect(warnings).toEqual([expect.objectContaining({ msg: 'not attesting', fields: expect.objectContaining({ reason: 'election-not-in-credential', election: 'pkwkp' }) })]);
    ledger.close();
  });

  it('does not attest while its credential is not valid (the attestation would not verify)', async () => {
    const { replica } = await memoryReplica(trust.network, [DESA]);
    const a = await submit(await trust.operator(TPS_A), TPS_A, [5, 6]);
    await hold(replica, a);
    const ledger = new RecordLedger(replica);
    const logger = collectingLogger();
    const after = pps.credential.leaf.validUntil;
    await startAttesting(replica, ledger, pps, provider, { logger, now: () => after })();
    expect(attestationsIn(replica)).toEqual([]);
    expect(logger.records).toEqual([expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ reason: 'credential-not-valid-now' }) })]);
    ledger.close();
  });

  it('never stores an attestation the validator refuses: the document stays as it was and keeps working', async () => {
    // A signer nobody checked: its credential is for desa 1906012001, it claims to attest for 1906012002.
    const unchecked = await relaySigner(trust, DESA, 'pps', '1906012002');
    const { replica } = await memoryReplica(trust.network, [KECAMATAN]);
    const neighbour = await submit(await trust.operator(TPS_NEIGHBOUR), TPS_NEIGHBOUR, [7, 8]);
    await hold(replica, neighbour);
    const before = [...replica.objects()].map((o) => o.id);
    const ledger = new RecordLedger(replica);
    const logger = collectingLogger();
    await startAttesting(replica, ledger, unchecked, provider, { logger })();
    expect([...replica.objects()].map((o) => o.id)).toEqual(before);
    expect(logger.records.filter((r) => r.level === 'error')).toEqual([
      expect.objectContaining({ msg: 'could not store signed objects', fields: expect.objectContaining({ error: expect.stringMatching(/invalid-object: tps-not-allowed: TPS 1906012002001 is outside the credential's regions/) }) }),
    ]);
    // The document still takes valid objects.
    const more = await submit(await trust.operator('1906012002002'), '1906012002002', [9, 10]);
    await hold(replica, more);
    expect(replica.object(more.id)).toEqual(more.bytes);
    ledger.close();
  });
});
