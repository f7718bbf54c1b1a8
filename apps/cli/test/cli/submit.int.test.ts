import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { keyId } from '@titip/identity';
import { decodeRecord, docIdOf } from '@titip/records';
import { eventually, tempDir } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCredentialFile, writeKeyFile } from '../../src/files/write-config-files.js';
import { writeNetworkFile } from '../../src/issuer/network-file.js';
import { startOperatorPeer } from '../../src/operator/open-operator-peer.js';
import { signSubmission } from '../../src/operator/sign-submission.js';
import { exampleForm, examplePath } from '../fixtures/forms.js';
import { startReceiptingPeer } from '../fixtures/receipting-peer.js';
import { runBin, spawnBin } from '../fixtures/run-bin.js';
import { exampleElections, makeTestTrust, type TestIdentity, type TestTrust } from '../fixtures/trust.js';

const TPS = '1906012001001';
const NEIGHBOUR = '1906012001002';
const PEER_ID = '12D3KooWLRPJAA5o6Z6z5oTr8SqHdzpb8dwLQKrW5jkEfEH5ZMoK';
let dir: { path: string; remove: () => Promise<void> };
let cwd: string;
let trust: TestTrust;
let op: TestIdentity;
const stops: (() => Promise<void>)[] = [];

const operator = (...args: string[]) => runBin('operator', args, { cwd, timeoutMs: 90_000 });
const signOptions = ['--key', 'op.key.json', '--credential', 'op.cred.json', '--network', 'network.json', '--form', examplePath('c-hasil-pkwkk.json'), '--tps', TPS, '--election', 'pkwkk'];

beforeAll(async () => {
  dir = await tempDir('titip-cli-submit-');
  cwd = dir.path;
  trust = await makeTestTrust('submit-int');
  op = await trust.operator(TPS);
  await writeNetworkFile(join(cwd, 'network.json'), { name: 'test', root: trust.root.publicKey, elections: exampleElections });
  await writeKeyFile(join(cwd, 'op.key.json'), op.keyPair);
  await writeCredentialFile(join(cwd, 'op.cred.json'), op.chain);
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await dir.remove();
});

