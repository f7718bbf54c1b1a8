import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../src/node/start-module-worker.js';
import { afterEach, describe, expect, it } from 'vitest';
import { keyPairFromSeed } from '../../src/keys/key-pair.js';
import { nodeEd25519 } from '../../src/node/node-ed25519.js';

/** The worker script run directly, speaking its message protocol (the pool's side is tested in worker-verifier). */
describe('verify-worker', () => {
  let worker: Worker | undefined;
  afterEach(async () => {
    await worker?.terminate();
    worker = undefined;
  });

  async function ask(request: { id: number; buffer: ArrayBuffer }): Promise<{ id: number; results?: Uint8Array; error?: string }> {
    worker ??= startModuleWorker(new URL('../../src/node/verify-worker.ts', import.meta.url));
    worker.postMessage(request, [request.buffer]);
    const [response] = (await once(worker, 'message')) as [{ id: number; results?: Uint8Array; error?: string }];
    return response;
  }

  it('verifies a packed batch: u32 count, then u32 length, key, signature, message per item', async () => {
    const kp = await keyPairFromSeed(new Uint8Array(32).fill(5), nodeEd25519);
    const message = Uint8Array.of(1, 2, 3);
    const signature = await nodeEd25519.sign(kp.secretKey, message);
    const item = (sig: Uint8Array) => [...new Uint8Array(new Uint32Array([message.length]).buffer), ...kp.publicKey, ...sig, ...message];
    const bad = Uint8Array.from(signature);
    bad[0]! ^= 1;
    const packed = Uint8Array.from([...new Uint8Array(new Uint32Array([2]).buffer), ...item(signature), ...item(bad)]);
    const response = await ask({ id: 7, buffer: packed.buffer });
    expect(response.id).toBe(7);
    expect(Array.from(response.results!)).toEqual([1, 0]);
  });

  it('answers a malformed pack with an error instead of dying', async () => {
    const response = await ask({ id: 8, buffer: Uint8Array.of(5, 0, 0, 0, 1).buffer });
    expect(response).toMatchObject({ id: 8 });
    expect(response.error).toMatch(/range|bounds|offset/i);
    const again = await ask({ id: 9, buffer: new Uint8Array(4).buffer });
    expect(Array.from(again.results!)).toEqual([]);
  });
});
