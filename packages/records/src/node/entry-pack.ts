/**
 * The packed form in which entries travel to a validation worker: one ArrayBuffer per chunk, transferred (not
 * copied) to the worker and back, so each entry's bytes are copied once, into the pack.
 *
 * Layout (little-endian): `u32 count`, then per entry `u32 length`, the 32-byte id (the expected SHA-256, from
 * the entry's hex id), and `length` bytes of the object.
 */

/** Bytes of the pack header and of each entry's header. */
const HEADER = 4;
const ENTRY_HEADER = 4 + 32;
const ID_PATTERN = /^[0-9a-f]{64}$/;

/** An entry ready to be packed: bytes already checked to be a Uint8Array within the byte limit. */
export interface PackableEntry {
  id: string;
  bytes: Uint8Array;
}

/**
 * Whether `id` can be packed: a 64-digit lowercase hex string, the only form a SHA-256 id takes. Any other id
 * cannot match its bytes' hash (`hash-mismatch`, decided without packing).
 */
export function isPackableId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id);
}

/** Packs entries (ids already {@link isPackableId}) into one transferable buffer. */
export function packEntries(entries: readonly PackableEntry[]): ArrayBuffer {
  let size = HEADER;
  for (const e of entries) size += ENTRY_HEADER + e.bytes.length;
  const buffer = new ArrayBuffer(size);
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  const text = Buffer.from(buffer);
  view.setUint32(0, entries.length, true);
  let offset = HEADER;
  for (const e of entries) {
    view.setUint32(offset, e.bytes.length, true);
    text.write(e.id, offset + 4, 32, 'hex');
    bytes.set(e.bytes, offset + ENTRY_HEADER);
    offset += ENTRY_HEADER + e.bytes.length;
  }
  return buffer;
}

/** One packed entry: where its object bytes lie in the pack, and its expected hash. */
export interface PackedEntry {
  /** Offset of the object bytes in the pack. */
  start: number;
  /** Offset just past them. */
  end: number;
  /** The id as lowercase hex. */
  id: string;
}

/**
 * The entries of a pack, in order.
 * @throws {RangeError} when the buffer does not hold a well-formed pack (lengths beyond its end).
 */
export function unpackEntries(buffer: ArrayBuffer): PackedEntry[] {
  const view = new DataView(buffer);
  const text = Buffer.from(buffer);
  if (buffer.byteLength < HEADER) throw new RangeError('pack too short for its header');
  const count = view.getUint32(0, true);
  const out: PackedEntry[] = [];
  let offset = HEADER;
  for (let i = 0; i < count; i++) {
    if (offset + ENTRY_HEADER > buffer.byteLength) throw new RangeError(`pack entry ${i} header beyond the end`);
    const length = view.getUint32(offset, true);
    const start = offset + ENTRY_HEADER;
    const end = start + length;
    if (end > buffer.byteLength) throw new RangeError(`pack entry ${i} bytes beyond the end`);
    out.push({ start, end, id: text.toString('hex', offset + 4, offset + ENTRY_HEADER) });
    offset = end;
  }
  if (offset !== buffer.byteLength) throw new RangeError('pack has trailing bytes');
  return out;
}
