import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from './start-module-worker.js';
import type { BatchVerifier, VerifyItem } from '../crypto/batch-verifier.js';
import { PUBLIC_KEY_LENGTH, SIGNATURE_LENGTH } from '../crypto/ed25519-provider.js';
import { WorkerPoolError } from '../errors.js';

/** Options of {@link createWorkerVerifier}. */
export interface WorkerVerifierOptions {
  /** Number of worker threads. @default os.availableParallelism() */
  threads?: number;
  /** Largest number of signatures sent to one worker in one message. @default 512 */
  maxChunk?: number;
}

/** A pool of worker threads verifying Ed25519 signatures natively. Call {@link WorkerVerifier.close} when done. */
export interface WorkerVerifier extends BatchVerifier {
  /** Verifies every item; results in input order; malformed items are false. Rejects only if the pool fails. */
  verifyBatch(items: readonly VerifyItem[]): Promise<boolean[]>;
  /** Number of worker threads. */
  readonly threads: number;
  /** Terminates the workers; pending and later batches reject with {@link WorkerPoolError}. Safe to repeat. */
  close(): Promise<void>;
}

interface Batch {
  results: boolean[];
  remaining: number;
  resolve: (results: boolean[]) => void;
  reject: (error: Error) => void;
  failed: boolean;
}

interface Chunk {
  id: number;
  batch: Batch;
  /** Positions in the batch's results of the items in this chunk. */
  positions: number[];
  buffer: ArrayBuffer;
}

interface Slot {
  worker: Worker;
  busy: Chunk | null;
}

function wellFormed(item: VerifyItem): boolean {
  return (
    item.publicKey instanceof Uint8Array &&
    item.publicKey.length === PUBLIC_KEY_LENGTH &&
    item.signature instanceof Uint8Array &&
    item.signature.length === SIGNATURE_LENGTH &&
    item.message instanceof Uint8Array
  );
}

/** Packs items into one transferable buffer (layout documented in verify-worker.ts). */
function packBatch(items: readonly VerifyItem[]): ArrayBuffer {
  let size = 4;
  for (const item of items) size += 4 + 96 + item.message.length;
  const buffer = new ArrayBuffer(size);
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  view.setUint32(0, items.length, true);
  let offset = 4;
  for (const item of items) {
    view.setUint32(offset, item.message.length, true);
    bytes.set(item.publicKey, offset + 4);
    bytes.set(item.signature, offset + 36);
    bytes.set(item.message, offset + 100);
    offset += 100 + item.message.length;
  }
  return buffer;
}

function workerUrl(): URL {
  // From dist/ the sibling is verify-worker.js; from source (tests) it is verify-worker.ts (see startModuleWorker).
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './verify-worker.ts' : './verify-worker.js', here);
}

/**
 * Starts a pool of worker threads that verify batches of signatures with native Ed25519, for server ingest.
 * A batch is split into chunks that idle workers pull from one queue, so the threads stay evenly loaded.
 */
export function createWorkerVerifier(options: WorkerVerifierOptions = {}): WorkerVerifier {
  const threads = options.threads ?? availableParallelism();
  const maxChunk = options.maxChunk ?? 512;
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  if (!Number.isInteger(maxChunk) || maxChunk < 1) throw new RangeError(`maxChunk must be a positive integer, got ${maxChunk}`);

  const queue: Chunk[] = [];
  const slots: Slot[] = [];
  let nextChunkId = 0;
  let closed = false;

  const failBatch = (batch: Batch, error: Error): void => {
    if (batch.failed) return;
    batch.failed = true;
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.batch === batch) queue.splice(i, 1);
    batch.reject(error);
  };

  const dispatch = (): void => {
    for (const slot of slots) {
      if (slot.busy !== null) continue;
      const chunk = queue.shift();
      if (chunk === undefined) return;
      slot.busy = chunk;
      slot.worker.postMessage({ id: chunk.id, buffer: chunk.buffer }, [chunk.buffer]);
    }
  };

  const spawn = (slot: Slot | null): Slot => {
    const worker = startModuleWorker(workerUrl());
    const target: Slot = slot ?? { worker, busy: null };
    target.worker = worker;
    target.busy = null;
    worker.on('message', (response: { id: number; results?: Uint8Array; error?: string }) => {
      const chunk = target.busy;
      target.busy = null;
      if (chunk !== null && response.results === undefined) {
        failBatch(chunk.batch, new WorkerPoolError(`verifier worker could not verify a chunk: ${response.error ?? 'no results'}`));
      } else if (chunk !== null && chunk.id === response.id && !chunk.batch.failed) {
        const { batch } = chunk;
        chunk.positions.forEach((position, i) => {
          batch.results[position] = response.results?.[i] === 1;
        });
        batch.remaining -= 1;
        if (batch.remaining === 0) batch.resolve(batch.results);
      }
      dispatch();
    });
    const onDeath = (error: Error): void => {
      if (target.worker !== worker) return; // already replaced
      const chunk = target.busy;
      target.busy = null;
      if (chunk !== null) failBatch(chunk.batch, error);
      if (!closed) {
        spawn(target);
        dispatch();
      }
    };
    worker.on('error', (error) => onDeath(new WorkerPoolError(`verifier worker failed: ${error.message}`)));
    worker.on('exit', (code) => onDeath(new WorkerPoolError(`verifier worker exited with code ${code}`)));
    return target;
  };

  for (let i = 0; i < threads; i++) slots.push(spawn(null));

  return {
    threads,
    verifyBatch(items) {
      if (closed) return Promise.reject(new WorkerPoolError('worker verifier is closed'));
      const results: boolean[] = new Array<boolean>(items.length).fill(false);
      const positions: number[] = [];
      items.forEach((item, i) => {
        if (wellFormed(item)) positions.push(i);
      });
      if (positions.length === 0) return Promise.resolve(results);
      return new Promise<boolean[]>((resolve, reject) => {
        const size = Math.min(maxChunk, Math.ceil(positions.length / threads));
        const batch: Batch = { results, remaining: Math.ceil(positions.length / size), resolve, reject, failed: false };
        for (let start = 0; start < positions.length; start += size) {
          const chunkPositions = positions.slice(start, start + size);
          const buffer = packBatch(chunkPositions.map((p) => items[p]!));
          queue.push({ id: nextChunkId++, batch, positions: chunkPositions, buffer });
        }
        dispatch();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const error = new WorkerPoolError('worker verifier closed while verifying');
      for (const chunk of queue.splice(0)) failBatch(chunk.batch, error);
      for (const slot of slots) if (slot.busy !== null) failBatch(slot.busy.batch, error);
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
