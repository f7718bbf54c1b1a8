/**
 * The worker thread of `createWorkerVerifier`: receives packed batches, verifies each signature with native
 * Ed25519 (`createNodeVerify`: libsodium, else OpenSSL), answers with one byte per item (1 valid, 0 invalid).
 * Started from `dist/node/…js` when built, and from this `.ts` file through `startModuleWorker`'s bootstrap when
 * the package runs from source in tests.
 *
 * Packed batch layout (little-endian), written by `packBatch` in worker-verifier.ts:
 *   u32 count, then per item: u32 messageLength, 32-byte public key, 64-byte signature, message bytes.
 */
import { parentPort } from 'node:worker_threads';
import { createNodeVerify } from './node-ed25519.js';

const verifyBytes = createNodeVerify();

function verifyPacked(buffer: ArrayBuffer): Uint8Array {
  const view = new DataView(buffer);
  const bytes = Buffer.from(buffer);
  const count = view.getUint32(0, true);
  const results = new Uint8Array(count);
  let offset = 4;
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(offset, true);
    offset += 4;
    const key = bytes.subarray(offset, offset + 32);
    const signature = bytes.subarray(offset + 32, offset + 96);
    const message = bytes.subarray(offset + 96, offset + 96 + length);
    offset += 96 + length;
    results[i] = verifyBytes(key, message, signature) ? 1 : 0;
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
