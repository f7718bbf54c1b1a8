import * as A from '@automerge/automerge';
import { describe, expect, it } from 'vitest';
import { openMemoryStore } from '@titip/store';
import { decodeWireMessage } from '../../src/replication/message-codec.js';
import { Replica } from '../../src/replication/replica.js';
import type { FrameChannel } from '../../src/transport/frame-channel.js';
import { createMemoryChannelPair } from '../../src/transport/memory-channel-pair.js';
import { SyncEngine } from '../../src/replication/sync-engine.js';
import { memoryReplica, testObject, testValidator, waitFor } from './fixtures.js';

const DESA_A = '1906012001';
const DESA_B = '1906012002';
const DESA_C = '1906022001';

function connect(left: Replica, right: Replica, names = ['left', 'right'] as const) {
  const [a, b] = createMemoryChannelPair(names[0], names[1], { maxFrameBytes: 4 * 1024 * 1024 });
  const engines = [new SyncEngine({ replica: left }), new SyncEngine({ replica: right })] as const;
  const sessions = [engines[0].attach(a), engines[1].attach(b)] as const;
  return { engines, sessions, stop: () => Promise.all(engines.map((e) => e.stop())) };
}

/** The sync messages sent over a channel: document and number of Automerge changes carried. */
function recording(channel: FrameChannel, log: { doc: string; changes: number }[]): FrameChannel {
  return {
    remotePeer: channel.remotePeer,
    frames: () => channel.frames(),
    close: () => channel.close(),
    abort: (reason) => channel.abort(reason),
    send: (frame) => {
      const message = decodeWireMessage(frame);
      if (message.t === 'sync') log.push({ doc: message.doc, changes: A.decodeSyncMessage(message.data).changes.length });
      return channel.send(frame);
    },
  };
}

describe('SyncSession', () => {
  it('sends each document an empty peer lacks once, in its first message, and the empty peer opens none', async () => {
    const { replica: full } = await memoryReplica(['1906']);
    const { replica: empty } = await memoryReplica(['1906']);
    for (const desa of [DESA_A, DESA_B, DESA_C]) await full.addLocal(desa, Array.from({ length: 5 }, (_, i) => testObject(desa, `r${i}`)));
    const [a, b] = createMemoryChannelPair('full', 'empty');
    const fromFull: { doc: string; changes: number }[] = [];
    const fromEmpty: { doc: string; changes: number }[] = [];
    const engines = [new SyncEngine({ replica: full }), new SyncEngine({ replica: empty })];
    engines[0]!.attach(recording(a, fromFull));
    engines[1]!.attach(recording(b, fromEmpty));
    await waitFor(() => empty.objectCount === 15 && fromEmpty.length === 3);
    await new Promise((r) => setTimeout(r, 50));
    // one message per document each way: the changes, and the empty peer's acknowledgement
    expect(fromFull.map((m) => m.changes)).toEqual([1, 1, 1]);
    expect(fromEmpty.map((m) => m.changes)).toEqual([0, 0, 0]);
    expect(new Set(fromFull.map((m) => m.doc))).toEqual(new Set([DESA_A, DESA_B, DESA_C]));
    await Promise.all(engines.map((e) => e.stop()));
  });

  it('copies every object in scope to an empty peer and ends with equal digests', async () => {
    const { replica: full } = await memoryReplica(['1906']);
    const { replica: empty } = await memoryReplica(['1906']);
    for (const desa of [DESA_A, DESA_B, DESA_C]) {
      await full.addLocal(desa, Array.from({ length: 20 }, (_, i) => testObject(desa, `r${i}`)));
    }
    const link = connect(full, empty);
    await waitFor(() => empty.objectCount === 60);
    const all = (d: string) => d.startsWith('1906');
    expect(empty.digest(all)).toEqual(full.digest(all));
    await link.stop();
  });

  it('agrees at hello on reconnect, exchanging only the hellos', async () => {
    const { replica: a } = await memoryReplica(['1906']);
    const { replica: b } = await memoryReplica(['1906']);
    await a.addLocal(DESA_A, Array.from({ length: 100 }, (_, i) => testObject(DESA_A, `r${i}`)));
    const first = connect(a, b);
    await waitFor(() => b.objectCount === 100);
    await first.stop();
    const second = connect(a, b);
    await waitFor(() => second.sessions.every((s) => s.stats.agreedAtHello));
    await new Promise((r) => setTimeout(r, 50));
    const bytes = second.sessions.reduce((n, s) => n + s.stats.bytesOut, 0);
    expect(second.sessions.map((s) => s.stats.framesOut)).toEqual([1, 1]);
    expect(bytes).toBeLessThan(300);
    await second.stop();
  });

  it('gives a TPS-scoped peer its desa document only, and a kecamatan relay only its kecamatan', async () => {
    const { replica: kab } = await memoryReplica(['1906']);
    const { replica: operator } = await memoryReplica([`${DESA_A}001`]);
    const { replica: ppk } = await memoryReplica(['190601']);
    await kab.addLocal(DESA_A, [testObject(DESA_A, 'a')]);
    await kab.addLocal(DESA_B, [testObject(DESA_B, 'b')]);
    await kab.addLocal(DESA_C, [testObject(DESA_C, 'c')]);
    const l1 = connect(kab, operator);
    const l2 = connect(kab, ppk);
    await waitFor(() => operator.objectCount === 1 && ppk.objectCount === 2);
    expect(operator.docIds()).toEqual([DESA_A]);
    expect(ppk.docIds()).toEqual([DESA_A, DESA_B]);
    await Promise.all([l1.stop(), l2.stop()]);
  });

  it('relays up a 3-hop chain and back down, live, through peers that never opened the data', async () => {
    const { replica: operator } = await memoryReplica([`${DESA_A}001`]);
    const { replica: pps } = await memoryReplica([DESA_A]);
    const { replica: ppk } = await memoryReplica(['190601']);
    const { replica: server } = await memoryReplica(['']);
    const links = [connect(operator, pps), connect(pps, ppk), connect(ppk, server)];
    await waitFor(() => links.every((l) => l.sessions.every((s) => s.phase === 'live')));
    const submission = testObject(DESA_A, 'submission');
    await operator.addLocal(DESA_A, [submission]);
    await waitFor(() => server.object(submission.id) !== undefined);
    const receipt = testObject(DESA_A, 'receipt');
    await server.addLocal(DESA_A, [receipt]);
    await waitFor(() => operator.object(receipt.id) !== undefined);
    expect(pps.object(submission.id)).toBeDefined();
    await Promise.all(links.map((l) => l.stop()));
  });

  it('reconciles peers that both gained objects while apart', async () => {
    const { replica: a } = await memoryReplica(['190601']);
    const { replica: b } = await memoryReplica(['190601']);
    await a.addLocal(DESA_A, [testObject(DESA_A, 'a1')]);
    await b.addLocal(DESA_A, [testObject(DESA_A, 'b1')]);
    await b.addLocal(DESA_B, [testObject(DESA_B, 'b2')]);
    const link = connect(a, b);
    await waitFor(() => a.objectCount === 3 && b.objectCount === 3);
    const all = () => true;
    expect(a.digest(all)).toEqual(b.digest(all));
    await link.stop();
  });
});

