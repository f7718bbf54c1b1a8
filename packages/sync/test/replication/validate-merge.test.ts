import * as A from '@automerge/automerge';
import { describe, expect, it } from 'vitest';
import { generateSyncMessage, newBackend } from '../../src/replication/automerge-backend.js';
import { forkWithObjects, objectIdsOf, objectOf, sortedHeadsOf } from '../../src/replication/region-backend.js';
import { Replica } from '../../src/replication/replica.js';
import { mergeRemoteSyncMessage } from '../../src/replication/validate-merge.js';
import { Attacker } from './attacker.js';
import { memoryReplica, testObject, testValidator, waitFor } from './fixtures.js';

const DESA = '1906012001';
const OTHER_DESA = '1906012002';

async function victimWithObjects() {
  const { store, replica } = await memoryReplica(['190601']);
  const objects = Array.from({ length: 5 }, (_, i) => testObject(DESA, `honest-${i}`));
  await replica.addLocal(DESA, objects);
  return { store, replica, objects };
}

const attacks: [string, string, (objects: ReturnType<typeof testObject>[]) => (doc: Record<string, unknown>) => void][] = [
  ['deletes an object', 'delete', (objects) => (doc) => void delete doc[objects[0]!.id]],
  ['overwrites an object with other bytes', 'overwrite', (objects) => (doc) => void (doc[objects[1]!.id] = testObject(DESA, 'altered').bytes)],
  ['injects junk under a made-up id', 'invalid-object', () => (doc) => void (doc['f'.repeat(64)] = new Uint8Array([1, 2, 3]))],
  ['injects a forged object under its real hash', 'invalid-object', () => (doc) => {
    const forged = testObject(DESA, 'forged-result');
    doc[forged.id] = forged.bytes;
  }],
  ['smuggles an object of another document', 'wrong-document', () => (doc) => {
    const foreign = testObject(OTHER_DESA, 'elsewhere');
    doc[foreign.id] = foreign.bytes;
  }],
  ['writes a nested map', 'not-bytes', () => (doc) => void (doc['nested'] = { numbers: [1, 2, 3] })],
  ['writes a string instead of bytes', 'not-bytes', () => (doc) => void (doc['a'.repeat(64)] = 'text')],
  ['puts a held object again after it (same bytes: only history to store)', 'rewrite', (objects) => (doc) => {
    doc[objects[2]!.id] = new Uint8Array(0); // Automerge's JS API skips a put of the value already there
    doc[objects[2]!.id] = objects[2]!.bytes;
  }],
];

describe('validating merge against a hostile peer', () => {
  it('rejects an empty change (new history adding no object), reports it, and keeps the stored state', async () => {
    const { replica } = await victimWithObjects();
    const before = replica.heads(DESA);
    const attacker = await Attacker.connect(replica, DESA);
    await attacker.rewrite(DESA, (doc) => A.emptyChange(doc));
    await waitFor(() => attacker.rejected);
    expect(attacker.received.find((m) => m.t === 'reject')).toMatchObject({ reason: 'empty-change' });
    expect(attacker.engine!.isBanned('attacker')).toBe(true);
    expect(replica.heads(DESA)).toEqual(before);
  });

  for (const [name, reason, attack] of attacks) {
    it(`rejects a peer that ${name}, reports it, and keeps the stored state`, async () => {
      const { store, replica, objects } = await victimWithObjects();
      const before = replica.heads(DESA);
      const attacker = await Attacker.connect(replica, DESA);
      await attacker.tamper(DESA, attack(objects));
      await waitFor(() => attacker.rejected);
      const reject = attacker.received.find((m) => m.t === 'reject');
      expect(reject).toMatchObject({ reason });
      expect(attacker.engine!.reports()).toHaveLength(1);
      expect(attacker.engine!.reports()[0]).toMatchObject({ peer: 'attacker', code: reason, docId: DESA });
      expect(attacker.engine!.isBanned('attacker')).toBe(true);
      expect(replica.heads(DESA)).toEqual(before);
      for (const o of objects) expect(replica.object(o.id)).toEqual(o.bytes);
      // What is on disk is what was there before the attack.
      const reopened = await Replica.open({ store, scopes: ['190601'], validator: testValidator });
      expect(reopened.heads(DESA)).toEqual(before);
      expect(reopened.objectCount).toBe(objects.length);
    });
  }

  it('refuses malformed frames and messages with a typed reason, and keeps serving honest peers', async () => {
    const { replica } = await victimWithObjects();
    const bad = await Attacker.connect(replica, DESA);
    await bad.sendRaw(new Uint8Array([0xff, 0x00, 0x13]));
    await waitFor(() => bad.rejected);
    expect(bad.received.find((m) => m.t === 'reject')).toMatchObject({ reason: 'WIRE_MALFORMED' });

    const outOfScope = await Attacker.connect(replica, DESA);
    await outOfScope.send({ t: 'sync', v: 1, doc: '3171011001', data: new Uint8Array([1]) });
    await waitFor(() => outOfScope.rejected);
    expect(outOfScope.received.find((m) => m.t === 'reject')).toMatchObject({ reason: 'OUT_OF_SCOPE' });

    const garbage = await Attacker.connect(replica, DESA);
    await garbage.send({ t: 'sync', v: 1, doc: DESA, data: new Uint8Array([0x42, 1, 2, 3, 4]) });
    await waitFor(() => garbage.rejected);
    expect(garbage.received.find((m) => m.t === 'reject')).toMatchObject({ reason: 'undecodable' });

    // an honest object still gets in through another session
    const { replica: honest } = await memoryReplica(['190601']);
    const fresh = testObject(DESA, 'after-the-attacks');
    await honest.addLocal(DESA, [fresh]);
    const { createMemoryChannelPair } = await import('../../src/transport/memory-channel-pair.js');
    const { SyncEngine } = await import('../../src/replication/sync-engine.js');
    const [a, b] = createMemoryChannelPair('honest', 'victim');
    const engines = [new SyncEngine({ replica: honest }), new SyncEngine({ replica })];
    engines[0]!.attach(a);
    engines[1]!.attach(b);
    await waitFor(() => replica.object(fresh.id) !== undefined);
    await Promise.all(engines.map((e) => e.stop()));
  });
});

