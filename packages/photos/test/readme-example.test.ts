import { createHash } from 'node:crypto';
import { openMemoryStore, scoped } from '@titip/store';
import { describe, expect, it } from 'vitest';
import { BlobStore } from '../src/store/blob-store.js';
import { seededBytes } from './fixtures.js';

// The store parts of the README's examples (the peer parts run in test/transfer/photo-transfer.int.test.ts).
describe('README examples', () => {
  it('an operator stores its photo, takes the reference from the store, and the server serves it with its type', async () => {
    const store = await openMemoryStore();
    const blobs = await BlobStore.open(scoped(store, 'photos/'), { budgetBytes: 2e9 });
    const jpegBytes = seededBytes(200_000, 42);

    const { info } = await blobs.put(jpegBytes, { type: 'image/jpeg', own: true });
    const ref = { sha256: info.sha256, page: 1, size: info.size, type: info.type };
    expect(ref).toEqual({ sha256: createHash('sha256').update(jpegBytes).digest('hex'), page: 1, size: 200_000, type: 'image/jpeg' });

    const bytes = await blobs.get(ref.sha256);
    const type = blobs.info(ref.sha256)?.type;
    expect(bytes && Buffer.compare(bytes, jpegBytes)).toBe(0);
    expect(type).toBe('image/jpeg');
    expect(blobs.usage()).toMatchObject({ ownBytes: 200_000, othersBytes: 0, budgetBytes: 2e9 });
    await blobs.close();
    await store.close();
  });
});
