import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { parseElectionDefinition, type ElectionDefinition } from '@titip/election';
import { hashHex } from '@titip/identity';
import { InvalidRecordInputError, WorkerValidatorError } from '../errors.js';
import { MAX_RECORD_BYTES } from '../record/decode-record.js';
import { entryShapeFailure, hashMismatchFailure } from '../verify/open-entry.js';
import type { RecordValidator, ValidationEntry } from '../verify/record-validator.js';
import { DEFAULT_CLOCK_SKEW_MS, type RecordVerification } from '../verify/verify-record.js';
import { isPackableId, packEntries, unpackEntries } from './entry-pack.js';
import { resultFromWire } from './result-from-wire.js';
import { startRecordWorker } from './worker-spawn.js';
import type { WorkerConfig, WorkerMessage } from './worker-protocol.js';

/** Options of {@link createWorkerRecordValidator}. */
export interface WorkerRecordValidatorOptions {
  /** The KPU root public key (32 bytes): the trust anchor. */
  root: Uint8Array;
  /** Number of worker threads. @default os.availableParallelism() */
  threads?: number;
  /**
   * Election definitions, validated once here and handed to the workers as data: a submission of an election
   * listed here is checked with its paslon set, per-TPS cap and region. @default none
   */
  elections?: readonly ElectionDefinition[];
  /** As `VerifyRecordOptions.checkTimeAt`: unset (the default) for admission, which judges no time. */
  checkTimeAt?: 'claimed' | number;
  /** Tolerance (ms) around each credential window for the `checkTimeAt` check. @default 3600000 (1 h) */
  clockSkewMs?: number;
  /** Byte limit of a record. @default 65536 */
  maxBytes?: number;
  /** Most entries sent to a worker in one message. @default 128 */
  chunkSize?: number;
  /**
   * Most entries accepted and not yet answered. A batch that would go beyond is refused with a
   * {@link WorkerValidatorError} (`queue-full`), except when nothing is queued (so any one batch can run).
   * @default 65536
   */
  maxQueuedEntries?: number;
  /** Credentials (and public keys) each worker caches. @default 10000 */
  credentialCacheSize?: number;
}

/** A {@link RecordValidator} whose whole validation runs in worker threads. Call `close()` when done. */
export interface WorkerRecordValidator extends RecordValidator {
  /** Number of worker threads. */
  readonly threads: number;
  /** Terminates the workers; pending and later calls reject with {@link WorkerValidatorError} (`closed`). */
  close(): Promise<void>;
}

interface Batch {
  entries: readonly ValidationEntry[];
  results: RecordVerification[];
  /** Chunks not yet answered. */
  remaining: number;
  resolve: (results: RecordVerification[]) => void;
  reject: (error: Error) => void;
  settled: boolean;
}

interface Chunk {
  id: number;
  batch: Batch;
  /** Positions in the batch of the entries in this chunk. */
  positions: number[];
  /** Times a worker died while holding it. */
  crashes: number;
}

interface Slot {
  worker: Worker;
  /** The worker has started (posted `ready`). */
  ready: boolean;
  queue: Chunk[];
  inFlight: Map<number, Chunk>;
}

/** Chunks a worker holds at once: one being validated, one waiting, so it never idles between messages. */
const IN_FLIGHT_PER_WORKER = 2;
/** Workers that die before starting, in a row, after which the validator gives up (`start-failed`). */
const MAX_START_FAILURES = 3;

/** Test hooks, reachable only through {@link workerValidatorTestHooks}. */
interface TestHooks {
  crashNext: number;
  threadIds(): number[];
}
const hooks = new WeakMap<object, TestHooks>();

/**
 * Test-only access to a validator's internals: `crashNext` (the next n chunks sent make their worker exit,
 * as a crash would) and `threadIds()` (of the current workers, to see replacements). Not part of the API.
 * @internal
 */
export function workerValidatorTestHooks(validator: WorkerRecordValidator): TestHooks {
  const found = hooks.get(validator);
  if (found === undefined) throw new InvalidRecordInputError('not a worker record validator');
  return found;
}

/** Which worker validates an object: by its signer key (the tail of every envelope), so each worker sees the same operators and its credential cache hits. */
function shardOf(bytes: Uint8Array, threads: number): number {
  const n = bytes.length;
  if (n < 100) return 0;
  return ((bytes[n - 98]! << 8) | bytes[n - 97]!) % threads;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new InvalidRecordInputError(`${name} must be a positive integer, got ${String(value)}`);
  return value;
}

