import { nodeEd25519 } from '@titip/identity/node';
import { createSubmission, type PhotoRef, type SubmissionRecord } from '@titip/records';
import { makeTrust, validKwkForm, type TestTrust } from '@titip/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { PhotoCatalog } from '../../src/transfer/photo-catalog.js';
import { comparePhotoPriority } from '../../src/transfer/photo-priority.js';

const HOUR = 3_600_000;
let trust: TestTrust;
beforeAll(async () => {
  trust = await makeTrust(nodeEd25519);
});

const ref = (n: number, size: number, page = 1): PhotoRef => ({ sha256: n.toString(16).padStart(64, '0'), page, size, type: 'image/jpeg' });

async function submission(tps: string, photos: PhotoRef[], deviceTime: number, revision = 1, supersedes: string | null = null): Promise<SubmissionRecord> {
  const operator = await trust.operator(tps);
  return createSubmission(
    { keyPair: operator.keyPair, credentials: operator.chain, tps, election: 'pkwkk', form: validKwkForm({ '1000526': 1, '1000527': 2 }, 3), photos, revision, supersedes, deviceTime },
    nodeEd25519,
  );
}

describe('PhotoCatalog', () => {
  it('lists each referenced photo once, with its pages, submissions, TPS and the age of its oldest submission', async () => {
    const now = Date.now();
    const catalog = new PhotoCatalog();
    const first = await submission('1906012001001', [ref(1, 200_000), ref(2, 180_000, 2)], now - 2 * HOUR);
    const correction = await submission('1906012001001', [ref(1, 200_000), ref(3, 190_000, 2)], now - HOUR, 2, first.id);
    expect(catalog.add(correction)).toEqual({ added: [ref(1, 0).sha256, ref(3, 0).sha256], aged: [] });
    expect(catalog.add(first)).toEqual({ added: [ref(2, 0).sha256], aged: [ref(1, 0).sha256] }); // the older one arrived later
    expect(catalog.add(first)).toEqual({ added: [], aged: [] });
    expect(catalog.size).toBe(3);
    expect(catalog.get(ref(1, 0).sha256)).toMatchObject({
      ref: { sha256: ref(1, 0).sha256, size: 200_000, type: 'image/jpeg' },
      pages: [1],
      submissions: [correction.id, first.id],
      tps: ['1906012001001'],
      docIds: ['1906012001'],
      signedAt: now - 2 * HOUR,
    });
  });

  it('ignores a reference giving a known hash another size, and photos the filter declines', async () => {
    const now = Date.now();
    const catalog = new PhotoCatalog();
    const a = await submission('1906012001001', [ref(1, 200_000)], now);
    const b = await submission('1906012001002', [ref(1, 199_999), ref(4, 5_000)], now);
    catalog.add(a);
    expect(catalog.add(b, (photo) => photo.size > 10_000)).toEqual({ added: [], aged: [] });
    expect(catalog.get(ref(1, 0).sha256)?.submissions).toEqual([a.id]);
    expect(catalog.get(ref(4, 0).sha256)).toBeUndefined();
    expect(catalog.conflicts()).toEqual([`${ref(1, 0).sha256}/${b.id}`]);
  });
});

describe('comparePhotoPriority', () => {
  const entry = (n: number, size: number, signedAt: number) => ({ ref: { sha256: ref(n, 0).sha256, size, type: 'image/jpeg' as const }, pages: [1], submissions: [], tps: [], docIds: [], signedAt, seen: n });

  it('puts older submissions first, then smaller photos, then the older signature, then the hash', () => {
    const t = 100 * HOUR;
    const photos = [
      entry(1, 300_000, t + 2 * HOUR), // newest
      entry(2, 300_000, t), // old, large
      entry(3, 100_000, t + 60_000), // old (same 10-minute bucket), small
      entry(4, 100_000, t + 30_000), // same bucket and size, signed earlier
      entry(5, 100_000, t + 30_000), // identical but for the hash
    ];
    const order = [...photos].sort((a, b) => comparePhotoPriority(a, b)).map((e) => e.seen);
    expect(order).toEqual([4, 5, 3, 2, 1]);
    // with one-minute buckets the photo signed 60 s later is younger than the large one, which now goes before it
    expect([...photos].sort((a, b) => comparePhotoPriority(a, b, 60_000)).map((e) => e.seen)).toEqual([4, 5, 2, 3, 1]);
  });
});
