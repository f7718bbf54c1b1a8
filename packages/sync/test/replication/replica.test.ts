import * as A from '@automerge/automerge';
import { openMemoryStore, type KeyValueStore } from '@titip/store';
import { describe, expect, it } from 'vitest';
import { MergeRejectedError } from '../../src/replication/errors.js';
import type { MergeCompanion } from '../../src/replication/merge-companion.js';
import type { ObjectEntry, ObjectValidator } from '../../src/replication/object-validator.js';
import { Replica, type ObjectsAddedEvent } from '../../src/replication/replica.js';
import { testObject, testValidator } from './fixtures.js';

const DESA = '1906012001';

/** A memory store whose batches wait for `release()` while held, or fail while `failing`. */
async function controllableStore() {
  const store = await openMemoryStore();
  let gate: Promise<void> | undefined;
  let open = () => {};
  const control = {
    failing: false,
    batches: 0,
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      gate = undefined;
      open();
    },
  };
  const wrapped = new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'batch') {
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (...args: Parameters<KeyValueStore['batch']>) => {
        control.batches++;
        if (gate) await gate;
        if (control.failing) throw new Error('disk full');
        return target.batch(...args);
      };
    },
  });
  return { store: wrapped, control };
}

/**
 * What an empty peer would receive from `from` in one round of Automerge sync: it asks (heads and Bloom filter of
 * nothing), the replica answers with every change it would announce. (The replica's sync state after such a request
 * is the one an empty document computes, since the request names no heads.)
 */
function pull(from: Replica, docId: string): string[] {
  const [asking, request] = A.generateSyncMessage(A.init<Record<string, Uint8Array>>(), A.initSyncState());
  const [, state] = A.receiveSyncMessage(A.init(), A.initSyncState(), request!);
  const [, reply] = from.generateSyncMessage(docId, state);
  if (reply === null) return [];
  const [doc] = A.receiveSyncMessage(A.init<Record<string, Uint8Array>>(), asking, reply);
  return Object.keys(doc).sort();
}

/** Applies to `sink` what `source` sends an empty peer of `docId` in one message; returns what `sink` answers. */
async function sendOnce(source: Replica, sink: Replica, docId: string): Promise<{ added: ObjectEntry[]; answer: Uint8Array | null }> {
  const [, request] = A.generateSyncMessage(A.init(), A.initSyncState());
  const [, state] = A.receiveSyncMessage(A.init(), A.initSyncState(), request!);
  const [, message] = source.generateSyncMessage(docId, state);
  const applied = await sink.applyRemote(docId, A.initSyncState(), message!, 'source');
  const [, answer] = sink.generateSyncMessage(docId, applied.syncState);
  return { added: applied.added, answer };
}

/** A companion answering each object `x` with the object `ack x`, recording what it settled. */
function ackCompanion(options: { throws?: boolean } = {}) {
  const settled: { ids: string[]; stored: boolean }[] = [];
  const companion: MergeCompanion = {
    objectsFor(docId, added) {
      if (options.throws) throw new Error('cannot sign');
      return added.map((e) => testObject(docId, `ack ${new TextDecoder().decode(e.bytes)}`));
    },
    settled(_docId, objects, stored) {
      settled.push({ ids: objects.map((o) => o.id).sort(), stored });
    },
  };
  return { companion, settled };
}