describe('titip-operator submit / status against real Node peers', () => {
  it('times out (exit 3) behind a peer that never receipts, keeping the submission queued; the peer got it', async () => {
    const carrier = await startReceiptingPeer({ dataDir: join(cwd, 'carrier'), network: trust.network });
    stops.push(() => carrier.stop());
    const run = await operator('submit', ...signOptions, '--data-dir', 'op-data', '--peer', carrier.address, '--timeout', '3s');
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('no receipt for submission');
    expect(run.stderr).toContain('stays queued in op-data');
    expect(run.stdout).toBe('');
    await eventually(() => carrier.replica.objectCount === 1, 'the carrier holds the submission');

    const status = await operator('status', '--data-dir', 'op-data', '--network', 'network.json', '--json');
    expect(status.code, status.stderr).toBe(0);
    const { tps, submissions: [held] } = JSON.parse(status.stdout);
    expect(tps).toEqual([TPS]);
    expect(held).toMatchObject({ tps: TPS, election: 'pkwkk', revision: 1, receipt: null });
    expect([...carrier.replica.objects()].map((o) => o.id)).toEqual([held.id]);
    const table = await operator('status', '--data-dir', 'op-data', '--network', 'network.json');
    expect(table.stdout).toContain('queued, no receipt yet');
    expect(table.stdout).toContain('1 submission(s) of TPS 1906012001001: 0 with a receipt, 1 queued.');
  });

  it('the next run reuses the queued submission and exits 0 with the receipt from a receipting peer', async () => {
    const server = await startReceiptingPeer({ dataDir: join(cwd, 'server'), network: trust.network, server: trust.server });
    stops.push(() => server.stop());
    const before = JSON.parse((await operator('status', '--data-dir', 'op-data', '--network', 'network.json', '--json')).stdout);
    const run = await operator('submit', ...signOptions, '--data-dir', 'op-data', '--peer', server.address, '--timeout', '60s');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Already queued earlier');
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ submission: before.submissions[0].id, tps: TPS, election: 'pkwkk', revision: 1, server: keyId(trust.server.keyPair.publicKey) });
    expect(Date.parse(out.receivedAt)).toBeGreaterThan(Date.now() - 120_000);
    const receipt = decodeRecord(server.replica.object(out.receipt)!);
    expect(receipt.kind).toBe('receipt');
    expect(receipt.kind === 'receipt' && receipt.body.submission).toBe(before.submissions[0].id);

    const status = JSON.parse((await operator('status', '--data-dir', 'op-data', '--network', 'network.json', '--json')).stdout).submissions;
    expect(status).toHaveLength(1);
    expect(status[0].receipt).toMatchObject({ id: out.receipt, receivedAt: out.receivedAt });
    // A third run finds the receipt in the queue at once.
    const again = await operator('submit', ...signOptions, '--data-dir', 'op-data', '--peer', server.address, '--timeout', '5s');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).receipt).toBe(out.receipt);
  });

  it('says which peer refused the submission and why, instead of only "run again", when the peer refuses it (another KPU root)', async () => {
    const other = await makeTestTrust('submit-int-other-root');
    const stranger = await other.operator(TPS);
    await writeNetworkFile(join(cwd, 'other-network.json'), { name: 'other', root: other.root.publicKey, elections: exampleElections });
    await writeKeyFile(join(cwd, 'stranger.key.json'), stranger.keyPair);
    await writeCredentialFile(join(cwd, 'stranger.cred.json'), stranger.chain);
    const server = await startReceiptingPeer({ dataDir: join(cwd, 'refusing-server'), network: trust.network, server: trust.server });
    stops.push(() => server.stop());
    const args = ['--key', 'stranger.key.json', '--credential', 'stranger.cred.json', '--network', 'other-network.json', '--form', examplePath('c-hasil-pkwkk.json'), '--tps', TPS, '--election', 'pkwkk'];
    const run = await operator('submit', ...args, '--data-dir', 'stranger-data', '--peer', server.address, '--timeout', '5s');
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('refused what this device sent');
    expect(run.stderr).toContain('unknown-root');
    expect(run.stderr).toContain('a peer refused it');
    expect(server.replica.objectCount).toBe(0);
  });

  it('refuses to queue different numbers for the same revision (exit 1)', async () => {
    const form = exampleForm('c-hasil-pkwkk.json');
    form.suara.paslon['1000526'] = 151;
    form.suara.paslon['1000527'] = 239;
    await writeFile(join(cwd, 'changed.json'), JSON.stringify(form));
    const server = await startReceiptingPeer({ dataDir: join(cwd, 'server-2'), network: trust.network, server: trust.server });
    stops.push(() => server.stop());
    const args = signOptions.map((a) => (a === examplePath('c-hasil-pkwkk.json') ? 'changed.json' : a));
    const run = await operator('submit', ...args, '--data-dir', 'op-data', '--peer', server.address, '--timeout', '5s');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('with different content');
    expect(run.stderr).toContain('sign revision 2 with --supersedes');
  });

  it('submits a file written by sign, from a fresh data dir', async () => {
    const server = await startReceiptingPeer({ dataDir: join(cwd, 'server-3'), network: trust.network, server: trust.server });
    stops.push(() => server.stop());
    const signed = await operator('sign', ...signOptions.map((a) => (a === 'pkwkk' ? 'pkwkp' : a === examplePath('c-hasil-pkwkk.json') ? examplePath('c-hasil-pkwkp.json') : a)), '--out', 'pkwkp.cbor');
    expect(signed.code, signed.stderr).toBe(0);
    const id = JSON.parse(signed.stdout).id;
    const run = await operator('submit', '--network', 'network.json', '--submission', 'pkwkp.cbor', '--data-dir', 'op-data-2', '--peer', server.address, '--timeout', '60s');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ submission: id, election: 'pkwkp' });
  });

  it('submit --submission FILE into a data dir holding the same numbers says clearly it sends the held one', async () => {
    const server = await startReceiptingPeer({ dataDir: join(cwd, 'server-4'), network: trust.network, server: trust.server });
    stops.push(() => server.stop());
    const held = JSON.parse((await operator('status', '--data-dir', 'op-data', '--network', 'network.json', '--json')).stdout).submissions[0];
    const signed = await operator('sign', ...signOptions, '--out', 'again.cbor');
    expect(signed.code, signed.stderr).toBe(0);
    const fileId = JSON.parse(signed.stdout).id;
    expect(fileId).not.toBe(held.id); // same numbers, another signing time

    const run = await operator('submit', '--network', 'network.json', '--submission', 'again.cbor', '--data-dir', 'op-data', '--peer', server.address, '--timeout', '30s');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`Already queued earlier as ${held.id} (same numbers, signed ${held.deviceTime}): sending that one, NOT the submission in again.cbor (${fileId})`);
    expect(run.stderr).toContain('an equivocation');
    expect(JSON.parse(run.stdout)).toMatchObject({ submission: held.id, reused: true, notSent: fileId, file: 'again.cbor' });
    // From a data dir that did not know the first one, the second signing is sent: delivered and receipted, but now
    // two different submissions claim revision 1 (an equivocation the server holds out of the totals): exit 4, said.
    const fresh = await operator('submit', '--network', 'network.json', '--submission', 'again.cbor', '--data-dir', 'op-data-4', '--peer', server.address, '--timeout', '30s');
    expect(fresh.code, fresh.stderr).toBe(4);
    expect(fresh.stderr).toContain('WARNING: TPS 1906012001001 pkwkk: 2 DIFFERENT submissions claim revision 1');
    const output = JSON.parse(fresh.stdout);
    expect(output).toMatchObject({ submission: fileId, reused: false, equivocations: [{ revision: 1, ids: [held.id, fileId].sort() }] });
    expect(output).not.toHaveProperty('notSent');
  });

  it('Ctrl-C (SIGINT) stops waiting cleanly: exit 130, the submission stays queued', async () => {
    const carrier = await startReceiptingPeer({ dataDir: join(cwd, 'carrier-2'), network: trust.network });
    stops.push(() => carrier.stop());
    const child = spawnBin('operator', ['submit', ...signOptions, '--data-dir', 'op-data-3', '--peer', carrier.address, '--timeout', '60s'], { cwd });
    await eventually(() => child.stderr().includes('waiting up to 60 s'), 'submit is waiting');
    child.kill('SIGINT');
    const code = await child.exited;
    expect(code).toBe(130);
    expect(child.stderr()).toContain('stopped waiting for the receipt');
    const status = JSON.parse((await operator('status', '--data-dir', 'op-data-3', '--network', 'network.json', '--json')).stdout).submissions;
    expect(status).toHaveLength(1);
    expect(status[0].receipt).toBeNull();
  });

  it('submit refuses a data dir under /proc at once (it used to hang forever)', async () => {
    const run = await operator('submit', ...signOptions, '--data-dir', '/proc/titip-data', '--peer', `/ip4/127.0.0.1/tcp/1/p2p/${PEER_ID}`, '--timeout', '5s');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('titip-operator submit: error: /proc/titip-data: is under /proc, a kernel pseudo-filesystem, not a disk: choose a directory on disk for the store, e.g. /var/lib/titip\n');
  });

  it('submit and status refuse a data dir that is a file, in one line, and leave the file alone', async () => {
    const fileLine = 'network.json: is a file, not a directory: give a directory for the data dir (or a path that does not exist yet)\n';
    const before = await readFile(join(cwd, 'network.json'), 'utf8');
    const submit = await operator('submit', ...signOptions, '--data-dir', 'network.json', '--peer', `/ip4/127.0.0.1/tcp/1/p2p/${PEER_ID}`, '--timeout', '5s');
    expect(submit.code).toBe(1);
    expect(submit.stderr).toBe(`titip-operator submit: error: ${fileLine}`);
    const status = await operator('status', '--data-dir', 'network.json', '--network', 'network.json');
    expect(status.code).toBe(1);
    expect(status.stderr).toBe(`titip-operator status: error: ${fileLine}`);
    expect(await readFile(join(cwd, 'network.json'), 'utf8')).toBe(before);
  });

  it('status refuses a missing data dir and one in use by another process', async () => {
    const missing = await operator('status', '--data-dir', 'nope', '--network', 'network.json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope: no such data dir');
    const holder = await startOperatorPeer({ dataDir: join(cwd, 'op-data'), network: trust.network, scopes: [''] });
    try {
      const busy = await operator('status', '--data-dir', 'op-data', '--network', 'network.json');
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain('is in use by another process');
      expect(busy.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await holder.stop();
    }
  });

  it("status shows only this data dir's TPS, counts the neighbours' results apart, and warns of an equivocation", async () => {
    // The desa document travels whole: a neighbour's result and a second, different revision 1 signed with this
    // operator's key (the key used on another device) reach the phone by sync.
    const neighbour = await trust.operator(NEIGHBOUR);
    const sign = (who: TestIdentity, tps: string, form: ReturnType<typeof exampleForm>, at: number) =>
      signSubmission({ keyPair: who.keyPair, chain: who.chain, tps, election: 'pkwkk', form, deviceTime: at, root: trust.root.publicKey });
    const other = exampleForm('c-hasil-pkwkk.json');
    other.suara.paslon['1000526'] = 151;
    other.suara.paslon['1000527'] = 239;
    const theirs = await sign(neighbour, NEIGHBOUR, exampleForm('c-hasil-pkwkk.json'), Date.now());
    const twin = await sign(op, TPS, other, Date.now());
    const peer = await startOperatorPeer({ dataDir: join(cwd, 'op-data'), network: trust.network, scopes: [''] });
    try {
      for (const r of [theirs, twin]) await peer.replica.addLocal(docIdOf(r), [{ id: r.id, bytes: r.bytes }], { trusted: true });
    } finally {
      await peer.stop();
    }

    const json = await operator('status', '--data-dir', 'op-data', '--network', 'network.json', '--json');
    expect(json.code, json.stderr).toBe(0);
    const status = JSON.parse(json.stdout);
    expect(status.tps).toEqual([TPS]);
    expect(status.submissions.map((s: { tps: string }) => s.tps)).toEqual([TPS, TPS]);
    expect(status.submissions.every((s: { equivocated: boolean }) => s.equivocated)).toBe(true);
    expect(status.equivocations).toMatchObject([{ tps: TPS, election: 'pkwkk', revision: 1, sameSigner: true, contested: true }]);
    expect(status.neighbours).toEqual({ tps: [NEIGHBOUR], submissions: 1 });
    expect(json.stderr).toContain('WARNING: TPS 1906012001001 pkwkk: 2 DIFFERENT submissions claim revision 1');

    const table = await operator('status', '--data-dir', 'op-data', '--network', 'network.json');
    expect(table.stdout).not.toContain(NEIGHBOUR + '  ');
    expect(table.stdout).toContain('2 submission(s) of TPS 1906012001001: 1 with a receipt, 1 queued.');
    expect(table.stdout).toContain('!! EQUIVOCATED');
    expect(table.stdout).toContain('PERINGATAN: TPS 1906012001001 pkwkk: 2 kiriman BERBEDA');
    expect(table.stdout).toContain('WARNING: TPS 1906012001001 pkwkk: 2 DIFFERENT submissions claim revision 1');
    expect(table.stdout).toContain('does NOT count it');
    expect(table.stdout).toContain(`also carries 1 submission(s) of 1 other TPS (${NEIGHBOUR})`);

    // --tps picks the TPS explicitly (here the neighbour's, as a PPS helper might).
    const theirsOnly = JSON.parse((await operator('status', '--data-dir', 'op-data', '--network', 'network.json', '--json', '--tps', NEIGHBOUR)).stdout);
    expect(theirsOnly.submissions.map((s: { id: string }) => s.id)).toEqual([theirs.id]);
    expect(theirsOnly.neighbours).toEqual({ tps: [TPS], submissions: 2 });
  });
});
