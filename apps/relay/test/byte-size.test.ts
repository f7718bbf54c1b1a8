import { describe, expect, it } from 'vitest';
import { formatBytes, parseByteSize } from '../src/byte-size.js';

describe('parseByteSize', () => {
  it.each<[string, number]>([
    ['0', 0],
    ['500000', 500_000],
    ['200MB', 200_000_000],
    ['200mb', 200_000_000],
    ['1.5 GB', 1_500_000_000],
    ['2G', 2_000_000_000],
    ['64kB', 64_000],
    ['512MiB', 512 * 1024 * 1024],
    ['1 TiB', 1024 ** 4],
    ['  7B ', 7],
  ])('reads %j as %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toEqual({ bytes });
  });

  it.each([
    ['', /is not a size/],
    ['-5MB', /is not a size/],
    ['MB', /is not a size/],
    ['1e9', /is not a size/],
    ['12 parsecs', /unknown unit "parsecs"/],
    ['5 PB', /unknown unit "PB"/],
    ['99999999 TB', /too large/],
    ['1.2.3MB', /is not a size/],
  ])('refuses %j with a reason', (text, problem) => {
    const result = parseByteSize(text);
    expect(result).toEqual({ problem: expect.stringMatching(problem) });
  });
});

describe('formatBytes', () => {
  it.each<[number, string]>([
    [0, '0 B'],
    [812, '812 B'],
    [3_140, '3.1 kB'],
    [20_512_000, '20.5 MB'],
    [201_000_000, '201 MB'],
    [1.52e9, '1.5 GB'],
    [Infinity, '∞'],
  ])('writes %d as %j', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