function validatedElections(definitions: readonly ElectionDefinition[]): ElectionDefinition[] {
  const parsed = definitions.map((d) => parseElectionDefinition(d));
  const ids = new Set<string>();
  for (const d of parsed) {
    if (ids.has(d.id)) throw new InvalidRecordInputError(`election ${d.id} is defined twice`);
    ids.add(d.id);
  }
  return parsed;
}

/**
 * Creates a {@link RecordValidator} that runs the whole validation (hash check, strict decoding, schema,
 * rules with the election definitions, credential chain with a credential cache per worker, signature) in
 * worker threads, with native Ed25519: the same verdicts as `createRecordValidator`, from the same
 * functions. `batch(entries)` answers in input order; single calls made in the same tick are validated as one
 * batch. Entries are split by signer across the workers (each worker then sees the same operators and checks
 * each credential once), in chunks of `chunkSize`, each chunk copied once into one buffer that is transferred
 * to the worker and back. A worker that dies is replaced and its chunks are retried once on the new worker.
 * The entries' bytes must not change until their batch settles.
 * @throws {InvalidElectionDefinitionError} (from `@titip/election`) for an invalid election definition.
 * @throws {InvalidRecordInputError} for nonsensical options (root not 32 bytes, an election defined twice, …).
 */
export function createWorkerRecordValidator(options: WorkerRecordValidatorOptions): WorkerRecordValidator {
  if (!(options.root instanceof Uint8Array) || options.root.length !== 32) throw new InvalidRecordInputError('root must be a 32-byte public key');
  const threads = positiveInteger('threads', options.threads ?? availableParallelism());
  const chunkSize = positiveInteger('chunkSize', options.chunkSize ?? 128);
  const maxQueued = positiveInteger('maxQueuedEntries', options.maxQueuedEntries ?? 65_536);
  const maxBytes = positiveInteger('maxBytes', options.maxBytes ?? MAX_RECORD_BYTES);
  const clockSkewMs = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  if (!Number.isSafeInteger(clockSkewMs) || clockSkewMs < 0) throw new InvalidRecordInputError('clockSkewMs must be a non-negative integer');
  const config: WorkerConfig = {
    root: Uint8Array.from(options.root),
    elections: validatedElections(options.elections ?? []),
    clockSkewMs,
    ...(options.checkTimeAt === undefined ? {} : { checkTimeAt: options.checkTimeAt }),
    maxBytes,
    cacheSize: positiveInteger('credentialCacheSize', options.credentialCacheSize ?? 10_000),
  };

  const slots: Slot[] = [];
  const test: TestHooks = { crashNext: 0, threadIds: () => slots.map((s) => s.worker.threadId) };
  let nextChunkId = 0;
  let queued = 0;
  let startFailures = 0;
  let closed = false;
  let broken: WorkerValidatorError | null = null;

  const settle = (batch: Batch, error?: Error): void => {
    if (batch.settled) return;
    batch.settled = true;
    if (error === undefined) {
      batch.resolve(batch.results);
      return;
    }
    for (const slot of slots) {
      slot.queue = slot.queue.filter((chunk) => {
        if (chunk.batch !== batch) return true;
        queued -= chunk.positions.length;
        return false;
      });
      for (const [id, chunk] of slot.inFlight) {
        if (chunk.batch !== batch) continue;
        slot.inFlight.delete(id);
        queued -= chunk.positions.length;
      }
    }
    batch.reject(error);
  };

  const failAll = (error: WorkerValidatorError): void => {
    const batches = new Set<Batch>();
    for (const slot of slots) {
      for (const chunk of slot.queue) batches.add(chunk.batch);
      for (const chunk of slot.inFlight.values()) batches.add(chunk.batch);
    }
    for (const batch of batches) settle(batch, error);
  };

  const dispatch = (): void => {
    for (const slot of slots) {
      while (slot.inFlight.size < IN_FLIGHT_PER_WORKER && slot.queue.length > 0) {
        const chunk = slot.queue.shift()!;
        const buffer = packEntries(chunk.positions.map((p) => chunk.batch.entries[p]!));
        slot.inFlight.set(chunk.id, chunk);
        const crash = test.crashNext > 0;
        if (crash) test.crashNext -= 1;
        slot.worker.postMessage({ id: chunk.id, buffer, ...(crash ? { crash } : {}) }, [buffer]);
      }
    }
  };

  const onMessage = (slot: Slot, message: WorkerMessage): void => {
    if (message.type === 'ready') {
      slot.ready = true;
      startFailures = 0;
      return;
    }
    const chunk = slot.inFlight.get(message.id);
    if (chunk === undefined) {
      dispatch(); // its batch failed meanwhile
      return;
    }
    slot.inFlight.delete(message.id);
    queued -= chunk.positions.length;
    const { batch } = chunk;
    if (message.type === 'error') {
      settle(batch, new WorkerValidatorError('worker-failed', `a validation worker could not validate a chunk: ${message.message}`));
    } else {
      const pack = new Uint8Array(message.buffer);
      const packed = unpackEntries(message.buffer);
      chunk.positions.forEach((position, i) => {
        const { start, end } = packed[i]!;
        batch.results[position] = resultFromWire(message.results[i]!, pack, start, end, batch.entries[position]!.id);
      });
      batch.remaining -= 1;
      if (batch.remaining === 0) settle(batch);
    }
    dispatch();
  };

  const onDeath = (slot: Slot, worker: Worker, cause: Error): void => {
    if (slot.worker !== worker || closed) return; // already handled, or terminated by close()
    // The chunks it held go back to the front of its queue, to be retried once on its replacement.
    const held = [...slot.inFlight.values()];
    for (const chunk of held) chunk.crashes += 1;
    slot.queue.unshift(...held);
    slot.inFlight.clear();
    for (const chunk of held) {
      if (chunk.crashes >= 2) {
        settle(chunk.batch, new WorkerValidatorError('worker-crashed', `a validation worker died twice on the same chunk: ${cause.message}`, { cause }));
      }
    }
    if (!slot.ready && ++startFailures >= MAX_START_FAILURES) {
      broken = new WorkerValidatorError('start-failed', `validation workers die before they start: ${cause.message}`, { cause });
      failAll(broken);
      return;
    }
    spawn(slot);
    dispatch();
  };

  function spawn(slot: Slot): void {
    const worker = startRecordWorker(config);
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (message: WorkerMessage) => onMessage(slot, message));
    worker.on('error', (error) => onDeath(slot, worker, error));
    worker.on('exit', (code) => onDeath(slot, worker, new Error(`worker exited with code ${code}`)));
  }

  for (let i = 0; i < threads; i++) {
    const slot = { ready: false, queue: [], inFlight: new Map() } as unknown as Slot;
    slots.push(slot);
    spawn(slot);
  }

  const refusal = (): WorkerValidatorError | null =>
    closed ? new WorkerValidatorError('closed', 'the worker record validator is closed') : broken;

  const batch = (entries: readonly ValidationEntry[]): Promise<RecordVerification[]> => {
    const refused = refusal();
    if (refused !== null) return Promise.reject(refused);
    const results = new Array<RecordVerification>(entries.length);
    const shards: number[][] = slots.map(() => []);
    let packable = 0;
    entries.forEach(({ id, bytes }, i) => {
      const shape = entryShapeFailure(bytes, maxBytes);
      if (shape !== null) results[i] = { ok: false, failure: shape };
      else if (!isPackableId(id)) results[i] = { ok: false, failure: hashMismatchFailure(id, hashHex(bytes)) };
      else {
        shards[shardOf(bytes, threads)]!.push(i);
        packable += 1;
      }
    });
    if (packable === 0) return Promise.resolve(results);
    if (queued > 0 && queued + packable > maxQueued) {
      return Promise.reject(new WorkerValidatorError('queue-full', `${queued} entries are waiting; ${packable} more exceed maxQueuedEntries ${maxQueued}`));
    }
    return new Promise<RecordVerification[]>((resolve, reject) => {
      const batch: Batch = { entries, results, remaining: 0, resolve, reject, settled: false };
      shards.forEach((positions, s) => {
        for (let start = 0; start < positions.length; start += chunkSize) {
          slots[s]!.queue.push({ id: nextChunkId++, batch, positions: positions.slice(start, start + chunkSize), crashes: 0 });
          batch.remaining += 1;
        }
      });
      queued += packable;
      dispatch();
    });
  };

  // Single calls of one tick travel together, as one batch.
  let singles: { entry: ValidationEntry; resolve: (r: RecordVerification) => void; reject: (e: Error) => void }[] = [];
  const flushSingles = (): void => {
    const calls = singles;
    singles = [];
    batch(calls.map((c) => c.entry)).then(
      (results) => calls.forEach((c, i) => c.resolve(results[i]!)),
      (error: Error) => calls.forEach((c) => c.reject(error)),
    );
  };
  const validate = (id: string, bytes: Uint8Array): Promise<RecordVerification> =>
    new Promise((resolve, reject) => {
      if (singles.length === 0) queueMicrotask(flushSingles);
      singles.push({ entry: { id, bytes }, resolve, reject });
    });

  const close = async (): Promise<void> => {
    if (closed) return;
    failAll(new WorkerValidatorError('closed', 'the worker record validator was closed while validating'));
    closed = true;
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  };

  const validator: WorkerRecordValidator = Object.assign(validate, { batch, close, threads });
  hooks.set(validator, test);
  return validator;
}
