import { createHash } from 'node:crypto';
import { nodeEd25519 } from '@titip/identity/node';
import { createSubmission, docIdOf, type PhotoRef, type SubmissionRecord } from '@titip/records';
import type { Relay } from '@titip/relay';
import { makeTrust, validKwkForm, type TestTrust } from '@titip/testkit';

/** A photo's bytes and the reference a submission carries. */
export interface BenchPhoto {
  readonly bytes: Uint8Array;
  readonly ref: PhotoRef;
}

/** Results of TPS with their photos, signed with a real trust hierarchy. */
export interface PhotoResults {
  readonly trust: TestTrust;
  readonly submissions: SubmissionRecord[];
  /** The photos of `submissions[i]` are `photos[i]`. */
  readonly photos: BenchPhoto[][];
  /** Every photo's size summed. */
  readonly photoBytes: number;
}

/** A photo of `size` pseudo-random bytes (incompressible, like a JPEG), the same for the same seed. */
export function benchPhoto(size: number, seed: number): BenchPhoto {
  const bytes = new Uint8Array(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    bytes[i] = x & 0xff;
  }
  return { bytes, ref: { sha256: createHash('sha256').update(bytes).digest('hex'), page: 1, size, type: 'image/jpeg' } };
}

/**
 * Signs one Bupati result per TPS in `tps` (each by its own operator), referencing `photosPerResult` photos of
 * `photoSize` bytes each (pages 1, 2, …). Device times are a minute apart, in TPS order.
 */
export async function photoResults(tps: readonly string[], photosPerResult: number, photoSize: number, label = 'bench-photos'): Promise<PhotoResults> {
  const trust = await makeTrust(nodeEd25519, { label });
  const submissions: SubmissionRecord[] = [];
  const photos: BenchPhoto[][] = [];
  const start = Date.now() - 3_600_000;
  for (const [i, code] of tps.entries()) {
    const mine = Array.from({ length: photosPerResult }, (_, p) => benchPhoto(photoSize, 1 + i * photosPerResult + p));
    const operator = await trust.operator(code);
    submissions.push(
      await createSubmission(
        {
          keyPair: operator.keyPair,
          credentials: operator.chain,
          tps: code,
          election: 'pkwkk',
          form: validKwkForm({ '1000526': 100 + i, '1000527': 150 + i }),
          photos: mine.map((photo, page) => ({ ...photo.ref, page: page + 1 })),
          revision: 1,
          supersedes: null,
          deviceTime: start + i * 60_000,
        },
        nodeEd25519,
      ),
    );
    photos.push(mine);
  }
  return { trust, submissions, photos, photoBytes: photos.flat().reduce((sum, p) => sum + p.ref.size, 0) };
}

/** Puts the results' photos in a relay's blob store (as others' photos it relays), then the results in its replica. */
export async function holdAtRelay(relay: Relay, results: PhotoResults): Promise<void> {
  for (const photo of results.photos.flat()) await relay.photos.blobs.put(photo.bytes, { type: photo.ref.type, own: false });
  const byDoc = new Map<string, SubmissionRecord[]>();
  for (const s of results.submissions) byDoc.set(docIdOf(s), [...(byDoc.get(docIdOf(s)) ?? []), s]);
  for (const [docId, list] of byDoc) await relay.node.replica.addLocal(docId, list.map((s) => ({ id: s.id, bytes: s.bytes })));
}

/** The TCP address (`/ip4/127.0.0.1/tcp/…/p2p/…`) a relay listens on. */
export function tcpAddress(relay: Relay): string {
  const address = relay.node.peer.addresses.find((a) => a.includes('/tcp/') && !a.includes('/ws'));
  if (address === undefined) throw new Error('the relay has no TCP address');
  return address;
}
