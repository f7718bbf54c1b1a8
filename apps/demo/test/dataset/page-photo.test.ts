import { createHash } from 'node:crypto';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/dataset/errors.js';
import { DEFAULT_PAGE_PHOTO_BYTES, pagePhoto } from '../../src/dataset/page-photo.js';

/** The chunks of a PNG, each CRC checked. */
function pngChunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: { type: string; data: Uint8Array }[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = view.getUint32(offset);
    const type = new TextDecoder().decode(png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(view.getUint32(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    chunks.push({ type, data });
    offset += 12 + length;
  }
  return chunks;
}

describe('pagePhoto', () => {
  it('is a well-formed grayscale PNG whose pixels decode to its declared size', () => {
    const png = pagePhoto(20241127, '1906012001001', 'pkwkk', 1);
    const chunks = pngChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
    const header = new DataView(chunks[0]!.data.buffer, chunks[0]!.data.byteOffset, 13);
    const [width, height] = [header.getUint32(0), header.getUint32(4)];
    expect([width, chunks[0]!.data[8], chunks[0]!.data[9]]).toEqual([480, 8, 0]); // 8-bit grayscale
    const pixels = inflateSync(chunks[2]!.data);
    expect(pixels.length).toBe(height * (width + 1));
    for (let y = 0; y < height; y++) expect(pixels[y * (width + 1)]).toBe(0); // filter byte of every row
    expect(new TextDecoder().decode(chunks[1]!.data)).toBe('Title\0C.Hasil pkwkk TPS 1906012001001 halaman 1');
  });

  it('is the same bytes for the same inputs, and another photo for another seed, TPS, election or page', () => {
    const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    const one = hash(pagePhoto(7, '1906012001001', 'pkwkk', 1));
    expect(hash(pagePhoto(7, '1906012001001', 'pkwkk', 1))).toBe(one);
    const others = [pagePhoto(8, '1906012001001', 'pkwkk', 1), pagePhoto(7, '1906012001002', 'pkwkk', 1), pagePhoto(7, '1906012001001', 'pkwkp', 1), pagePhoto(7, '1906012001001', 'pkwkk', 2)];
    expect(new Set([one, ...others.map(hash)]).size).toBe(5);
  });

  it('is about 200 KB (±10 %), or the size asked for', () => {
    const sizes = Array.from({ length: 40 }, (_, i) => pagePhoto('sizes', `19060120010${String(i).padStart(2, '0')}`, 'pkwkk', 1).length);
    for (const size of sizes) expect(Math.abs(size - DEFAULT_PAGE_PHOTO_BYTES) / DEFAULT_PAGE_PHOTO_BYTES).toBeLessThanOrEqual(0.11);
    expect(new Set(sizes).size).toBeGreaterThan(10);
    const small = pagePhoto(1, '1906012001001', 'pkwkk', 1, 50_000).length;
    expect(small).toBeGreaterThan(44_000);
    expect(small).toBeLessThan(56_000);
  });

  it('refuses a page or a size out of range', () => {
    for (const page of [0, 100, 1.5]) expect(() => pagePhoto(1, '1906012001001', 'pkwkk', page)).toThrow(InvalidArgumentError);
    for (const size of [9_999, 20_000_001]) expect(() => pagePhoto(1, '1906012001001', 'pkwkk', 1, size)).toThrow(InvalidArgumentError);
  });
});
