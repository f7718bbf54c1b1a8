/**
 * Ed25519 verification throughput: single-thread native (node:crypto), @noble/ed25519, and the worker pool.
 * Not a test. Build first (`npx pnpm@10.34.9 exec tsc -b`), then run with Node 24 from the repo root:
 *   npx pnpm@10.34.9 exec node packages/identity/bench/verify-throughput.ts [--threads 2] [--n 20000]
 * Messages are 600 bytes (about the size of a signed submission's signing input), signed by 100 keys.
 */
import { parseArgs } from 'node:util';
import { keyPairFromSeed, nobleEd25519, type VerifyItem } from '../dist/index.js';
import { createWorkerVerifier, nodeEd25519 } from '../dist/node/index.js';

const { values } = parseArgs({ options: { threads: { type: 'string', default: '2' }, n: { type: 'string', default: '20000' } } });
const threads = Number(values.threads);
const n = Number(values.n);

async function makeItems(count: number): Promise<VerifyItem[]> {
  const keys = await Promise.all(Array.from({ length: 100 }, (_, i) => keyPairFromSeed(new Uint8Array(32).fill(i + 1), nodeEd25519)));
  const items: VerifyItem[] = [];
  for (let i = 0; i < count; i++) {
    const kp = keys[i % keys.length]!;
    const message = new Uint8Array(600);
    new DataView(message.buffer).setUint32(0, i);
    items.push({ publicKey: kp.publicKey, message, signature: await nodeEd25519.sign(kp.secretKey, message) });
  }
  return items;
}

function report(name: string, count: number, ms: number): void {
  process.stdout.write(`${name.padEnd(44)} ${String(count).padStart(6)} in ${ms.toFixed(0).padStart(6)} ms = ${Math.round((count * 1000) / ms).toString().padStart(6)}/s\n`);
}

const items = await makeItems(n);

let start = performance.now();
for (const it of items.slice(0, 5000)) await nodeEd25519.verify(it.publicKey, it.message, it.signature);
report('native verify, 1 thread (main)', Math.min(5000, n), performance.now() - start);

start = performance.now();
const nobleCount = Math.min(500, n);
for (const it of items.slice(0, nobleCount)) await nobleEd25519.verify(it.publicKey, it.message, it.signature);
report('noble verify, 1 thread (main)', nobleCount, performance.now() - start);

const kp = await keyPairFromSeed(new Uint8Array(32).fill(1), nodeEd25519);
start = performance.now();
for (const it of items.slice(0, 5000)) await nodeEd25519.sign(kp.secretKey, it.message);
report('native sign, 1 thread (main)', Math.min(5000, n), performance.now() - start);

const pool = createWorkerVerifier({ threads });
await pool.verifyBatch(items.slice(0, 200)); // warm up: workers started, key caches filled
start = performance.now();
const all = await pool.verifyBatch(items);
report(`pool verify, ${threads} threads, one batch of ${n}`, n, performance.now() - start);
if (!all.every(Boolean)) throw new Error('pool rejected a valid signature');

start = performance.now();
for (let i = 0; i < n; i += 500) await pool.verifyBatch(items.slice(i, i + 500));
report(`pool verify, ${threads} threads, batches of 500`, n, performance.now() - start);

start = performance.now();
const inflight: Promise<boolean[]>[] = [];
for (let i = 0; i < n; i += 100) inflight.push(pool.verifyBatch(items.slice(i, i + 100)));
await Promise.all(inflight);
report(`pool verify, ${threads} threads, concurrent batches of 100`, n, performance.now() - start);
await pool.close();
