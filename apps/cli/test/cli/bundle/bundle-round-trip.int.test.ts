import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serialiseNetworkFile } from '@titip/config';
import { toHex } from '@titip/identity';
import { exportBundle } from '@titip/sync';
import { eventually, tempDir } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The relay from its build output by relative path: @titip/relay is not a dependency of the CLI (that would need a
// pnpm install); `tsc -b` at the root builds apps/relay/dist. A real relay makes the data dirs these tests carry.
import { startRelay, type Relay } from '../../../../relay/dist/index.js';
import { startOperatorPeer } from '../../../src/operator/open-operator-peer.js';
import { addRecords, DESA_A, DESA_B, KECAMATAN, signedResults } from '../../fixtures/bundle-results.js';
import { memoryReplica } from '../../fixtures/memory-replica.js';
import { runBin, type BinResult } from '../../fixtures/run-bin.js';
import { makeTestTrust, type TestTrust } from '../../fixtures/trust.js';

let dir: { path: string; remove: () => Promise<void> };
let trust: TestTrust;
let cwd: string;
const running: Relay[] = [];
const bundle = (...args: string[]) => runBin('bundle', args, { cwd });
const noStack = (r: BinResult) => expect(r.stderr).not.toMatch(/\n\s+at /);
const inKecamatan = (docId: string) => docId.startsWith(KECAMATAN);

beforeAll(async () => {
  dir = await tempDir('titip-bundle-trip-');
  cwd = dir.path;
  trust = await makeTestTrust('bundle-trip');
  await writeFile(join(cwd, 'network.json'), serialiseNetworkFile({ kind: 'titip-network', v: 1, name: 'bundle-trip', root: toHex(trust.root.publicKey), elections: [...trust.network.elections] }));
});
afterAll(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
  await dir?.remove();
});

async function relay(dataDir: string, dial: string[] = []): Promise<Relay> {
  const started = await startRelay({ dataDir: join(cwd, dataDir), network: trust.network, scopes: [KECAMATAN], role: 'ppk', listen: ['/ip4/127.0.0.1/tcp/0'], dial });
  running.push(started);
  return started;
}

async function stop(r: Relay): Promise<void> {
  await r.stop();
  running.splice(running.indexOf(r), 1);
}

/** The object ids a stopped data dir holds, read with `titip-bundle have`. */
async function held(dataDir: string): Promise<string[]> {
  const out = `${dataDir}-${Math.random().toString(36).slice(2)}.have.json`;
  const result = await bundle('have', '--data-dir', dataDir, '--out', out);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(await readFile(join(cwd, out), 'utf8')).ids;
}

