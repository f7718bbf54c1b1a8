import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startPhotos, type RunningPhotos } from '@titip/photos';
import { decodeRecord } from '@titip/records';
import { photoBytes, tempDir } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCredentialFile, writeKeyFile } from '../../src/files/write-config-files.js';
import { writeNetworkFile } from '../../src/issuer/network-file.js';
import { examplePath } from '../fixtures/forms.js';
import { startReceiptingPeer } from '../fixtures/receipting-peer.js';
import { runBin } from '../fixtures/run-bin.js';
import { exampleElections, makeTestTrust, type TestTrust } from '../fixtures/trust.js';

// titip-operator sign/submit --photo-file against real Node peers on 127.0.0.1: the photos are signed by reference,
// kept in the operator's data dir, and submit waits until the next hop holds them (or says what is pending).

const TPS = '1906012001001';
let dir: { path: string; remove: () => Promise<void> };
let cwd: string;
let trust: TestTrust;
const stops: (() => Promise<void>)[] = [];
const operator = (...args: string[]) => runBin('operator', args, { cwd, timeoutMs: 90_000 });
const signOptions = ['--key', 'op.key.json', '--credential', 'op.cred.json', '--network', 'network.json', '--form', examplePath('c-hasil-pkwkk.json'), '--tps', TPS, '--election', 'pkwkk'];

