import { describe, expect, it } from 'vitest';
import { photoTypeOf } from '../../src/operator/photo-type-of.js';

const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);

describe('photoTypeOf', () => {
  it('tells JPEG, PNG and WebP by their magic bytes', () => {
    expect(photoTypeOf(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(photoTypeOf(bytes(0xff, 0xd8, 0xff, 0xdb))).toBe('image/jpeg');
    expect(photoTypeOf(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(photoTypeOf(new TextEncoder().encode('RIFF\u0010\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp');
  });

  it('refuses everything else: other formats, truncated headers, empty input', () => {
    expect(photoTypeOf(new TextEncoder().encode('GIF89a……………………'))).toBeUndefined();
    expect(photoTypeOf(new TextEncoder().encode('%PDF-1.7 0000000000'))).toBeUndefined();
    expect(photoTypeOf(new TextEncoder().encode('RIFF\u0010\u0000\u0000\u0000WAVEfmt '))).toBeUndefined(); // a RIFF that is not WebP
    expect(photoTypeOf(new Uint8Array([0xff, 0xd8]))).toBeUndefined();
    expect(photoTypeOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
    expect(photoTypeOf(new TextEncoder().encode('RIFF1234WEBP'))).toBeUndefined(); // too short for a WebP header
    expect(photoTypeOf(new Uint8Array())).toBeUndefined();
  });
});
