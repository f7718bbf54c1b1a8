import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openNodeStore } from '../src/open-node-store.js';
import { type StoreChild, spawnStoreChild } from './helpers/child-store.js';
import { recoveryProblems } from './helpers/crash-batches.js';

const SEEDS = [1, 2, 3, 4, 5, 6];
/** Bound on the writer's loop, so a child the test loses track of still ends by itself. */
const MAX_BATCHES = 2000;

const children: StoreChild[] = [];
const directories: string[] = [];

afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.kill()));
  await Promise.all(directories.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** mulberry32: a tiny seeded generator, so a failing seed can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function readAll(directory: string): Promise<Map<string, Uint8Array>> {
  const store = await openNodeStore(directory);
  try {
    const entries = new Map<string, Uint8Array>();
    for await (const [key, value] of store.iterate()) entries.set(key, value);
    return entries;
  } finally {
    await store.close();
  }
}

describe('crash safety of classic-level batches (SIGKILL at a seeded moment)', () => {
  const runs = [
    ...SEEDS.map((seed) => [seed, 'sync'] as const),
    ...SEEDS.slice(0, 2).map((seed) => [seed, 'nosync'] as const),
  ];
  it.each(runs)('seed %i, %s: every acknowledged batch is whole, no batch is partial', async (seed, sync) => {
    const random = seededRandom(seed);
    const killAfterAck = 1 + Math.floor(random() * 40);
    const extraDelayMs = Math.floor(random() * 10);
    const directory = await mkdtemp(join(tmpdir(), 'titip-store-crash-'));
    directories.push(directory);

    const child = spawnStoreChild('crash-writer', [directory, String(MAX_BATCHES), sync]);
    children.push(child);
    let lastAck = 0;
    child.onLine((line) => {
      const match = /^ack (\d+)$/.exec(line);
      if (match !== null) lastAck = Number(match[1]);
    });
    await child.waitForLine((line) => line === `ack ${killAfterAck}`, 30_000);
    await new Promise((resolve) => setTimeout(resolve, extraDelayMs));
    child.process.kill('SIGKILL');
    const { signal } = await child.exited;
    expect(signal).toBe('SIGKILL');
    expect(child.lines).not.toContain('done');
    expect(lastAck).toBeGreaterThanOrEqual(killAfterAck);

    const entries = await readAll(directory);
    expect({ seed, lastAck, problems: recoveryProblems(entries, lastAck) }).toEqual({ seed, lastAck, problems: [] });
  });

  it('the consistency check itself catches partial and missing batches', () => {
    // Guard against a vacuous test: a store missing one key of an acknowledged batch must fail.
    const entries = new Map<string, Uint8Array>([['head', new TextEncoder().encode('1')]]);
    expect(recoveryProblems(entries, 1)).toContain('batch 1 has 0 of 6 keys');
    expect(recoveryProblems(new Map(), 1)).toContain('head is 0 but batch 1 was acknowledged');
  });
});
