import { describe, expect, it } from 'vitest';
import { InvalidPhotoOptionError } from '../../src/errors.js';
import { PhotoTransfer } from '../../src/transfer/photo-transfer.js';

// The transfer over real connections is tested in photo-transfer.int.test.ts; options are refused before anything starts.
describe('PhotoTransfer options', () => {
  it.each([
    ['maxInFlightBytes', 1000],
    ['maxInFlightBytes', 1.5],
    ['targetDelayMs', 0],
    ['syncQuietMs', -1],
    ['priorityBucketMs', Number.NaN],
    ['banMs', -5],
    ['maxInboundStreams', 0],
  ])('refuses %s = %s with InvalidPhotoOptionError', async (option, value) => {
    await expect(PhotoTransfer.start({ peer: undefined as never, blobs: undefined as never, [option]: value })).rejects.toSatisfy(
      (error: unknown) => error instanceof InvalidPhotoOptionError && error.code === 'PHOTO_INVALID_OPTION' && error.option === option,
    );
  });
});
