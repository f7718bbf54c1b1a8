import { crc32, deflateSync } from 'node:zlib';
import { InvalidArgumentError } from './errors.js';
import { createRandom, type Seed } from './seeded-random.js';

/** Width in pixels of a generated page photo (8-bit grayscale). */
const WIDTH = 480;
/** Default target size of a page photo: a phone photo of a C.Hasil page is about 200 KB. */
export const DEFAULT_PAGE_PHOTO_BYTES = 200_000;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The photo of page `page` of the C.Hasil of `election` at `tps`, generated from `seed`: a real PNG (8-bit grayscale,
 * 480 pixels wide) of a form-like page (paper with grain, ruled lines, boxes with "handwriting"). The same inputs
 * always give the same bytes. Its size is `targetBytes` ±10 % (chosen by the seed): the pixels go in stored
 * (uncompressed) deflate blocks, so the size is exact and generating 768 of them takes about a second; the grain
 * stands in for what makes a camera photo incompressible.
 * @throws {InvalidArgumentError} for a page outside 1–99 or a target outside 10 kB – 20 MB.
 */
export function pagePhoto(seed: Seed, tps: string, election: string, page: number, targetBytes = DEFAULT_PAGE_PHOTO_BYTES): Uint8Array {
  if (!Number.isInteger(page) || page < 1 || page > 99) throw new InvalidArgumentError('page', 'expected 1 to 99');
  if (!Number.isInteger(targetBytes) || targetBytes < 10_000 || targetBytes > 20_000_000) throw new InvalidArgumentError('targetBytes', 'expected 10000 to 20000000');
  const random = createRandom(seed, `photo/${tps}/${election}/${page}`);
  const target = Math.round(targetBytes * random.uniform(0.9, 1.1));
  // Each row is a filter byte and WIDTH pixels; the stored deflate costs 5 bytes per 64 KiB block, zlib 6, PNG ~70.
  const height = Math.max(16, Math.round((target - 80) / (WIDTH + 1)));
  const raw = new Uint8Array(height * (WIDTH + 1));
  let state = (random.int(1, 0x7fffffff) | 1) >>> 0;
  const paper = random.int(205, 235);
  const lineGap = random.int(22, 34);
  const margin = random.int(18, 40);
  for (let y = 0; y < height; y++) {
    const row = y * (WIDTH + 1);
    raw[row] = 0; // filter: none
    const ruled = y > margin && (y - margin) % lineGap === 0;
    const inText = y > margin && (y - margin) % lineGap > lineGap - 12;
    for (let x = 0; x < WIDTH; x++) {
      // xorshift32 grain: the noise of a phone camera.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      let value = paper - 12 + (state & 31);
      if (ruled && x > margin && x < WIDTH - margin) value -= 120;
      else if (x === margin || x === WIDTH - margin) value -= 100;
      else if (inText && x > margin + 8 && x < WIDTH / 2 && (state >>> 24) < 40) value -= 140; // "handwriting"
      raw[row + 1 + x] = Math.max(0, Math.min(255, value));
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, WIDTH);
  view.setUint32(4, height);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit grayscale, deflate, adaptive filtering, no interlace
  const text = new TextEncoder().encode(`Title\0C.Hasil ${election} TPS ${tps} halaman ${page}`);
  return concat([
    new Uint8Array(PNG_SIGNATURE),
    chunk('IHDR', header),
    chunk('tEXt', text),
    chunk('IDAT', new Uint8Array(deflateSync(raw, { level: 0 }))),
    chunk('IEND', new Uint8Array()),
  ]);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  const typed = new TextEncoder().encode(type);
  out.set(typed, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