describe('Replica merge companion', () => {
  it('stores its objects in the write of the merge they answer, announces both only once durable, and they travel in the answer', async () => {
    const source = await Replica.open({ store: await openMemoryStore(), scopes: [DESA], validator: testValidator });
    const a = testObject(DESA, 'a');
    const b = testObject(DESA, 'b');
    await source.addLocal(DESA, [a, b]);
    const { store, control } = await controllableStore();
    const sink = await Replica.open({ store, scopes: [DESA], validator: testValidator });
    const { companion, settled } = ackCompanion();
    sink.setMergeCompanion(companion);
    const events: ObjectsAddedEvent[] = [];
    sink.onObjectsAdded((e) => events.push(e));
    const acks = [testObject(DESA, `ack ${DESA}|a`), testObject(DESA, `ack ${DESA}|b`)];
    control.hold();
    const sending = sendOnce(source, sink, DESA);
    await new Promise((r) => setTimeout(r, 20));
    expect(control.batches).toBe(1); // one write for the merge and its companion objects
    expect(pull(sink, DESA)).toEqual([]);
    expect(events).toEqual([]);
    control.release();
    const { added, answer } = await sending;
    expect(control.batches).toBe(1);
    expect(added.map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
    // the companion's objects first (origin local), then the merge's
    expect(events.map((e) => [e.origin, e.added.map((x) => x.id).sort()])).toEqual([
      ['local', acks.map((x) => x.id).sort()],
      [{ peer: 'source' }, [a.id, b.id].sort()],
    ]);
    expect(settled).toEqual([{ ids: acks.map((x) => x.id).sort(), stored: true }]);
    expect(pull(sink, DESA)).toEqual([a.id, b.id, ...acks.map((x) => x.id)].sort());
    // the answer to the source carries the companion's objects, through the source's validating merge
    expect(answer).not.toBeNull();
    const back = await source.applyRemote(DESA, A.initSyncState(), answer!, 'sink');
    expect(back.added.map((e) => e.id).sort()).toEqual(acks.map((x) => x.id).sort());
    const reopened = await Replica.open({ store, scopes: [DESA], validator: testValidator });
    expect(reopened.objectCount).toBe(4);
  });

  it('drops its objects with a merge whose write fails, and the replica stays usable', async () => {
    const source = await Replica.open({ store: await openMemoryStore(), scopes: [DESA], validator: testValidator });
    await source.addLocal(DESA, [testObject(DESA, 'a')]);
    const { store, control } = await controllableStore();
    const sink = await Replica.open({ store, scopes: [DESA], validator: testValidator });
    const { companion, settled } = ackCompanion();
    sink.setMergeCompanion(companion);
    control.failing = true;
    await expect(sendOnce(source, sink, DESA)).rejects.toThrow('disk full');
    expect(sink.objectCount).toBe(0);
    expect(settled).toEqual([{ ids: [testObject(DESA, `ack ${DESA}|a`).id], stored: false }]);
    control.failing = false;
    await sendOnce(source, sink, DESA);
    expect(sink.objectCount).toBe(2);
    expect((await Replica.open({ store, scopes: [DESA], validator: testValidator })).objectCount).toBe(2);
  });

  it('stores the merge alone when the companion throws, and leaves local additions and removed companions alone', async () => {
    const source = await Replica.open({ store: await openMemoryStore(), scopes: [DESA], validator: testValidator });
    await source.addLocal(DESA, [testObject(DESA, 'a')]);
    const sink = await Replica.open({ store: await openMemoryStore(), scopes: [DESA], validator: testValidator });
    const failing = ackCompanion({ throws: true });
    sink.setMergeCompanion(failing.companion);
    await sendOnce(source, sink, DESA);
    expect(sink.objectCount).toBe(1);
    expect(failing.settled).toEqual([]);
    const acking = ackCompanion();
    sink.setMergeCompanion(acking.companion);
    await sink.addLocal(DESA, [testObject(DESA, 'local')]);
    expect(sink.objectCount).toBe(2);
    sink.setMergeCompanion(undefined);
    await source.addLocal(DESA, [testObject(DESA, 'b')]);
    await sendOnce(source, sink, DESA);
    expect(sink.objectCount).toBe(3);
    expect(acking.settled).toEqual([]);
  });
});

describe('Replica', () => {
  it('announces an addition only once it is stored: sync messages generated during the write do not carry it', async () => {
    const { store, control } = await controllableStore();
    const replica = await Replica.open({ store, scopes: [DESA], validator: testValidator });
    const first = testObject(DESA, 'stored');
    await replica.addLocal(DESA, [first]);
    control.hold();
    const second = testObject(DESA, 'being written');
    const adding = replica.addLocal(DESA, [second]);
    await new Promise((r) => setTimeout(r, 20));
    expect(control.batches).toBe(2); // the second write has started
    expect(pull(replica, DESA)).toEqual([first.id]);
    expect(replica.object(second.id)).toBeUndefined();
    control.release();
    await adding;
    expect(pull(replica, DESA)).toEqual([first.id, second.id].sort());
  });

  it('keeps a document as it was when its write fails, and stays usable', async () => {
    const { store, control } = await controllableStore();
    const replica = await Replica.open({ store, scopes: [DESA], validator: testValidator });
    await replica.addLocal(DESA, [testObject(DESA, 'a')]);
    const heads = replica.heads(DESA);
    control.failing = true;
    await expect(replica.addLocal(DESA, [testObject(DESA, 'b')])).rejects.toThrow('disk full');
    expect(replica.heads(DESA)).toEqual(heads);
    expect(replica.objectCount).toBe(1);
    control.failing = false;
    const c = testObject(DESA, 'c');
    expect(await replica.addLocal(DESA, [testObject(DESA, 'b'), c])).toHaveLength(2);
    const reopened = await Replica.open({ store, scopes: [DESA], validator: testValidator });
    expect(reopened.objectCount).toBe(3);
    expect(reopened.object(c.id)).toEqual(c.bytes);
  });

  it('hands what the validator decoded on to listeners with the objects, for local and remote additions', async () => {
    const decoding: ObjectValidator = {
      async validate(entries) {
        const verdicts = await testValidator.validate(entries);
        return verdicts.map((v, i) => (v.ok ? { ...v, decoded: { text: new TextDecoder().decode(entries[i]!.bytes) } } : v));
      },
    };
    const source = await Replica.open({ store: await openMemoryStore(), scopes: [DESA], validator: decoding });
    const sink = await Replica.open({ store: await openMemoryStore(), scopes: [DESA], validator: decoding });
    const events: ObjectsAddedEvent[] = [];
    source.onObjectsAdded((e) => events.push(e));
    sink.onObjectsAdded((e) => events.push(e));
    const object = testObject(DESA, 'r1');
    await source.addLocal(DESA, [object]);
    let toSink = A.initSyncState();
    let toSource = A.initSyncState();
    for (let round = 0; round < 10; round++) {
      const [a, m1] = source.generateSyncMessage(DESA, toSink);
      toSink = a;
      if (m1) toSource = (await sink.applyRemote(DESA, toSource, m1, 'source')).syncState;
      const [b, m2] = sink.generateSyncMessage(DESA, toSource);
      toSource = b;
      if (m2) toSink = (await source.applyRemote(DESA, toSink, m2, 'sink')).syncState;
      if (!m1 && !m2) break;
    }
    expect(events.map((e) => [e.origin, e.added.map((entry) => entry.decoded)])).toEqual([
      ['local', [{ text: `${DESA}|r1` }]],
      [{ peer: 'source' }, [{ text: `${DESA}|r1` }]],
    ]);
    // a trusted local addition passes on what its author gave
    await source.addLocal(DESA, [{ ...testObject(DESA, 'r2'), decoded: 'authored' }], { trusted: true });
    expect(events.at(-1)!.added[0]!.decoded).toBe('authored');
  });

  it('refuses a local object the validator refuses, storing nothing', async () => {
    const replica = await Replica.open({ store: await openMemoryStore(), scopes: [DESA], validator: testValidator });
    await expect(replica.addLocal(DESA, [testObject(DESA, 'forged result')])).rejects.toBeInstanceOf(MergeRejectedError);
    expect(replica.objectCount).toBe(0);
    expect(replica.heads(DESA)).toEqual([]);
  });

  it('lists and copies objects without a JS document, and gives a full JS copy on request', async () => {
    const replica = await Replica.open({ store: await openMemoryStore(), scopes: [DESA], validator: testValidator });
    const objects = [1, 2, 3].map((n) => testObject(DESA, `r${n}`));
    await replica.addLocal(DESA, objects);
    expect(replica.objectIdsIn(DESA).sort()).toEqual(objects.map((o) => o.id).sort());
    expect(replica.objectIdsIn('1906012002')).toEqual([]);
    const copy = replica.object(objects[0]!.id)!;
    copy[0] = 0;
    expect(replica.object(objects[0]!.id)).toEqual(objects[0]!.bytes);
    const doc = replica.doc(DESA)!;
    expect(A.getHeads(doc).sort()).toEqual(replica.heads(DESA));
    expect(Object.keys(doc).sort()).toEqual(objects.map((o) => o.id).sort());
    expect([...replica.objects()].map((o) => o.docId)).toEqual([DESA, DESA, DESA]);
  });
});
