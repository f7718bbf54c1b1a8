import { describe, expect, it } from 'vitest';
import { FrameQueue } from '../../src/transport/frame-queue.js';

async function take(queue: FrameQueue, count: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const it = queue.frames()[Symbol.asyncIterator]();
  while (out.length < count) {
    const next = await it.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

describe('FrameQueue', () => {
  it('yields pushed frames in order and ends after end()', async () => {
    const queue = new FrameQueue(100);
    queue.push(Uint8Array.of(1));
    const reading = take(queue, 10);
    queue.push(Uint8Array.of(2));
    queue.end();
    queue.push(Uint8Array.of(3));
    expect(await reading).toEqual([Uint8Array.of(1), Uint8Array.of(2)]);
  });

  it('fail() throws after the queued frames; discard() drops them and throws at once', async () => {
    const failing = new FrameQueue(100);
    failing.push(Uint8Array.of(1));
    failing.fail(new Error('bad'));
    const seen: Uint8Array[] = [];
    await expect(
      (async () => {
        for await (const frame of failing.frames()) seen.push(frame);
      })(),
    ).rejects.toThrow('bad');
    expect(seen).toEqual([Uint8Array.of(1)]);

    const discarded = new FrameQueue(100);
    discarded.push(Uint8Array.of(1));
    discarded.discard(new Error('gone'));
    await expect(take(discarded, 1)).rejects.toThrow('gone');
  });

  it('keeps the first error when discarded after failing, and an end stays clean when discarded without one', async () => {
    const queue = new FrameQueue(100);
    queue.fail(new Error('first'));
    queue.discard(new Error('second'));
    await expect(take(queue, 1)).rejects.toThrow('first');
    const ended = new FrameQueue(100);
    ended.end();
    ended.discard();
    expect(await take(ended, 1)).toEqual([]);
  });

  it('reports full at the high-water mark and releases space waiters as the consumer reads', async () => {
    let below = 0;
    const queue = new FrameQueue(10, () => below++);
    queue.push(new Uint8Array(6));
    expect(queue.full).toBe(false);
    queue.push(new Uint8Array(6));
    expect(queue.full).toBe(true);
    let released = false;
    const waiting = queue.waitForSpace().then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(false);
    await take(queue, 1);
    await waiting;
    expect(released).toBe(true);
    expect(queue.bytes).toBe(6);
    expect(below).toBe(1);
  });
});