describe('titip-bundle between two PPK relays with no network (child processes on real data dirs)', () => {
  let ids: string[];
  let peerA: string;

  it('refuses a data dir locked by a running relay, then exports it once the relay is stopped', async () => {
    const a = await relay('ppk-a');
    peerA = a.node.peer.peerId;
    const records = [...(await signedResults(trust, DESA_A, 3)), ...(await signedResults(trust, DESA_B, 2))];
    await addRecords(a.node.replica, records);
    ids = records.map((r) => r.id).sort();
    const locked = await bundle('export', '--data-dir', 'ppk-a', '--out', 'locked.titip');
    expect(locked.code).toBe(1);
    expect(locked.stderr).toBe('titip-bundle export: error: ppk-a: is in use by a running peer (titip-relay, titip-operator or titip-server on this data dir): stop it first, then run this again\n');
    await stop(a);
    const exported = await bundle('export', '--data-dir', 'ppk-a', '--out', 'ppk-a.titip', '--label', 'PPK Dendang laptop');
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ file: 'ppk-a.titip', objects: 7, regions: [''], delta: false });
    // An existing file is left alone without --force.
    const again = await bundle('export', '--data-dir', 'ppk-a', '--out', 'ppk-a.titip');
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('titip-bundle export: error: ppk-a.titip: already exists (left as it was). Pass --force to replace it.\n');
    const region = await bundle('export', '--data-dir', 'ppk-a', '--region', DESA_B, '--out', 'desa-b.titip');
    expect(JSON.parse(region.stdout)).toMatchObject({ objects: 3, regions: [DESA_B] });
  });

  it('inspects the bundle without a store: header, counts by kind, size, and signatures with --network', async () => {
    const plain = await bundle('inspect', 'ppk-a.titip');
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/^ppk-a\.titip: titip bundle v1, \d+\.\d KB\n/);
    expect(plain.stdout).toContain(`by          PPK Dendang laptop, ${peerA}\n`);
    expect((await bundle('inspect', 'desa-b.titip')).stdout).toContain(`by          ${peerA} serving ${DESA_B}\nregions     ${DESA_B}\n`);
    expect(plain.stdout).toContain('objects     7: 5 submission(s), 2 receipt(s), 0 attestation(s)');
    expect(plain.stdout).toContain(`documents   2: ${DESA_A} (4), ${DESA_B} (3)`);
    expect(plain.stdout).toContain('pass --network FILE to check signatures too');
    const checked = await bundle('inspect', '--network', 'network.json', '--json', 'ppk-a.titip');
    expect(checked.code, checked.stderr).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({ objects: 7, verified: 'signatures', rejected: [], kinds: { submission: 5, receipt: 2 } });
    // The header names the relay by its libp2p peer id (from the data dir's peer-key).
    expect(JSON.parse(checked.stdout).header.source).toEqual({ scopes: [''], peer: peerA, label: 'PPK Dendang laptop' });
  });

  it('imports into another data dir (created), then again as already held', async () => {
    const first = await bundle('import', '--data-dir', 'ppk-b', '--network', 'network.json', '--scope', KECAMATAN, 'ppk-a.titip');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/accepted +7\nalready held +0\nout of scope +0\nrefused +0\n/);
    const second = await bundle('import', '--data-dir', 'ppk-b', '--network', 'network.json', '--scope', KECAMATAN, '--json', 'ppk-a.titip');
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ added: 0, alreadyHeld: 7, outOfScope: 0, rejected: [], created: false });
    expect(await held('ppk-b')).toEqual(ids);
  });

  it('a relay started on the imported data dir syncs nothing new with the first', async () => {
    const a = await relay('ppk-a');
    const b = await relay('ppk-b', [a.node.peer.addresses.find((x) => x.includes('/tcp/') && !x.includes('/ws'))!]);
    await eventually(() => b.node.peer.engine.sessions().length > 0 && a.node.peer.engine.sessions().length > 0, 'the relays connected');
    await eventually(() => Buffer.from(a.node.replica.digest(inKecamatan)).equals(Buffer.from(b.node.replica.digest(inKecamatan))), 'equal digests');
    expect(a.node.replica.objectCount).toBe(7);
    expect(b.node.replica.objectCount).toBe(7);
    expect(a.status().rejected + b.status().rejected).toBe(0);
    await stop(b);
    await stop(a);
    expect(await held('ppk-a')).toEqual(ids);
    expect(await held('ppk-b')).toEqual(ids);
  });

  it('exports only what the other device lacks, given its have file', async () => {
    const have = await bundle('have', '--data-dir', 'ppk-b', '--out', 'ppk-b.have.json', '--label', 'PPK B');
    expect(JSON.parse(have.stdout)).toEqual({ file: 'ppk-b.have.json', objects: 7, photos: 0, regions: [''] });
    const a = await relay('ppk-a');
    const newer = await signedResults(trust, DESA_A, 2, 10);
    await addRecords(a.node.replica, newer);
    await stop(a);
    const delta = await bundle('export', '--data-dir', 'ppk-a', '--have', 'ppk-b.have.json', '--out', 'delta.titip');
    expect(delta.code, delta.stderr).toBe(0);
    expect(JSON.parse(delta.stdout)).toMatchObject({ objects: 3, delta: true });
    expect((await bundle('inspect', 'delta.titip')).stdout).toContain('(delta: what another device held was left out)');
    const imported = await bundle('import', '--data-dir', 'ppk-b', '--network', 'network.json', '--json', 'delta.titip');
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 3, alreadyHeld: 0, rejected: [] });
    expect(await held('ppk-b')).toEqual(await held('ppk-a'));
    // Nothing left to carry: an empty bundle, and a note saying so.
    const none = await bundle('export', '--data-dir', 'ppk-a', '--have', 'ppk-b.have.json', '--out', 'none.titip', '--force');
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toMatchObject({ objects: 3 }); // the have file predates the delta import
    const fresh = await bundle('have', '--data-dir', 'ppk-b', '--out', 'ppk-b.have.json', '--force');
    expect(fresh.code).toBe(0);
    const empty = await bundle('export', '--data-dir', 'ppk-a', '--have', 'ppk-b.have.json', '--out', 'none.titip', '--force');
    expect(JSON.parse(empty.stdout)).toMatchObject({ objects: 0 });
    expect(empty.stderr).toContain('nothing to carry: the other device holds everything');
  });

  it('refuses a tampered bundle whole with its code, exit 1, and leaves the store untouched', async () => {
    const before = await held('ppk-b');
    const bytes = await readFile(join(cwd, 'delta.titip'));
    const tampered = Buffer.from(bytes);
    tampered[tampered.length - 200]! ^= 0x01;
    await writeFile(join(cwd, 'tampered.titip'), tampered);
    await writeFile(join(cwd, 'truncated.titip'), bytes.subarray(0, bytes.length - 1000));
    for (const [file, code] of [['tampered.titip', 'BUNDLE_CHECKSUM'], ['truncated.titip', 'BUNDLE_TRUNCATED']] as const) {
      const result = await bundle('import', '--data-dir', 'ppk-b', '--network', 'network.json', file);
      expect(result.code, file).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^titip-bundle import: error: ${file.replace('.', '\\.')}: `));
      expect(result.stdout).toBe('');
      noStack(result);
      expect(result.stderr).toMatch(new RegExp(`copy it again.* \\(${code}\\)\\n$`));
      const inspected = await bundle('inspect', file);
      expect(inspected.code).toBe(1);
      expect(inspected.stderr).toContain(`(${code})`);
    }
    await copyFile(join(cwd, 'network.json'), join(cwd, 'not-a-bundle.titip'));
    const notBundle = await bundle('inspect', 'not-a-bundle.titip');
    expect(notBundle.code).toBe(1);
    expect(notBundle.stderr).toMatch(/^titip-bundle inspect: error: .*\(BUNDLE_NOT_A_BUNDLE\)\n$/);
    expect(await held('ppk-b')).toEqual(before);
  });

  it('lists what the validator refuses (another KPU root) with reasons, stores the rest, exit 1', async () => {
    const stranger = await makeTestTrust('bundle-trip-stranger');
    const theirs = await memoryReplica(stranger);
    const forged = await signedResults(stranger, DESA_A, 1, 20);
    await addRecords(theirs, forged);
    const ours = await memoryReplica(trust);
    const honest = await signedResults(trust, DESA_A, 1, 30);
    await addRecords(ours, honest);
    // A mixed file: one honest result and receipt, and one result and receipt under a root this network does not know.
    const { decodeBundle, encodeBundle } = await import('@titip/sync');
    const entries = [...decodeBundle(exportBundle(ours)).entries, ...decodeBundle(exportBundle(theirs)).entries];
    await writeFile(join(cwd, 'mixed.titip'), encodeBundle({ createdAt: Date.now(), source: { scopes: ['1906'] }, regions: [''], delta: false }, entries));
    const result = await bundle('import', '--data-dir', 'ppk-b', '--network', 'network.json', 'mixed.titip');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/accepted +2\nalready held +0\nout of scope +0\nrefused +2\n/);
    for (const r of forged) expect(result.stdout).toContain(`  ${r.id.slice(0, 16)}… in ${DESA_A}: unknown-root: `);
    expect(result.stdout).toContain('The refused objects were not stored; every other object was.');
    const nowHeld = await held('ppk-b');
    for (const r of honest) expect(nowHeld).toContain(r.id);
    for (const r of forged) expect(nowHeld).not.toContain(r.id);
    const inspected = await bundle('inspect', '--network', 'network.json', 'mixed.titip');
    expect(inspected.code).toBe(1);
    expect(inspected.stdout).toContain('2 valid, 2 refused');
  });

  it('keeps to --scope: documents outside it are left alone', async () => {
    const result = await bundle('import', '--data-dir', 'pps-b', '--network', 'network.json', '--scope', DESA_B, '--json', 'ppk-a.titip');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ added: 3, outOfScope: 4, created: true });
  });

  it("exports a stopped operator's data dir", async () => {
    const dataDir = join(cwd, 'operator');
    const peer = await startOperatorPeer({ dataDir, network: trust.network, scopes: [DESA_A] });
    const mine = await signedResults(trust, DESA_A, 1, 40);
    await addRecords(peer.replica, mine);
    await peer.stop();
    const exported = await bundle('export', '--data-dir', 'operator', '--out', 'operator.titip');
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ objects: 2 });
  });

  it('refuses data dirs that are not there or not Titip data dirs (exit 1, one line)', async () => {
    for (const [args, message] of [
      [['export', '--data-dir', 'missing', '--out', 'x.titip'], 'titip-bundle export: error: missing: no such data dir\n'],
      [['have', '--data-dir', 'network.json', '--out', 'x.json'], 'titip-bundle have: error: network.json: is a file, not a directory: give a directory for the data dir (or a path that does not exist yet)\n'],
      [['export', '--data-dir', 'ppk-a', '--have', 'network.json', '--out', 'x.titip'], /^titip-bundle export: error: network\.json: not a titip-have v1 file/],
      [['import', '--data-dir', 'ppk-b', '--network', 'missing.json', 'ppk-a.titip'], /^titip-bundle import: error: .*missing\.json/],
      [['import', '--data-dir', 'ppk-b', '--network', 'network.json', 'missing.titip'], /^titip-bundle import: error: cannot read missing\.titip/],
    ] as const) {
      const result = await bundle(...args);
      expect(result.code, args.join(' ')).toBe(1);
      if (typeof message === 'string') expect(result.stderr).toBe(message);
      else expect(result.stderr).toMatch(message);
      noStack(result);
    }
  });
});
