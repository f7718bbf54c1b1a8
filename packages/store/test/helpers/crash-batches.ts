import { seededBytes } from '../../src/compliance/test-bytes.js';
import type { BatchOperation } from '../../src/key-value-store.js';

/** Keys written by each numbered batch of the crash writer. */
export const KEYS_PER_BATCH = 6;

/** Key `i` of batch `n`. */
export function batchKey(n: number, i: number): string {
  return `batch/${String(n).padStart(6, '0')}/${i}`;
}

/** Value of key `i` of batch `n`: 64 B to ~8 KiB of seeded bytes, so some batches span LevelDB log blocks. */
export function batchValue(n: number, i: number): Uint8Array {
  return seededBytes(n * 1000 + i, 64 + ((n * 7919 + i * 104_729) % 8000));
}

/**
 * Batch `n`: puts its keys, moves `head` to `n`, and replaces the marker of batch `n - 1` with its
 * own, so a recovered store shows puts and deletes of one batch together or not at all.
 */
export function batchOperations(n: number): BatchOperation[] {
  const operations: BatchOperation[] = [];
  for (let i = 0; i < KEYS_PER_BATCH; i++) operations.push({ type: 'put', key: batchKey(n, i), value: batchValue(n, i) });
  operations.push({ type: 'put', key: 'head', value: new TextEncoder().encode(String(n)) });
  if (n > 1) operations.push({ type: 'del', key: `marker/${n - 1}` });
  operations.push({ type: 'put', key: `marker/${n}`, value: Uint8Array.of(1) });
  return operations;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

/**
 * Everything wrong with a store recovered after the writer was killed having acknowledged batches
 * `1..lastAck`: a missing or damaged acknowledged batch, a partial batch, a batch beyond the one
 * in flight, or `head`/markers that disagree with the batches present. Empty means consistent.
 */
export function recoveryProblems(entries: ReadonlyMap<string, Uint8Array>, lastAck: number): string[] {
  const problems: string[] = [];
  const headBytes = entries.get('head');
  const head = headBytes === undefined ? 0 : Number(new TextDecoder().decode(headBytes));
  if (head < lastAck) problems.push(`head is ${head} but batch ${lastAck} was acknowledged`);
  if (head > lastAck + 1) problems.push(`head is ${head}, beyond the one batch that can be in flight after ${lastAck}`);
  const present = new Map<number, number>();
  for (const key of entries.keys()) {
    const match = /^batch\/(\d{6})\/(\d+)$/.exec(key);
    if (match === null) continue;
    const n = Number(match[1]);
    present.set(n, (present.get(n) ?? 0) + 1);
    if (!sameBytes(entries.get(key), batchValue(n, Number(match[2])))) problems.push(`${key} has the wrong value`);
  }
  for (let n = 1; n <= Math.max(head, lastAck); n++) {
    const count = present.get(n) ?? 0;
    if (count !== KEYS_PER_BATCH) problems.push(`batch ${n} has ${count} of ${KEYS_PER_BATCH} keys`);
  }
  for (const n of present.keys()) if (n > head) problems.push(`batch ${n} is present but head is ${head}`);
  const markers = [...entries.keys()].filter((key) => key.startsWith('marker/'));
  const expectedMarkers = head === 0 ? [] : [`marker/${head}`];
  if (markers.join() !== expectedMarkers.join()) problems.push(`markers are [${markers.join()}], expected [${expectedMarkers.join()}]`);
  return problems;
}
