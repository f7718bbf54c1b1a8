/**
 * Record validation throughput: the server ingest path (hash check, strict decode, schema, rules, credential
 * chain from a warm cache, signature), one by one with native Ed25519 and in batches through the worker pool.
 * Not a test. Build first (`npx pnpm@10.34.9 exec tsc -b`), then from the repo root:
 *   npx pnpm@10.34.9 exec node packages/records/bench/validate-throughput.ts [--n 4000] [--threads 2]
 */
import { parseArgs } from 'node:util';
import { createCredentialCache, hashHex, issueCredential, keyPairFromSeed, sha256 } from '@titip/identity';
import { createWorkerVerifier, nodeEd25519 } from '@titip/identity/node';
import { createRecordValidator, createSubmission, type ValidationEntry } from '../dist/index.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '4000' }, threads: { type: 'string', default: '2' } } });
const n = Number(values.n);
const threads = Number(values.threads);
const provider = nodeEd25519;
const key = (name: string) => keyPairFromSeed(sha256(new TextEncoder().encode(name)), provider);

const root = await key('root');
const issuer = await key('issuer');
const from = Date.UTC(2024, 10, 26);
const until = Date.UTC(2024, 11, 5);
const issuerCred = await issueCredential(root, { role: 'issuer', subject: issuer.publicKey, regions: ['1906'], elections: ['pkwkk'], validFrom: from, validUntil: until }, provider);
const form = {
  form: 'kwk' as const,
  pemilih: { dpt: { l: 250, p: 240, j: 490 }, dpph: { l: 2, p: 1, j: 3 }, dptb: { l: 4, p: 3, j: 7 }, total: { l: 256, p: 244, j: 500 } },
  pengguna: { dpt: { l: 200, p: 190, j: 390 }, dpph: { l: 2, p: 1, j: 3 }, dptb: { l: 4, p: 3, j: 7 }, total: { l: 206, p: 194, j: 400 } },
  disabilitas: { pemilih: { l: 3, p: 2, j: 5 }, pengguna: { l: 2, p: 2, j: 4 } },
  suratSuara: { diterima: 503, digunakan: 400, dikembalikan: 3, tidakDigunakan: 100 },
  suara: { paslon: { '1000526': 150, '1000527': 240 }, sah: 390, tidakSah: 10, total: 400 },
};
const entries: ValidationEntry[] = [];
for (let i = 0; i < n; i++) {
  const op = await key(`op-${i % 400}`);
  const tps = `1906012001${String(1 + (i % 400)).padStart(3, '0')}`;
  const cred = await issueCredential(issuer, { role: 'operator', subject: op.publicKey, regions: [tps], elections: ['pkwkk'], validFrom: from, validUntil: until }, provider);
  const photo = { sha256: hashHex(Uint8Array.of(i)), page: 1, size: 300_000, type: 'image/jpeg' as const };
  const r = await createSubmission(
    { keyPair: op, credentials: [cred.bytes, issuerCred.bytes], tps, election: 'pkwkk', form, photos: [photo], revision: 1, supersedes: null, deviceTime: from + i },
    provider,
  );
  entries.push({ id: r.id, bytes: r.bytes });
}
const report = (name: string, ms: number) =>
  process.stdout.write(`${name.padEnd(46)} ${n} in ${ms.toFixed(0).padStart(6)} ms = ${Math.round((n * 1000) / ms).toString().padStart(6)}/s\n`);
process.stdout.write(`submission envelope: ${entries[0]!.bytes.length} bytes\n`);

const single = createRecordValidator({ root: root.publicKey, provider, cache: createCredentialCache() });
let start = performance.now();
for (const e of entries) if (!(await single(e.id, e.bytes)).ok) throw new Error('rejected');
report('validate one by one (native, cold cache)', performance.now() - start);
start = performance.now();
for (const e of entries) if (!(await single(e.id, e.bytes)).ok) throw new Error('rejected');
report('validate one by one (native, warm cache)', performance.now() - start);

const pool = createWorkerVerifier({ threads });
const batched = createRecordValidator({ root: root.publicKey, provider, cache: createCredentialCache(), batchVerifier: pool });
await batched.batch(entries.slice(0, 50));
start = performance.now();
for (let i = 0; i < n; i += 500) {
  const results = await batched.batch(entries.slice(i, i + 500));
  if (!results.every((r) => r.ok)) throw new Error('rejected');
}
report(`validate in batches of 500 (pool of ${threads})`, performance.now() - start);
await pool.close();
