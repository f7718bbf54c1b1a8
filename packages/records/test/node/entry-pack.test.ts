import { hashHex } from '@titip/identity';
import { describe, expect, it } from 'vitest';
import { isPackableId, packEntries, unpackEntries } from '../../src/node/entry-pack.js';

describe('entry packs', () => {
  it('round-trip: each entry is found at its offsets with its id, in order', () => {
    const entries = [Uint8Array.of(), Uint8Array.of(1, 2, 3), new Uint8Array(1000).fill(7)].map((bytes) => ({ id: hashHex(bytes), bytes }));
    const buffer = packEntries(entries);
    expect(buffer.byteLength).toBe(4 + 3 * 36 + 1003);
    const packed = unpackEntries(buffer);
    expect(packed.map((p) => p.id)).toEqual(entries.map((e) => e.id));
    packed.forEach((p, i) => expect(new Uint8Array(buffer, p.start, p.end - p.start)).toEqual(entries[i]!.bytes));
    expect(unpackEntries(packEntries([]))).toEqual([]);
  });

  it('packs only lowercase 64-digit hex ids', () => {
    expect(isPackableId('ab'.repeat(32))).toBe(true);
    expect(isPackableId('AB'.repeat(32))).toBe(false);
    expect(isPackableId('ab'.repeat(31))).toBe(false);
    expect(isPackableId(`${'ab'.repeat(31)}zz`)).toBe(false);
    expect(isPackableId(42)).toBe(false);
  });

  it('refuses malformed packs with a RangeError', () => {
    expect(() => unpackEntries(new ArrayBuffer(2))).toThrow(RangeError);
    expect(() => unpackEntries(Uint8Array.of(1, 0, 0, 0).buffer)).toThrow(RangeError);
    const one = new Uint8Array(packEntries([{ id: '00'.repeat(32), bytes: Uint8Array.of(9) }]));
    expect(() => unpackEntries(one.slice(0, one.length - 1).buffer)).toThrow(RangeError);
    expect(() => unpackEntries(Uint8Array.of(...one, 0).buffer)).toThrow(RangeError);
  });
});
