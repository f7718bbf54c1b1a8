import { FrameTooLargeError, MalformedFrameError } from './errors.js';

/**
 * Incremental decoder of unsigned-varint length-prefixed frames. Bytes arrive in arbitrary chunks; `push` passes
 * on each frame it completes, in order. A declared length above `maxFrameBytes` throws `FrameTooLargeError`
 * as soon as the prefix shows it (before any byte of the body is kept); a non-minimal prefix throws
 * `MalformedFrameError`. Frames completed before the bad prefix have been passed on by then. After a throw the
 * decoder is unusable.
 */
export class FrameDecoder {
  readonly #maxFrameBytes: number;
  /** Value of the prefix read so far. */
  #prefixValue = 0;
  /** Bytes of the prefix read so far. */
  #prefixBytes = 0;
  /** Length of the body being read, or -1 while reading a prefix. */
  #bodyLength = -1;
  #parts: Uint8Array[] = [];
  #partsBytes = 0;

  constructor(maxFrameBytes: number) {
    this.#maxFrameBytes = maxFrameBytes;
  }

  /** True when a frame has started (some prefix or body bytes arrived) but is not complete. */
  get midFrame(): boolean {
    return this.#prefixBytes > 0 || this.#bodyLength >= 0;
  }

  /** Bytes of the current incomplete frame received so far (prefix and body). */
  get pendingBytes(): number {
    return this.#bodyLength >= 0 ? this.#prefixBytesOf(this.#bodyLength) + this.#partsBytes : this.#prefixBytes;
  }

  /** Feeds one chunk; passes each frame it completes to `onFrame`, in order (copies, never views of `chunk`). */
  push(chunk: Uint8Array, onFrame: (frame: Uint8Array) => void): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.#bodyLength < 0) {
        offset = this.#readPrefix(chunk, offset);
        if (this.#bodyLength === 0) {
          onFrame(new Uint8Array(0));
          this.#bodyLength = -1;
        }
        continue;
      }
      const wanted = this.#bodyLength - this.#partsBytes;
      const take = Math.min(wanted, chunk.length - offset);
      const piece = copy(chunk, offset, take);
      offset += take;
      if (take === wanted && this.#parts.length === 0) {
        onFrame(piece);
      } else {
        this.#parts.push(piece);
        this.#partsBytes += take;
        if (this.#partsBytes < this.#bodyLength) continue;
        onFrame(concat(this.#parts, this.#partsBytes));
      }
      this.#parts = [];
      this.#partsBytes = 0;
      this.#bodyLength = -1;
    }
  }

  /** Reads prefix bytes from `chunk` at `offset`; sets `#bodyLength` when the prefix completes. Returns the new offset. */
  #readPrefix(chunk: Uint8Array, offset: number): number {
    let at = offset;
    while (at < chunk.length) {
      const byte = chunk[at++] as number;
      const group = byte & 0x7f;
      const more = (byte & 0x80) !== 0;
      if (!more && group === 0 && this.#prefixBytes > 0) {
        throw new MalformedFrameError('length prefix is not a minimal varint');
      }
      this.#prefixValue += group * 2 ** (7 * this.#prefixBytes);
      this.#prefixBytes++;
      if (this.#prefixValue > this.#maxFrameBytes) {
        throw new FrameTooLargeError(this.#prefixValue, this.#maxFrameBytes);
      }
      if (more) {
        // A minimal varint with another group to come is at least 2^(7·bytes so far).
        const atLeast = 2 ** (7 * this.#prefixBytes);
        if (atLeast > this.#maxFrameBytes) throw new FrameTooLargeError(atLeast, this.#maxFrameBytes);
        continue;
      }
      this.#bodyLength = this.#prefixValue;
      this.#prefixValue = 0;
      this.#prefixBytes = 0;
      return at;
    }
    return at;
  }

  #prefixBytesOf(length: number): number {
    let bytes = 1;
    for (let rest = length; rest >= 0x80; rest = Math.floor(rest / 0x80)) bytes++;
    return bytes;
  }
}

/** A plain `Uint8Array` copy of `length` bytes at `offset` (never a Buffer, never a view). */
function copy(chunk: Uint8Array, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  out.set(chunk.subarray(offset, offset + length));
  return out;
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
