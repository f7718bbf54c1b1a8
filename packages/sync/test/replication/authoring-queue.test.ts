import { describe, expect, it } from 'vitest';
import { AuthoringQueue } from '../../src/replication/authoring-queue.js';
import type { Logger } from '@titip/log';
import { memoryReplica, testObject } from './fixtures.js';

const DESA_A = '1906012001';
const DESA_B = '1906012002';

/** A logger that keeps its errors' fields. */
function errorLog(): Logger & { errors: Record<string, unknown>[] } {
  const errors: Record<string, unknown>[] = [];
  const logger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (_msg, fields = {}) => void errors.push(fields), child: () => logger };
  return Object.assign(logger, { errors });
}

describe('AuthoringQueue', () => {
  it('adds what was queued in one change per document per flush, on its own after a macrotask', async () => {
    const { replica } = await memoryReplica([DESA_A, DESA_B]);
    const events: [string, string[]][] = [];
    replica.onObjectsAdded((event) => events.push([event.docId, event.added.map((e) => e.id)]));
    const queue = new AuthoringQueue(replica);
    const [a1, a2, b1] = [testObject(DESA_A, 'one'), testObject(DESA_A, 'two'), testObject(DESA_B, 'three')];
    queue.enqueue(DESA_A, a1);
    queue.enqueue(DESA_A, a2);
    queue.enqueue(DESA_B, b1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await queue.flush();
    expect(events.sort()).toEqual([
      [DESA_A, [a1.id, a2.id]],
      [DESA_B, [b1.id]],
    ]);
  });

  it('stores trusted objects without asking the validator (the default)', async () => {
    const { replica } = await memoryReplica([DESA_A]);
    const queue = new AuthoringQueue(replica);
    const forged = testObject(DESA_A, 'forged but trusted');
    queue.enqueue(DESA_A, forged);
    await queue.flush();
    expect(replica.object(forged.id)).toEqual(forged.bytes);
  });

  it('with validate, keeps out what the validator refuses, retrying the batch object by object so the rest is stored', async () => {
    const { replica } = await memoryReplica([DESA_A]);
    const events: string[][] = [];
    replica.onObjectsAdded((event) => events.push(event.added.map((e) => e.id)));
    const logger = errorLog();
    const queue = new AuthoringQueue(replica, { validate: true, logger });
    const [ok1, bad, ok2] = [testObject(DESA_A, 'fine'), testObject(DESA_A, 'forged attestation'), testObject(DESA_A, 'also fine')];
    for (const entry of [ok1, bad, ok2]) queue.enqueue(DESA_A, entry);
    await queue.flush();
    expect(replica.object(ok1.id)).toEqual(ok1.bytes);
    expect(replica.object(ok2.id)).toEqual(ok2.bytes);
    expect(replica.object(bad.id)).toBeUndefined();
    expect(events).toEqual([[ok1.id], [ok2.id]]);
    expect(logger.errors).toEqual([expect.objectContaining({ docId: DESA_A, ids: [bad.id] })]);

    // A clean batch is still one change.
    events.length = 0;
    const [ok3, ok4] = [testObject(DESA_A, 'three'), testObject(DESA_A, 'four')];
    queue.enqueue(DESA_A, ok3);
    queue.enqueue(DESA_A, ok4);
    await queue.flush();
    expect(events).toEqual([[ok3.id, ok4.id]]);
  });

  it('logs and goes on when a document is out of scope, never rejecting flush', async () => {
    const { replica } = await memoryReplica([DESA_A]);
    const logger = errorLog();
    const queue = new AuthoringQueue(replica, { logger });
    const stray = testObject(DESA_B, 'elsewhere');
    queue.enqueue(DESA_B, stray);
    await expect(queue.flush()).resolves.toBeUndefined();
    expect(logger.errors).toEqual([expect.objectContaining({ docId: DESA_B, ids: [stray.id] })]);
  });
});
