import { describe, expect, it } from 'vitest';
import { PhotoError, PhotoWireVersionError } from '../src/errors.js';

describe('PhotoWireVersionError', () => {
  it('shows a number, a string or a boolean version as it is', () => {
    expect(new PhotoWireVersionError(2).message).toBe('unsupported photo protocol version 2');
    expect(new PhotoWireVersionError('1.1').message).toBe('unsupported photo protocol version "1.1"');
    expect(new PhotoWireVersionError(true).message).toBe('unsupported photo protocol version true');
    expect(new PhotoWireVersionError(null).message).toBe('unsupported photo protocol version null');
  });

  it('never calls into an object a peer sent (no prototype, or a toString that is not a function)', () => {
    const bare = Object.create(null) as object;
    expect(() => String(bare)).toThrow(TypeError); // what the message used to do
    const error = new PhotoWireVersionError(bare);
    expect(error).toBeInstanceOf(PhotoError);
    expect(error).toMatchObject({ code: 'PHOTO_WIRE_VERSION', message: 'unsupported photo protocol version (a map)' });
    expect(error.remoteVersion).toBe(bare);
    let called = false;
    const hostile = {
      toString() {
        called = true;
        return 'x';
      },
    };
    expect(new PhotoWireVersionError(hostile).message).toBe('unsupported photo protocol version (a map)');
    expect(called).toBe(false);
    expect(new PhotoWireVersionError({ toString: 1, valueOf: 2 }).message).toBe('unsupported photo protocol version (a map)');
  });

  it('bounds a long string and names arrays and byte strings by their length', () => {
    const message = new PhotoWireVersionError('9'.repeat(60_000)).message;
    expect(message).toBe(`unsupported photo protocol version "${'9'.repeat(32)}…"`);
    expect(new PhotoWireVersionError([1, 2, 3]).message).toBe('unsupported photo protocol version (an array of 3)');
    expect(new PhotoWireVersionError(new Uint8Array(5)).message).toBe('unsupported photo protocol version (a byte string of 5 bytes)');
  });
});
