import { describe, expect, it } from 'vitest';
import { encodeCanonical } from '../../src/canonical/encode-canonical.js';
import { decodeSignedObject } from '../../src/envelope/decode-signed-object.js';
import { MalformedObjectError } from '../../src/errors.js';

// Found by test/fuzz/decode-signed-object.test.ts (via the records fuzz): a version slot holding a map with its
// own `toString` key made the refusal message call it, and decoding threw a TypeError instead of a typed error.
describe('decodeSignedObject: version slot', () => {
  it.each([
    ['a map with a toString key', { toString: 'a' }],
    ['a map with toString and valueOf', { toString: 1, valueOf: 2 }],
    ['an array', [1]],
    ['text', '1'],
    ['null', null],
    ['another version', 2],
  ])('refuses %s as a malformed envelope', (_name, version) => {
    const bytes = encodeCanonical([version as never, 'note', {}, new Uint8Array(32), new Uint8Array(64)]);
    expect(() => decodeSignedObject(bytes)).toThrow(MalformedObjectError);
    expect(() => decodeSignedObject(bytes)).toThrow(/unsupported envelope version/);
  });
});
