import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '@titip/identity/node';
import type { WorkerConfig, WorkerStart } from './worker-protocol.js';

/** Starts one validation worker: from `dist/` when built, from the `.ts` sources when running from source. */
export function startRecordWorker(config: WorkerConfig): Worker {
  const here = import.meta.url;
  const data: WorkerStart = { config };
  return startModuleWorker(new URL(here.endsWith('.ts') ? './record-worker.ts' : './record-worker.js', here), { ...data });
}
