import * as A from '@automerge/automerge';
import { describe, expect, it } from 'vitest';
import { newBackend } from '../../src/replication/automerge-backend.js';
import { forkWithObjects, materialize, objectIdsOf, objectOf, sortedHeadsOf } from '../../src/replication/region-backend.js';
import { testObject } from './fixtures.js';

const DESA = '1906012001';

describe('region documents on Automerge backends', () => {
  it('adds objects on a fork, once each, skipping those held, and leave the original untouched', () => {
    const [x, y] = [testObject(DESA, 'x'), testObject(DESA, 'y')];
    const base = forkWithObjects(newBackend(), [x], () => false).backend;
    const before = sortedHeadsOf(base);
    const { backend, added } = forkWithObjects(base, [x, y, y], (id) => id === x.id);
    expect(added.map((e) => e.id)).toEqual([y.id]);
    expect(backend).not.toBe(base);
    expect(sortedHeadsOf(base)).toEqual(before);
    expect(objectIdsOf(base)).toEqual([x.id]);
    expect(objectIdsOf(backend).sort()).toEqual([x.id, y.id].sort());
    expect(objectOf(backend, y.id)).toEqual(y.bytes);
    expect(objectOf(backend, 'f'.repeat(64))).toBeUndefined();
    expect(forkWithObjects(backend, [x, y], () => true)).toEqual({ backend, added: [] });
    // one actor: the fork's changes continue the original's
    expect(backend.getActorId()).toBe(base.getActorId());
    const next = forkWithObjects(backend, [testObject(DESA, 'z')], () => false).backend;
    expect(new Set(next.getChanges([]).map((c) => A.decodeChange(c).actor))).toEqual(new Set([base.getActorId()]));
    expect(next.getChanges([]).map((c) => A.decodeChange(c).seq)).toEqual([1, 2, 3]);
  });

  it('materializes into a JS document with the same content and history', () => {
    const backend = forkWithObjects(newBackend(), [testObject(DESA, 'x'), testObject(DESA, 'y')], () => false).backend;
    const doc = materialize(backend);
    expect([...A.getHeads(doc)].sort()).toEqual(sortedHeadsOf(backend));
    for (const id of objectIdsOf(backend)) expect(doc[id]).toEqual(objectOf(backend, id));
    expect(Object.keys(materialize(newBackend()))).toEqual([]);
  });
});
