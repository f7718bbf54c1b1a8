import { Worker } from 'node:worker_threads';

/**
 * Run in a worker started from source: maps relative `.js` imports of `.ts` files to the `.ts` files beside them
 * (Node strips the types), then loads the worker module named in `workerData.entry`.
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

/**
 * Starts a worker thread running the module at `moduleUrl`: a built `.js` file directly, a `.ts` source file (a
 * package running from source, in tests) through a bootstrap that lets it import its `.js`-named siblings.
 * `workerData` reaches the module as `workerData` (with `entry` added when started from source).
 */
export function startModuleWorker(moduleUrl: URL, workerData: Record<string, unknown> = {}): Worker {
  if (!moduleUrl.href.endsWith('.ts')) return new Worker(moduleUrl, { workerData });
  return new Worker(SOURCE_BOOTSTRAP, { eval: true, workerData: { ...workerData, entry: moduleUrl.href } });
}
