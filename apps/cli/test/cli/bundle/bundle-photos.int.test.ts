import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serialiseNetworkFile } from '@titip/config';
import { toHex } from '@titip/identity';
import type { PhotoRef, TitipRecord } from '@titip/records';
import { decodeBundle, encodeBundle } from '@titip/sync';
import { eventually, photoBytes, tempDir } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The relay from its build output by relative path, as bundle-round-trip.int.test.ts (see there).
import { startRelay, type Relay } from '../../../../relay/dist/index.js';
import { signSubmission } from '../../../src/operator/sign-submission.js';
import { addRecords, DESA_A, KECAMATAN, tpsOf } from '../../fixtures/bundle-results.js';
import { exampleForm } from '../../fixtures/forms.js';
import { runBin } from '../../fixtures/run-bin.js';
import { makeTestTrust, type TestTrust } from '../../fixtures/trust.js';

// Photos on a USB stick: a relay that received photos over libp2p is stopped and exported; the bundle is imported
// into an empty data dir; a relay started there holds the photos byte-exact, fetches none of them over the network
// from a peer that has them, and serves them to a third relay.

let dir: { path: string; remove: () => Promise<void> };
let trust: TestTrust;
let cwd: string;
const running: Relay[] = [];
const bundle = (...args: string[]) => runBin('bundle', args, { cwd });
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A deterministic JPEG-typed page photo of `size` bytes. */
const image = (label: string, size: number): Uint8Array => photoBytes(label, size, [0xff, 0xd8, 0xff, 0xe0]);

// three TPS, two pages each; the third TPS's photos are the newest (signed last)
const PAGES = [1, 2];
const photos = [1, 2, 3].flatMap((n) => PAGES.map((page) => ({ tps: tpsOf(DESA_A, n), page, bytes: image(`${n}-${page}`, 90_000 + 20_000 * page + n) })));
const refOf = (p: (typeof photos)[number]): PhotoRef => ({ sha256: sha(p.bytes), page: p.page, size: p.bytes.length, type: 'image/jpeg' });
const totalBytes = photos.reduce((n, p) => n + p.bytes.length, 0);

async function relay(dataDir: string, dial: string[] = []): Promise<Relay> {
  const started = await startRelay({ dataDir: join(cwd, dataDir), network: trust.network, scopes: [KECAMATAN], role: 'ppk', listen: ['/ip4/127.0.0.1/tcp/0'], dial });
  running.push(started);
  return started;
}
async function stop(r: Relay): Promise<void> {
  await r.stop();
  running.splice(running.indexOf(r), 1);
}
const addressOf = (r: Relay) => r.node.peer.addresses.find((x) => x.includes('/tcp/') && !x.includes('/ws'))!;
const holdsAll = (r: Relay) => photos.every((p) => r.photos.blobs.has(sha(p.bytes)));

async function sameBytes(r: Relay): Promise<boolean> {
  for (const p of photos) if (Buffer.compare((await r.photos.blobs.get(sha(p.bytes))) ?? Buffer.alloc(0), p.bytes) !== 0) return false;
  return true;
}

beforeAll(async () => {
  dir = await tempDir('titip-bundle-photos-');
  cwd = dir.path;
  trust = await makeTestTrust('bundle-photos');
  await writeFile(join(cwd, 'network.json'), serialiseNetworkFile({ kind: 'titip-network', v: 1, name: 'bundle-photos', root: toHex(trust.root.publicKey), elections: [...trust.network.elections] }));
});
afterAll(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
  await dir?.remove();
});

