import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameTooLargeError, MalformedFrameError } from '../../src/transport/errors.js';
import { FrameDecoder } from '../../src/transport/frame-decoder.js';
import { encodeUnsignedVarint } from '../../src/transport/unsigned-varint.js';

function encodeFrames(frames: readonly Uint8Array[]): Uint8Array {
  const parts = frames.flatMap((frame) => [encodeUnsignedVarint(frame.byteLength), frame]);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

function decodeAll(decoder: FrameDecoder, chunks: readonly Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const chunk of chunks) decoder.push(chunk, (frame) => out.push(frame));
  return out;
}

describe('FrameDecoder', () => {
  it('decodes any frames split at any points (property, seeded)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 30 }),
        (frames, cuts) => {
          const bytes = encodeFrames(frames);
          const chunks: Uint8Array[] = [];
          let at = 0;
          for (let i = 0; at < bytes.length; i++) {
            const size = cuts[i % cuts.length] as number;
            chunks.push(bytes.subarray(at, at + size));
            at += size;
          }
          const decoder = new FrameDecoder(1000);
          expect(decodeAll(decoder, chunks)).toEqual(frames);
          expect(decoder.midFrame).toBe(false);
        },
      ),
      { seed: 20240214, numRuns: 300 },
    );
  });

  it('decodes byte by byte, including empty frames and multi-byte prefixes', () => {
    const frames = [new Uint8Array(0), Uint8Array.of(1), new Uint8Array(300).fill(7), new Uint8Array(0), new Uint8Array(20_000).fill(9)];
    const bytes = encodeFrames(frames);
    const decoder = new FrameDecoder(20_000);
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(decodeAll(decoder, chunks)).toEqual(frames);
  });

  it('returns plain copies, never views of the chunk', () => {
    const chunk = encodeFrames([Uint8Array.of(1, 2, 3)]);
    const [frame] = decodeAll(new FrameDecoder(10), [chunk]);
    chunk.fill(0);
    expect(frame).toEqual(Uint8Array.of(1, 2, 3));
    expect(Object.getPrototypeOf(frame)).toBe(Uint8Array.prototype);
  });

  it('accepts a frame of exactly maxFrameBytes and refuses one byte more from the prefix alone', () => {
    expect(decodeAll(new FrameDecoder(300), [encodeFrames([new Uint8Array(300)])])[0]).toHaveLength(300);
    const decoder = new FrameDecoder(300);
    let error: unknown;
    try {
      decoder.push(encodeUnsignedVarint(301), () => {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FrameTooLargeError);
    expect(error).toMatchObject({ code: 'FRAME_TOO_LARGE', length: 301, maxFrameBytes: 300 });
  });

  it('refuses a huge declared length from the first prefix byte that proves it', () => {
    // 2^35 declared: after two of its six prefix bytes the value is known to be at least 2^14 > 1000.
    const prefix = encodeUnsignedVarint(2 ** 35);
    const decoder = new FrameDecoder(1000);
    decoder.push(prefix.subarray(0, 1), () => {});
    expect(() => decoder.push(prefix.subarray(1, 2), () => {})).toThrow(FrameTooLargeError);
  });

  it('passes on the frames before a bad prefix, then throws', () => {
    const seen: Uint8Array[] = [];
    const bytes = Uint8Array.of(...encodeFrames([Uint8Array.of(5)]), 0x80, 0x00);
    expect(() => new FrameDecoder(1000).push(bytes, (f) => seen.push(f))).toThrow(MalformedFrameError);
    expect(seen).toEqual([Uint8Array.of(5)]);
  });

  it('reports an incomplete frame through midFrame and pendingBytes', () => {
    const decoder = new FrameDecoder(1000);
    const bytes = encodeFrames([new Uint8Array(200)]);
    expect(decoder.midFrame).toBe(false);
    decoder.push(bytes.subarray(0, 1), () => {});
    expect(decoder.midFrame).toBe(true);
    expect(decoder.pendingBytes).toBe(1);
    decoder.push(bytes.subarray(1, 50), () => {});
    expect(decoder.pendingBytes).toBe(50);
    decoder.push(bytes.subarray(50), () => {});
    expect(decoder.midFrame).toBe(false);
  });
});

describe('encodeUnsignedVarint', () => {
  it('encodes the multiformats test values', () => {
    expect(encodeUnsignedVarint(0)).toEqual(Uint8Array.of(0x00));
    expect(encodeUnsignedVarint(1)).toEqual(Uint8Array.of(0x01));
    expect(encodeUnsignedVarint(127)).toEqual(Uint8Array.of(0x7f));
    expect(encodeUnsignedVarint(128)).toEqual(Uint8Array.of(0x80, 0x01));
    expect(encodeUnsignedVarint(255)).toEqual(Uint8Array.of(0xff, 0x01));
    expect(encodeUnsignedVarint(300)).toEqual(Uint8Array.of(0xac, 0x02));
    expect(encodeUnsignedVarint(16384)).toEqual(Uint8Array.of(0x80, 0x80, 0x01));
    expect(encodeUnsignedVarint(4 * 1024 * 1024)).toEqual(Uint8Array.of(0x80, 0x80, 0x80, 0x02));
  });

  it('refuses negative and fractional values', () => {
    expect(() => encodeUnsignedVarint(-1)).toThrow(RangeError);
    expect(() => encodeUnsignedVarint(1.5)).toThrow(RangeError);
  });
});
