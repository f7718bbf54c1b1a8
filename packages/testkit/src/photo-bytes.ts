import { sha256 } from '@titip/identity';

/**
 * Deterministic bytes standing for a page photo of `size` bytes: a SHA-256 chain seeded by `label` (incompressible,
 * like a JPEG), with `magic` (e.g. a JPEG's `ff d8 ff e0`) written over its first bytes for code that checks the type.
 */
export function photoBytes(label: string, size: number, magic: readonly number[] = []): Uint8Array {
  const out = new Uint8Array(size);
  let block = sha256(new TextEncoder().encode(label));
  for (let offset = 0; offset < size; offset += 32) {
    out.set(block.subarray(0, Math.min(32, size - offset)), offset);
    block = sha256(block);
  }
  out.set(magic, 0);
  return out;
}