describe('mergeRemoteSyncMessage (the validating merge on document backends)', () => {
  async function remoteChange(edit: (doc: Record<string, unknown>) => void) {
    const held = forkWithObjects(newBackend(), [testObject(DESA, 'held')], () => false).backend;
    // the remote peer shares the history and makes one change
    let remote = A.load<Record<string, unknown>>(held.save());
    remote = A.change(remote, edit);
    const [, request] = generateSyncMessage(held, A.initSyncState());
    const [, remoteState] = A.receiveSyncMessage(remote, A.initSyncState(), request!);
    const [, message] = A.generateSyncMessage(remote, remoteState);
    return { held, message: message! };
  }

  it('receives a message carrying changes on a fork, returned when accepted; the held backend never changes', async () => {
    const fresh = testObject(DESA, 'fresh');
    const { held, message } = await remoteChange((d) => void (d[fresh.id] = fresh.bytes));
    const before = sortedHeadsOf(held);
    const merge = await mergeRemoteSyncMessage(DESA, held, A.initSyncState(), message, testValidator, { maxObjectBytes: 65_536 });
    expect(merge.backend).not.toBe(held);
    expect(merge.added.map((e) => e.id)).toEqual([fresh.id]);
    expect(objectOf(merge.backend, fresh.id)).toEqual(fresh.bytes);
    expect(sortedHeadsOf(held)).toEqual(before);
    expect(objectOf(held, fresh.id)).toBeUndefined();
  });

  it('refuses a forbidden change, leaving the held backend as it was', async () => {
    const forged = testObject(DESA, 'forged');
    const { held, message } = await remoteChange((d) => void (d[forged.id] = forged.bytes));
    const before = sortedHeadsOf(held);
    await expect(mergeRemoteSyncMessage(DESA, held, A.initSyncState(), message, testValidator, { maxObjectBytes: 65_536 })).rejects.toMatchObject({
      rejection: { reason: 'invalid-object', objectId: forged.id },
    });
    expect(sortedHeadsOf(held)).toEqual(before);
    expect(objectIdsOf(held)).toHaveLength(1);
    await expect(mergeRemoteSyncMessage(DESA, held, A.initSyncState(), new Uint8Array([0x42, 9, 9]), testValidator, { maxObjectBytes: 65_536 })).rejects.toMatchObject({
      rejection: { reason: 'undecodable' },
    });
  });

  it('receives a message without changes on the held backend itself (nothing to copy)', async () => {
    const held = forkWithObjects(newBackend(), [testObject(DESA, 'held')], () => false).backend;
    const [, hello] = A.generateSyncMessage(A.init(), A.initSyncState());
    const merge = await mergeRemoteSyncMessage(DESA, held, A.initSyncState(), hello!, testValidator, { maxObjectBytes: 65_536 });
    expect(merge.backend).toBe(held);
    expect(merge.added).toEqual([]);
    expect(merge.syncState.theirHeads).toEqual([]);
  });
});