describe('SyncSession when this side fails', () => {
  it('closes without reporting or banning the peer when its own validator fails, and syncs once it works again', async () => {
    const { replica: full } = await memoryReplica(['1906']);
    await full.addLocal(DESA_A, [testObject(DESA_A, 'r1')]);
    let broken = true;
    const flaky = {
      async validate(entries: readonly { id: string; bytes: Uint8Array }[]) {
        if (broken) throw new Error('validation queue full');
        return testValidator.validate(entries);
      },
    };
    const empty = await Replica.open({ store: await openMemoryStore(), scopes: ['1906'], validator: flaky });
    const receiving = new SyncEngine({ replica: empty });
    const sending = new SyncEngine({ replica: full });
    const [a, b] = createMemoryChannelPair('full', 'empty');
    sending.attach(a);
    const session = receiving.attach(b);
    await session.closed;
    expect(receiving.reports()).toEqual([]);
    expect(receiving.isBanned('full')).toBe(false);
    expect(empty.objectCount).toBe(0);
    broken = false;
    const [c, d] = createMemoryChannelPair('full', 'empty');
    sending.attach(c);
    receiving.attach(d);
    await waitFor(() => empty.objectCount === 1);
    await Promise.all([sending.stop(), receiving.stop()]);
  });
});

describe('SyncEngine.refusals', () => {
  it("records what the remote refused of this side's data (its reject), so an app can say why no receipt comes", async () => {
    const { replica: sender } = await memoryReplica(['1906']);
    await sender.addLocal(DESA_A, [testObject(DESA_A, 'forged result')], { trusted: true });
    const { replica: receiver } = await memoryReplica(['1906']);
    const sending = new SyncEngine({ replica: sender });
    const receiving = new SyncEngine({ replica: receiver });
    const [a, b] = createMemoryChannelPair('sender', 'receiver');
    const session = sending.attach(a);
    receiving.attach(b);
    await session.closed;
    await waitFor(() => sending.refusals().length === 1);
    expect(sending.refusals()[0]).toMatchObject({ peer: 'receiver', code: 'invalid-object' });
    expect(sending.refusals()[0]!.detail).toContain('bad-signature');
    expect(sending.reports()).toEqual([]); // being refused is not the remote's misbehaviour
    expect(receiving.refusals()).toEqual([]);
    expect(receiver.objectCount).toBe(0);
  });
});
