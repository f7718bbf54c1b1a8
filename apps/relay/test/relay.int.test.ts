import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bytesEqual, toHex } from '@titip/identity';
import { decodeRecord, docIdOf, type AttestationRecord, type SubmissionRecord } from '@titip/records';
import { RecordLedger, type Replica } from '@titip/sync';
import { startNodePeer, type RunningNodePeer } from '@titip/sync/node';
import { eventually, tempDir, type TestTrust } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The KPU server, from its build output by relative path: @titip/server is not a dependency of the relay (adding it
// would need a pnpm install), and `tsc -b` at the root builds apps/server/dist before these tests run.
import { startServer, type RunningServer } from '../../server/dist/index.js';
import type { AttestationSigner } from '../src/attestation-policy.js';
import { deriveAttestationSigner } from '../src/attestation-signer.js';
import { RelayError } from '../src/errors.js';
import { startRelay, type Relay, type RelayOptions } from '../src/relay.js';
import { getJson } from './fixtures/http-client.js';
import { DESA, KABUPATEN, KECAMATAN, credentialChainOf, relayIdentity, submit, TPS_A, TPS_B, TPS_GANTUNG, trustOf } from './fixtures/scenario.js';

let trust: TestTrust;
let dir: { path: string; remove: () => Promise<void> };
let server: RunningServer;
let ppsSigner: AttestationSigner;
let ppkSigner: AttestationSigner;
let serverKey: string;
const running: { stop(): Promise<void> }[] = [];

const tcp = (addresses: readonly string[]) => addresses.find((a) => a.includes('/tcp/') && !a.includes('/ws'))!;
const LISTEN = ['/ip4/127.0.0.1/tcp/0'];

async function relay(name: string, options: Omit<RelayOptions, 'dataDir' | 'network' | 'listen'>): Promise<Relay> {
  const started = await startRelay({ dataDir: join(dir.path, name), network: trust.network, listen: LISTEN, ...options });
  running.push(started);
  return started;
}

/** An operator's phone: a Node peer scoped to its TPS, kept connected to `peer`. */
async function operatorPhone(name: string, tps: string, peer: string): Promise<{ node: RunningNodePeer; ledger: RecordLedger }> {
  const node = await startNodePeer({ dataDir: join(dir.path, name), scopes: [tps], root: trust.network.root, role: 'operator', listen: LISTEN, dial: [peer] });
  running.push(node);
  return { node, ledger: new RecordLedger(node.replica) };
}

async function send(phone: { node: RunningNodePeer }, submission: SubmissionRecord): Promise<void> {
  await phone.node.replica.addLocal(docIdOf(submission), [{ id: submission.id, bytes: submission.bytes }]);
}

/** The attestations a replica holds for a submission, signed by `signer` (or by anyone). */
function attestationsOf(replica: Replica, submission: SubmissionRecord, signer?: AttestationSigner): AttestationRecord[] {
  return [...replica.objects()]
    .map(({ bytes }) => decodeRecord(bytes))
    .filter((r): r is AttestationRecord => r.kind === 'attestation' && r.body.submission === submission.id)
    .filter((a) => signer === undefined || bytesEqual(a.signer, signer.keyPair.publicKey));
}

const counts = (r: Relay) => {
  const { held, forwarded, acknowledged } = r.status();
  return { held, forwarded, acknowledged };
};

beforeAll(async () => {
  trust = await trustOf('relay-int');
  dir = await tempDir('titip-relay-int-');
  // A PPS laptop of Desa Lalang Jaya, and a PPK laptop of Kecamatan Manggar that also carries the kabupaten.
  ppsSigner = deriveAttestationSigner({ ...(await relayIdentity(trust, DESA)), scopes: [DESA] });
  ppkSigner = deriveAttestationSigner({ ...(await relayIdentity(trust, KECAMATAN)), scopes: [KABUPATEN] });
  const serverIdentity = await trust.server();
  serverKey = toHex(serverIdentity.keyPair.publicKey);
  server = await startServer({
    dataDir: join(dir.path, 'kpu'),
    network: trust.network,
    keyPair: serverIdentity.keyPair,
    credential: credentialChainOf(serverIdentity.chain),
    listen: LISTEN,
    http: { host: '127.0.0.1', port: 0 },
    verifierThreads: 0,
  });
  running.push(server);
});

afterAll(async () => {
  for (const part of running.reverse()) await part.stop().catch(() => undefined);
  await dir?.remove();
});

describe('a PPS relay between operators and the KPU server', () => {
  let pps: Relay;
  let ppk: Relay;
  let first: SubmissionRecord;
  let second: SubmissionRecord;

  it('holds a submission from an operator and attests it once, while nothing upstream has seen it', async () => {
    expect(ppsSigner).toMatchObject({ stage: 'pps', region: DESA });
    pps = await relay('pps', { scopes: [DESA], role: 'pps', attest: ppsSigner });
    expect(pps.status()).toEqual({
      peerId: pps.node.peer.peerId,
      held: 0,
      forwarded: 0,
      acknowledged: 0,
      peers: 0,
      rejected: 0,
      photos: { total: 0, complete: 0, bytesTotal: 0, bytesDone: 0, rateIn: 0, rateOut: 0, dropped: 0, budgetBytes: null, othersBytes: 0 },
    });

    const phone = await operatorPhone('operator-a', TPS_A, tcp(pps.node.peer.addresses));
    first = await submit(await trust.operator(TPS_A), TPS_A, [100, 200]);
    await send(phone, first);

    await eventually(() => pps.status().held === 1, 'the PPS relay holds the submission');
    await eventually(() => attestationsOf(pps.node.replica, first, ppsSigner).length === 1, 'the PPS attestation');
    expect(pps.status()).toMatchObject({ held: 1, forwarded: 0, acknowledged: 0, peers: 1, rejected: 0 });
    const [attestation] = attestationsOf(pps.node.replica, first, ppsSigner);
    expect(attestation!.body).toMatchObject({ submission: first.id, tps: TPS_A, election: 'pkwkk', stage: 'pps', region: DESA });
    // The attestation travels down to the operator too (it is in the desa document).
    await eventually(() => phone.ledger.attestations.get(first.id)?.length === 1, 'the attestation reaches the operator');
  });

  it('counts it forwarded once the PPK relay has seen it, and acknowledged when the server receipt comes back', async () => {
    expect(ppkSigner).toMatchObject({ stage: 'ppk', region: KECAMATAN });
    ppk = await relay('ppk', { scopes: [KABUPATEN], role: 'ppk', attest: ppkSigner });
    pps.node.peer.keep(tcp(ppk.node.peer.addresses), { minDelayMs: 100, maxDelayMs: 1000 });

    await eventually(() => counts(pps).forwarded === 1, "the PPK's attestation reaches the PPS relay");
    expect(counts(pps)).toEqual({ held: 1, forwarded: 1, acknowledged: 0 });
    expect(attestationsOf(ppk.node.replica, first, ppkSigner)).toHaveLength(1);
    expect(counts(ppk)).toEqual({ held: 1, forwarded: 1, acknowledged: 0 }); // the PPS attestation proves the PPS saw it

    ppk.node.peer.keep(tcp(server.addresses), { minDelayMs: 100, maxDelayMs: 1000 });
    await eventually(() => counts(pps).acknowledged === 1, 'the receipt reaches the PPS relay');
    expect(pps.status()).toMatchObject({ held: 1, forwarded: 1, acknowledged: 1, peers: 2, rejected: 0 });
    expect(counts(ppk)).toEqual({ held: 1, forwarded: 1, acknowledged: 1 });
    const receipt = pps.ledger.receiptFor(first.id)!;
    expect(toHex(receipt.signer)).toBe(serverKey);
  });

  it("shows both attestations in the server's receipt chain", async () => {
    await server.idle();
    const tps = await getJson(server.httpUrl!, `/api/v1/tps/${TPS_A}`);
    expect(tps.status).toBe(200);
    const current = tps.body.elections[0].current;
    expect(current.id).toBe(first.id);
    expect(current.receipt).toMatchObject({ id: expect.any(String), signer: serverKey });
    expect(current.attestations).toHaveLength(2);
    expect(current.attestations).toEqual(
      expect.arrayContaining([
        { id: attestationsOf(pps.node.replica, first, ppsSigner)[0]!.id, stage: 'pps', region: DESA, signer: toHex(ppsSigner.keyPair.publicKey), seenAt: expect.any(String) },
        { id: attestationsOf(ppk.node.replica, first, ppkSigner)[0]!.id, stage: 'ppk', region: KECAMATAN, signer: toHex(ppkSigner.keyPair.publicKey), seenAt: expect.any(String) },
      ]),
    );
  });

  it('attests a second submission of its desa exactly once, live', async () => {
    const phone = await operatorPhone('operator-b', TPS_B, tcp(pps.node.peer.addresses));
    second = await submit(await trust.operator(TPS_B), TPS_B, [120, 180]);
    await send(phone, second);
    await phone.ledger.whenReceipt(second.id, 30_000);
    await eventually(() => counts(pps).acknowledged === 2, 'the second receipt at the PPS relay');
    await eventually(() => attestationsOf(server.node.replica, second).length === 2, 'both attestations at the server');
    for (const submission of [first, second]) {
      expect(attestationsOf(server.node.replica, submission, ppsSigner)).toHaveLength(1);
      expect(attestationsOf(server.node.replica, submission, ppkSigner)).toHaveLength(1);
    }
    expect(counts(pps)).toEqual({ held: 2, forwarded: 2, acknowledged: 2 });
  });

  it('does not attest what it carries outside its region (the PPK laptop carrying a submission of Kecamatan Gantung)', async () => {
    const phone = await operatorPhone('operator-gantung', TPS_GANTUNG, tcp(ppk.node.peer.addresses));
    const gantung = await submit(await trust.operator(TPS_GANTUNG), TPS_GANTUNG, [80, 95]);
    await send(phone, gantung);
    await phone.ledger.whenReceipt(gantung.id, 30_000);
    await eventually(() => counts(ppk).acknowledged === 3, 'the receipt at the PPK relay');
    await new Promise((resolve) => setTimeout(resolve, 300)); // time for an attestation that should not come
    expect(attestationsOf(ppk.node.replica, gantung)).toEqual([]);
    expect(attestationsOf(server.node.replica, gantung)).toEqual([]);
    expect(pps.node.replica.object(gantung.id)).toBeUndefined(); // outside the PPS relay's scope altogether
    await server.idle();
    const tps = await getJson(server.httpUrl!, `/api/v1/tps/${TPS_GANTUNG}`);
    expect(tps.body.elections[0].current).toMatchObject({ id: gantung.id, attestations: [], receipt: expect.objectContaining({ id: expect.any(String) }) });
  });

  it('restarts from disk with its counts and the same peer id, and attests nothing twice', async () => {
    const peerId = pps.node.peer.peerId;
    const objectsBefore = [...pps.node.replica.objects()].length;
    await pps.stop();
    await pps.stop(); // safe twice
    pps = await relay('pps', { scopes: [DESA], role: 'pps', attest: ppsSigner });
    expect(pps.node.peer.peerId).toBe(peerId);
    // Both test submissions reference the same (never sent) photo: one photo, not held.
    expect(pps.status()).toEqual({ peerId, held: 2, forwarded: 2, acknowledged: 2, peers: 0, rejected: 0, photos: expect.objectContaining({ total: 1, complete: 0, bytesTotal: 123_456 }) });
    const added: string[] = [];
    pps.node.replica.onObjectsAdded((event) => added.push(...event.added.map((e) => e.id)));

    pps.node.peer.keep(tcp(ppk.node.peer.addresses), { minDelayMs: 100, maxDelayMs: 1000 });
    await eventually(() => pps.node.peer.engine.sessions().some((s) => s.phase === 'live'), 'the PPS relay is back in sync with the PPK relay');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(added).toEqual([]);
    expect([...pps.node.replica.objects()]).toHaveLength(objectsBefore);
    for (const submission of [first, second]) {
      expect(attestationsOf(pps.node.replica, submission, ppsSigner)).toHaveLength(1);
      expect(attestationsOf(server.node.replica, submission, ppsSigner)).toHaveLength(1);
    }
  });
});

describe('a carrier relay (no credential)', () => {
  it('forwards a submission up and its receipt down without attesting', async () => {
    const carrier = await relay('carrier', { scopes: [KABUPATEN], role: 'carrier', dial: [tcp(server.addresses)] });
    const tps = '1906052003002';
    const phone = await operatorPhone('operator-carried', tps, tcp(carrier.node.peer.addresses));
    const carried = await submit(await trust.operator(tps), tps, [60, 70]);
    await send(phone, carried);
    const receipt = await phone.ledger.whenReceipt(carried.id, 30_000);
    expect(carrier.node.replica.object(receipt.id)).toBeDefined();
    expect(carrier.ledger.receiptFor(carried.id)?.id).toBe(receipt.id);
    expect(attestationsOf(server.node.replica, carried)).toEqual([]);
    // It carries the whole kabupaten the server holds, every submission acknowledged; nothing it holds is its own.
    await eventually(() => counts(carrier).held === server.index.counts().submissions, 'the carrier holds the kabupaten');
    const { held, forwarded, acknowledged } = counts(carrier);
    expect(forwarded).toBe(held);
    expect(acknowledged).toBe(held);
    await server.idle();
    const view = await getJson(server.httpUrl!, `/api/v1/tps/${tps}`);
    expect(view.body.elections[0].current).toMatchObject({ id: carried.id, attestations: [] });
  });
});

describe('startRelay refusals', () => {
  it('refuses a credential that is not the key’s before it opens anything', async () => {
    const other = await relayIdentity(trust, DESA);
    const dataDir = join(dir.path, 'never-created');
    const attempt = startRelay({ dataDir, network: trust.network, scopes: [DESA], listen: LISTEN, attest: { ...ppsSigner, keyPair: other.keyPair } });
    await expect(attempt).rejects.toBeInstanceOf(RelayError);
    await expect(attempt).rejects.toMatchObject({ code: 'RELAY_KEY_MISMATCH' });
    expect(existsSync(dataDir)).toBe(false);
  });

  it.each<[string, Partial<RelayOptions>, RegExp]>([
    ['an empty data dir', { dataDir: '' }, /dataDir must be a directory path/],
    ['no scopes', { scopes: [] }, /give 1 to 64 scopes/],
    ['a bad scope', { scopes: ['1906010'] }, /scope "1906010" is not a region code/],
  ])('refuses %s with RELAY_INVALID_OPTION', async (_name, bad, message) => {
    const attempt = startRelay({ dataDir: join(dir.path, 'bad'), network: trust.network, scopes: [DESA], ...bad });
    await expect(attempt).rejects.toMatchObject({ name: 'RelayError', code: 'RELAY_INVALID_OPTION', message: expect.stringMatching(message) });
  });
});
