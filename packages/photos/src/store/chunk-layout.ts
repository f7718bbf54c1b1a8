import { CHUNK_SIZE } from '../constants.js';

/** Number of chunks of a photo of `size` bytes (size ≥ 1). */
export function chunkCount(size: number): number {
  return Math.ceil(size / CHUNK_SIZE);
}

/** Byte offset of chunk `index` in its photo. */
export function chunkOffset(index: number): number {
  return index * CHUNK_SIZE;
}

/** Length in bytes of chunk `index` of a photo of `size` bytes (all are {@link CHUNK_SIZE} but the last). */
export function chunkLength(size: number, index: number): number {
  return Math.min(CHUNK_SIZE, size - index * CHUNK_SIZE);
}

/** Bytes held of a photo of `size` bytes when chunks `from` to the last are held. */
export function heldBytes(size: number, from: number): number {
  return Math.max(0, size - from * CHUNK_SIZE);
}
