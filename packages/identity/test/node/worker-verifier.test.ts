import { afterEach, describe, expect, it } from 'vitest';
import type { VerifyItem } from '../../src/crypto/batch-verifier.js';
import { WorkerPoolError } from '../../src/errors.js';
import { keyPairFromSeed } from '../../src/keys/key-pair.js';
import { nodeEd25519 } from '../../src/node/node-ed25519.js';
import { createWorkerVerifier, type WorkerVerifier } from '../../src/node/worker-verifier.js';
import { seededBytes } from '../helpers/seeded.js';

async function mixedItems(count: number): Promise<{ items: VerifyItem[]; expected: boolean[] }> {
  const keys = await Promise.all([0, 1, 2].map((i) => keyPairFromSeed(seededBytes(`pool-key-${i}`, 32), nodeEd25519)));
  const items: VerifyItem[] = [];
  const expected: boolean[] = [];
  for (let i = 0; i < count; i++) {
    const kp = keys[i % keys.length]!;
    const message = seededBytes(`pool-msg-${i}`, 20 + (i % 300));
    const signature = await nodeEd25519.sign(kp.secretKey, message);
    switch (i % 5) {
      case 0: // tampered signature
        signature[10]! ^= 1;
        items.push({ publicKey: kp.publicKey, message, signature });
        expected.push(false);
        break;
      case 1: // signed by another key
        items.push({ publicKey: keys[(i + 1) % keys.length]!.publicKey, message, signature });
        expected.push(false);
        break;
      case 2: // malformed: short signature
        items.push({ publicKey: kp.publicKey, message, signature: signature.subarray(0, 63) });
        expected.push(false);
        break;
      default:
        items.push({ publicKey: kp.publicKey, message, signature });
        expected.push(true);
    }
  }
  return { items, expected };
}

describe('createWorkerVerifier', () => {
  let pool: WorkerVerifier | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('verifies a mixed batch in order, equal to one-by-one native verification', async () => {
    pool = createWorkerVerifier({ threads: 2, maxChunk: 64 });
    const { items, expected } = await mixedItems(500);
    const single = await Promise.all(items.map((it) => nodeEd25519.verify(it.publicKey, it.message, it.signature)));
    expect(single).toEqual(expected);
    expect(await pool.verifyBatch(items)).toEqual(expected);
  });

  it('handles empty batches, all-malformed batches and concurrent batches', async () => {
    pool = createWorkerVerifier({ threads: 2 });
    expect(await pool.verifyBatch([])).toEqual([]);
    expect(await pool.verifyBatch([{ publicKey: new Uint8Array(1), message: new Uint8Array(), signature: new Uint8Array(64) }])).toEqual([false]);
    const a = await mixedItems(60);
    const b = await mixedItems(7);
    const [ra, rb] = await Promise.all([pool.verifyBatch(a.items), pool.verifyBatch(b.items)]);
    expect(ra).toEqual(a.expected);
    expect(rb).toEqual(b.expected);
  });

  it('rejects pending and later batches with WorkerPoolError once closed; close is idempotent', async () => {
    pool = createWorkerVerifier({ threads: 1, maxChunk: 8 });
    const { items } = await mixedItems(200);
    const pending = expect(pool.verifyBatch(items)).rejects.toBeInstanceOf(WorkerPoolError);
    await pool.close();
    await pending;
    await expect(pool.verifyBatch(items)).rejects.toBeInstanceOf(WorkerPoolError);
    await pool.close();
  });

  it('refuses nonsensical options', () => {
    expect(() => createWorkerVerifier({ threads: 0 })).toThrow(RangeError);
    expect(() => createWorkerVerifier({ threads: 1, maxChunk: 0 })).toThrow(RangeError);
  });
});
