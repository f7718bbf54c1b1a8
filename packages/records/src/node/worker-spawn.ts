import { Worker } from 'node:worker_threads';
import type { WorkerConfig, WorkerStart } from './worker-protocol.js';

/**
 * Run in a worker started from source: maps this package's relative `.js` imports to the `.ts` files beside
 * them (Node strips the types), then loads the worker module named in `workerData.entry`.
 */
const SOURCE_BOOTSTRAP = `
const { registerHooks } = require('node:module');
const { workerData } = require('node:worker_threads');
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
      try { return nextResolve(specifier.slice(0, -3) + '.ts', context); } catch {}
    }
    return nextResolve(specifier, context);
  },
});
import(workerData.entry).catch((error) => { setImmediate(() => { throw error; }); });
`;

/** Starts one validation worker: from `dist/` when built, from the `.ts` sources when running from source. */
export function startRecordWorker(config: WorkerConfig): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) {
    const data: WorkerStart = { config };
    return new Worker(new URL('./record-worker.js', here), { workerData: data });
  }
  const data: WorkerStart = { config, entry: new URL('./record-worker.ts', here).href };
  return new Worker(SOURCE_BOOTSTRAP, { eval: true, workerData: data });
}