describe('titip-bundle carries photos (child processes on real data dirs)', () => {
  let source: Relay;
  let submissions: TitipRecord[];

  it('a relay receives the photos over libp2p, is stopped and exported: the bundle carries them, inspect lists them', async () => {
    // The TPS phones' side: a relay holding the submissions and their photos as their own.
    source = await relay('tps-side');
    for (const p of photos) await source.photos.blobs.put(p.bytes, { type: 'image/jpeg', own: true });
    submissions = [];
    for (const n of [1, 2, 3]) {
      const tps = tpsOf(DESA_A, n);
      const operator = await trust.operator(tps);
      submissions.push(
        await signSubmission({
          keyPair: operator.keyPair,
          chain: operator.chain,
          tps,
          election: 'pkwkp',
          form: exampleForm('c-hasil-pkwkp.json'),
          electionDefinition: trust.network.election('pkwkp'),
          root: trust.root.publicKey,
          photos: photos.filter((p) => p.tps === tps).map(refOf),
          deviceTime: Date.now() - (3 - n) * 30 * 60_000,
        }),
      );
    }
    await addRecords(source.node.replica, submissions);
    // The carrier's relay fetches everything over libp2p, then is stopped.
    const carrier = await relay('carrier', [addressOf(source)]);
    await eventually(() => holdsAll(carrier), 'the carrier relay fetched every photo', 60_000);
    expect(await sameBytes(carrier)).toBe(true);
    await stop(carrier);

    const exported = await bundle('export', '--data-dir', 'carrier', '--out', 'photos.titip');
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toBe('');
    expect(JSON.parse(exported.stdout)).toMatchObject({ objects: 3, photos: 6, photoBytes: totalBytes, photosLeftOut: [] });
    const size = (await readFile(join(cwd, 'photos.titip'))).length;
    expect(size).toBeGreaterThan(totalBytes);
    expect(size).toBeLessThan(totalBytes + 10_000); // 3 submissions and 36 bytes of framing a photo

    const inspected = await bundle('inspect', '--network', 'network.json', 'photos.titip');
    expect(inspected.code, inspected.stderr).toBe(0);
    expect(inspected.stdout).toContain('titip bundle v2');
    expect(inspected.stdout).toMatch(/photos {6}6, \d+\.\d KB\n/);
    expect(inspected.stdout).toContain(`  ${sha(photos[0]!.bytes).slice(0, 16)}…  `);
    expect(inspected.stdout).toContain(`TPS ${tpsOf(DESA_A, 1)} page 1`);
    const json = JSON.parse((await bundle('inspect', '--json', 'photos.titip')).stdout);
    expect(json.photos).toHaveLength(6);
    expect(json.photos.map((p: { bytes: number }) => p.bytes).reduce((a: number, b: number) => a + b)).toBe(totalBytes);
  });

  it('imports into an empty data dir; a relay started there has them byte-exact and fetches none over the network', async () => {
    const imported = await bundle('import', '--data-dir', 'island', '--network', 'network.json', 'photos.titip');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('accepted      3\n');
    expect(imported.stdout).toMatch(/photos accepted {6}6 \(\d+\.\d KB\), each verified against its signed hash\nphotos already held  0\nphotos refused {7}0\n/);
    // a file over --max-bytes is refused before it is read (default 256 MiB)
    const small = await bundle('import', '--data-dir', 'island', '--network', 'network.json', '--max-bytes', '100kB', 'photos.titip');
    expect(small.code).toBe(1);
    expect(small.stderr).toMatch(/photos\.titip is \d+ bytes, limit 100000 \(BUNDLE_TOO_LARGE\)/);
    const again = await bundle('import', '--data-dir', 'island', '--network', 'network.json', '--json', 'photos.titip');
    expect(again.code, again.stderr).toBe(0);
    const result = JSON.parse(again.stdout);
    expect(result).toMatchObject({ added: 0, alreadyHeld: 3 });
    expect(result.photos.accepted).toEqual([]);
    expect(result.photos.alreadyHeld).toHaveLength(6);

    // The island relay, connected to the TPS side that holds every photo: it has them all already and asks for none.
    const island = await relay('island', [addressOf(source)]);
    expect(holdsAll(island)).toBe(true);
    expect(await sameBytes(island)).toBe(true);
    await eventually(() => island.node.peer.engine.sessions().length > 0 && island.status().photos.total === 6, 'the island relay connected and catalogued the photos');
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // time for a transfer to ask, if it were going to
    const progress = island.photos.transfer.progress();
    expect(progress.totals).toMatchObject({ photos: 6, complete: 6 });
    expect(progress.peers.reduce((n, p) => n + p.chunksIn, 0)).toBe(0);
    await stop(source);

    // It serves them: a third relay that can reach only the island relay gets every photo from it.
    const third = await relay('kabupaten', [addressOf(island)]);
    await eventually(() => holdsAll(third), 'the third relay fetched every photo from the island relay', 60_000);
    expect(await sameBytes(third)).toBe(true);
    await stop(third);
    await stop(island);
  });

  it('export --max-photo-bytes keeps the older results’ photos and says what it left out; --no-photos writes version 1', async () => {
    const cap = photos[0]!.bytes.length + photos[1]!.bytes.length + photos[2]!.bytes.length + photos[3]!.bytes.length;
    const capped = await bundle('export', '--data-dir', 'carrier', '--max-photo-bytes', String(cap), '--out', 'capped.titip');
    expect(capped.code, capped.stderr).toBe(0);
    const out = JSON.parse(capped.stdout);
    expect(out).toMatchObject({ objects: 3, photos: 4, photoBytes: cap });
    // TPS 3 signed last: its two photos are the ones left behind
    expect(out.photosLeftOut.map((p: { sha256: string; reason: string }) => [p.sha256, p.reason]).sort()).toEqual(photos.slice(4).map((p) => [sha(p.bytes), 'cap']).sort());
    expect(capped.stderr).toMatch(/^titip-bundle export: 2 photo\(s\), 2\d\d\.\d KB, left out for --max-photo-bytes 4\d\d\.\d KB, 4\d\d\.\d KB carried \(the newest results’ photos\): carry them on another stick \(export --have\) or let the network bring them\n$/);
    const none = await bundle('export', '--data-dir', 'carrier', '--no-photos', '--out', 'none.titip');
    expect(JSON.parse(none.stdout)).toMatchObject({ objects: 3, photos: 0, photoBytes: 0 });
    expect((await readFile(join(cwd, 'none.titip')))[11]).toBe(1);
    const bad = await bundle('export', '--data-dir', 'carrier', '--max-photo-bytes', 'lots', '--out', 'x.titip');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"lots" is not a size');
  });

  it('a delta export skips the photos the other device holds (its have file lists them)', async () => {
    const have = await bundle('have', '--data-dir', 'island', '--out', 'island.have.json');
    expect(JSON.parse(have.stdout)).toMatchObject({ objects: 3, photos: 6 });
    const delta = await bundle('export', '--data-dir', 'carrier', '--have', 'island.have.json', '--out', 'delta.titip');
    expect(delta.code, delta.stderr).toBe(0);
    expect(JSON.parse(delta.stdout)).toMatchObject({ objects: 0, photos: 0, photosLeftOut: [] });
    // the have file of a device that holds the submissions but lacks two photos: exactly those two travel
    const partial = JSON.parse(await readFile(join(cwd, 'island.have.json'), 'utf8'));
    partial.photos = partial.photos.filter((h: string) => h !== sha(photos[0]!.bytes) && h !== sha(photos[5]!.bytes));
    await writeFile(join(cwd, 'partial.have.json'), JSON.stringify(partial));
    const some = await bundle('export', '--data-dir', 'carrier', '--have', 'partial.have.json', '--out', 'some.titip');
    expect(JSON.parse(some.stdout)).toMatchObject({ objects: 0, photos: 2, photoBytes: photos[0]!.bytes.length + photos[5]!.bytes.length });
    // a have file from before photos travelled (no `photos`): the photos of the results it lacks, here none
    const { photos: _listed, ...old } = partial;
    await writeFile(join(cwd, 'old.have.json'), JSON.stringify({ ...old, ids: old.ids.filter((id: string) => id !== submissions[1]!.id) }));
    const fromOld = await bundle('export', '--data-dir', 'carrier', '--have', 'old.have.json', '--out', 'old.titip');
    expect(JSON.parse(fromOld.stdout)).toMatchObject({ objects: 1, photos: 2, photoBytes: photos[2]!.bytes.length + photos[3]!.bytes.length });
  });

  it('leaves the photos of submissions outside --scope alone, like the submissions (exit 0)', async () => {
    const scoped = await bundle('import', '--data-dir', 'other-desa', '--network', 'network.json', '--scope', '1906012002', 'photos.titip');
    expect(scoped.code, scoped.stdout).toBe(0);
    expect(scoped.stdout).toContain('out of scope  3 ');
    expect(scoped.stdout).toContain('photos accepted      0 (0 B), each verified against its signed hash\nphotos already held  0\nphotos out of scope  6 (of submissions outside --scope, left alone)\nphotos refused       0\n');
  });

  it('refuses a damaged photo and a photo no signed submission references, storing everything else (exit 1)', async () => {
    const good = decodeBundle(new Uint8Array(await readFile(join(cwd, 'photos.titip'))));
    const damaged = good.blobs[0]!.bytes.slice();
    damaged[50_000]! ^= 0x01;
    const stranger = image('stranger', 30_000);
    const { objects: _objects, blobs: _blobs, ...header } = good.header;
    const crafted = encodeBundle(header, good.entries, [{ sha256: good.blobs[0]!.sha256, bytes: damaged }, ...good.blobs.slice(1), { sha256: sha(stranger), bytes: stranger }]);
    await writeFile(join(cwd, 'crafted.titip'), crafted);
    const imported = await bundle('import', '--data-dir', 'second-island', '--network', 'network.json', 'crafted.titip');
    expect(imported.code).toBe(1);
    expect(imported.stdout).toContain('accepted      3\n');
    expect(imported.stdout).toMatch(/photos accepted {6}5 /);
    expect(imported.stdout).toContain(`photos refused       2\n  ${good.blobs[0]!.sha256.slice(0, 16)}… (`);
    expect(imported.stdout).toMatch(/: CHUNK_INVALID: chunk \d+ of photo [0-9a-f]{64} refused \(hash\)/);
    expect(imported.stdout).toContain(`  ${sha(stranger).slice(0, 16)}… (30.0 KB): PHOTO_UNREFERENCED: photo ${sha(stranger)} is referenced by no signed submission`);
    // the good copy completes it; the stranger is still refused
    const fixed = await bundle('import', '--data-dir', 'second-island', '--network', 'network.json', '--json', 'photos.titip');
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(JSON.parse(fixed.stdout).photos).toMatchObject({ accepted: [{ sha256: good.blobs[0]!.sha256 }], refused: [] });
  });
});
