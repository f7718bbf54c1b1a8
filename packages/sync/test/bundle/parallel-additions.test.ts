import * as A from '@automerge/automerge';
import { describe, expect, it } from 'vitest';
import type { Replica } from '../../src/replication/replica.js';
import { memoryReplica, testObject } from '../replication/fixtures.js';

const DOC = '1906012001';

/** Runs the Automerge sync protocol between two replicas in process, both ways, through the validating merge. */
async function syncInProcess(a: Replica, b: Replica): Promise<void> {
  let stateA = A.initSyncState(); // a's view of b
  let stateB = A.initSyncState(); // b's view of a
  for (let round = 0; round < 20; round++) {
    const [nextA, toB] = a.generateSyncMessage(DOC, stateA);
    stateA = nextA;
    if (toB) stateB = (await b.applyRemote(DOC, stateB, toB, 'a')).syncState;
    const [nextB, toA] = b.generateSyncMessage(DOC, stateB);
    stateB = nextB;
    if (toA) stateA = (await a.applyRemote(DOC, stateA, toA, 'b')).syncState;
    if (!toA && !toB) return;
  }
  throw new Error('sync did not settle');
}

// What a bundle import does: the same object reaches two replicas by separate additions (two Automerge puts of the
// same key with the same bytes, by different actors). When the value already held wins, A.diff reports
// `{ action: 'conflict' }`; the validating merge accepts it when every conflicting value is the same object
// (validate-merge.ts, agreedValue). Found by this test and by a new user submitting one signed file from two devices.
describe('the same object added independently on two replicas', () => {
  it('lets the two replicas sync and agree', async () => {
    const { replica: a } = await memoryReplica([DOC]);
    const { replica: b } = await memoryReplica([DOC]);
    const shared = testObject(DOC, 'result of TPS 001');
    await a.addLocal(DOC, [shared, testObject(DOC, 'only a')]);
    await b.addLocal(DOC, [shared, testObject(DOC, 'only b')]);
    await syncInProcess(a, b);
    expect(a.heads(DOC)).toEqual(b.heads(DOC));
    expect(a.objectCount).toBe(3);
  });
});
