/**
 * The worker thread of `createWorkerVerifier`: receives packed batches, verifies each signature with native
 * Ed25519, answers with one byte per item (1 valid, 0 invalid).
 *
 * Self-contained on purpose (only node: imports, erasable TypeScript): it is started from `dist/node/…js`
 * when built, and straight from this `.ts` file (Node's type stripping) when the package runs from source in tests.
 *
 * Packed batch layout (little-endian), written by `packBatch` in worker-verifier.ts:
 *   u32 count, then per item: u32 messageLength, 32-byte public key, 64-byte signature, message bytes.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const MAX_CACHED_KEYS = 4096;
const keyCache = new Map<string, KeyObject | null>();

function publicKey(raw: Buffer): KeyObject | null {
  const id = raw.toString('hex');
  const hit = keyCache.get(id);
  if (hit !== undefined) return hit;
  let key: KeyObject | null;
  try {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    key = null;
  }
  if (keyCache.size >= MAX_CACHED_KEYS) keyCache.clear();
  keyCache.set(id, key);
  return key;
}

function verifyPacked(buffer: ArrayBuffer): Uint8Array {
  const view = new DataView(buffer);
  const bytes = Buffer.from(buffer);
  const count = view.getUint32(0, true);
  const results = new Uint8Array(count);
  let offset = 4;
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(offset, true);
    offset += 4;
    const key = publicKey(bytes.subarray(offset, offset + 32));
    const signature = bytes.subarray(offset + 32, offset + 96);
    const message = bytes.subarray(offset + 96, offset + 96 + length);
    offset += 96 + length;
    if (key === null) continue;
    try {
      results[i] = verify(null, message, key, signature) ? 1 : 0;
    } catch {
      results[i] = 0;
    }
  }
  return results;
}

parentPort?.on('message', (request: { id: number; buffer: ArrayBuffer }) => {
  let results: Uint8Array;
  try {
    results = verifyPacked(request.buffer);
  } catch (error) {
    // A malformed pack must not kill the worker: answer with the error, the pool fails that batch only.
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  parentPort?.postMessage({ id: request.id, results }, [results.buffer as ArrayBuffer]);
});