const page1 = photoBytes('page-1', 150_000, [0xff, 0xd8, 0xff, 0xe0]);
const page2 = photoBytes('page-2', 120_000, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A receipting KPU stand-in that also runs the photo transfer (it fetches every referenced photo). */
async function serverWithPhotos(name: string) {
  const peer = await startReceiptingPeer({ dataDir: join(cwd, name), network: trust.network, server: trust.server });
  const photos: RunningPhotos = await startPhotos({ peer: peer.peer, store: peer.store });
  stops.push(async () => (await photos.stop(), await peer.stop()));
  return { peer, photos };
}

beforeAll(async () => {
  dir = await tempDir('titip-cli-photos-');
  cwd = dir.path;
  trust = await makeTestTrust('operator-photos-int');
  const op = await trust.operator(TPS);
  await writeNetworkFile(join(cwd, 'network.json'), { name: 'test', root: trust.root.publicKey, elections: exampleElections });
  await writeKeyFile(join(cwd, 'op.key.json'), op.keyPair);
  await writeCredentialFile(join(cwd, 'op.cred.json'), op.chain);
  await writeFile(join(cwd, 'halaman-1.jpg'), page1);
  await writeFile(join(cwd, 'halaman-2.dat'), page2);
  await writeFile(join(cwd, 'notes.txt'), 'not a photo');
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await dir.remove();
});

describe('titip-operator with --photo-file', () => {
  it('submit signs the photo references, sends the photos and exits 0 once the next hop holds them', async () => {
    const server = await serverWithPhotos('server-a');
    const run = await operator('submit', ...signOptions, '--photo-file', '1=halaman-1.jpg', '--photo-file', '2=halaman-2.dat', '--data-dir', 'op-a', '--peer', server.peer.address, '--timeout', '60s');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('waiting up to 60 s until the next hop holds the 2 photo(s)');
    const out = JSON.parse(run.stdout);
    expect(out.photos).toEqual({
      atNextHop: [
        { sha256: hex(page1), page: 1, size: page1.length },
        { sha256: hex(page2), page: 2, size: page2.length },
      ],
      pending: [],
      notOnDevice: [],
      peer: server.peer.peer.peerId,
    });
    const submission = decodeRecord(server.peer.replica.object(out.submission)!);
    expect(submission.kind === 'submission' && submission.body.photos).toEqual([
      { sha256: hex(page1), page: 1, size: page1.length, type: 'image/jpeg' },
      { sha256: hex(page2), page: 2, size: page2.length, type: 'image/png' },
    ]);
    expect(await server.photos.blobs.get(hex(page1))).toEqual(page1);
    expect(await server.photos.blobs.get(hex(page2))).toEqual(page2);
  });

  it('sign --data-dir keeps the photos for a later submit --submission; without a photo-capable peer it says what is pending (exit 3)', async () => {
    const sign = await operator('sign', ...signOptions, '--photo-file', '1=halaman-1.jpg', '--data-dir', 'op-b', '--out', 'b.cbor');
    expect(sign.code, sign.stderr).toBe(0);
    expect(JSON.parse(sign.stdout)).toMatchObject({
      photos: [{ sha256: hex(page1), page: 1, size: page1.length, type: 'image/jpeg', file: 'halaman-1.jpg' }],
      photosKeptIn: 'op-b',
    });
    // A peer that receipts but does not speak the photo protocol: the numbers arrive, the photo cannot.
    const numbersOnly = await startReceiptingPeer({ dataDir: join(cwd, 'numbers-only'), network: trust.network, server: trust.server });
    stops.push(() => numbersOnly.stop());
    const pending = await operator('submit', '--network', 'network.json', '--submission', 'b.cbor', '--data-dir', 'op-b', '--peer', numbersOnly.address, '--timeout', '3s');
    expect(pending.code, pending.stderr).toBe(3);
    expect(pending.stderr).toMatch(/Still pending: the photo\(s\) of page 1 are not at the next hop yet \(page 1: 0 of 150000 bytes there\)\. The numbers are safe \(receipt [0-9a-f]{64}\)/);
    expect(JSON.parse(pending.stdout).photos).toEqual({ atNextHop: [], pending: [{ sha256: hex(page1), page: 1, size: page1.length, bytesAtPeer: 0 }], notOnDevice: [] });

    // The same command against a peer that fetches photos: the kept photo goes, exit 0.
    const server = await serverWithPhotos('server-b');
    const again = await operator('submit', '--network', 'network.json', '--submission', 'b.cbor', '--data-dir', 'op-b', '--peer', server.peer.address, '--timeout', '60s');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).photos.atNextHop).toEqual([{ sha256: hex(page1), page: 1, size: page1.length }]);
    expect(await server.photos.blobs.get(hex(page1))).toEqual(page1);
  });

  it('refuses a file that is not a JPEG, PNG or WebP image, and a photo file that is not the signed one, before anything is sent', async () => {
    const notImage = await operator('sign', ...signOptions, '--photo-file', '1=notes.txt', '--out', 'c.cbor');
    expect(notImage.code).toBe(1);
    expect(notImage.stderr).toContain('titip-operator sign: error: notes.txt: not a JPEG, PNG or WebP image');
    expect(existsSync(join(cwd, 'c.cbor'))).toBe(false);
    const wrong = await operator('submit', '--network', 'network.json', '--submission', 'b.cbor', '--photo-file', '1=halaman-2.dat', '--data-dir', 'op-c', '--peer', `/ip4/127.0.0.1/tcp/9/p2p/12D3KooWLRPJAA5o6Z6z5oTr8SqHdzpb8dwLQKrW5jkEfEH5ZMoK`);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('halaman-2.dat: not the photo the submission signed for page 1');
    expect(existsSync(join(cwd, 'op-c'))).toBe(false);
    const syntax = await operator('sign', ...signOptions, '--photo-file', 'halaman-1.jpg', '--out', 'd.cbor');
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toContain('expected PAGE=PATH');
  });

  it('sign writes nothing when the photos cannot be kept: a data dir that is a file or under /proc, an --out already there', async () => {
    for (const [dataDir, expected] of [
      ['network.json', 'network.json: is a file, not a directory'],
      ['/proc/titip-op', '/proc/titip-op:'],
    ] as const) {
      const run = await operator('sign', ...signOptions, '--photo-file', '1=halaman-1.jpg', '--data-dir', dataDir, '--out', 'e.cbor');
      expect(run.code, dataDir).toBe(1);
      expect(run.stderr).toContain(expected);
      expect(existsSync(join(cwd, 'e.cbor')), dataDir).toBe(false);
    }
    await writeFile(join(cwd, 'f.cbor'), 'kept');
    const exists = await operator('sign', ...signOptions, '--photo-file', '1=halaman-1.jpg', '--data-dir', 'op-f', '--out', 'f.cbor');
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain('f.cbor: already exists (left as it was). Pass --force to replace it.');
    expect(existsSync(join(cwd, 'op-f'))).toBe(false); // nothing signed, no photo kept
  });
});
