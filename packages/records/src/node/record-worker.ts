/**
 * A validation worker of `createWorkerRecordValidator`: validates each pack it receives (see validate-packed.ts)
 * and answers with the verdicts, transferring the pack back. Started from `dist/node/record-worker.js`, or, when
 * the package runs from source (tests), from this file through the bootstrap in worker-spawn.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createPackValidator } from './validate-packed.js';
import type { ChunkRequest, WorkerMessage, WorkerStart } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('record-worker runs only as a worker thread');
const validate = createPackValidator((workerData as WorkerStart).config);
const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

// Chunks are validated one after another, in the order they arrive.
let previous: Promise<void> = Promise.resolve();
port.on('message', (request: ChunkRequest) => {
  if (request.crash === true) process.exit(70);
  previous = previous.then(async () => {
    try {
      const results = await validate(request.buffer);
      send({ type: 'results', id: request.id, results, buffer: request.buffer }, [request.buffer]);
    } catch (error) {
      // Not an entry's fault (those are verdicts): a malformed pack or a bug. Fail this chunk, keep the worker.
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      send({ type: 'error', id: request.id, message, buffer: request.buffer }, [request.buffer]);
    }
  });
});
send({ type: 'ready' });
