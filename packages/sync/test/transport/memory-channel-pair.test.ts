import { describe, expect, it } from 'vitest';
import {
  ChannelClosedError,
  ChannelResetError,
  FrameTooLargeError,
  InvalidTransportOptionError,
  createMemoryChannelPair,
} from '../../src/transport/index.js';
import { collect, patternFrame, rejectionOf, sameBytes } from './fixtures/frames.js';

describe('createMemoryChannelPair', () => {
  it('names each side after the other', () => {
    const [a, b] = createMemoryChannelPair('alice', 'bob');
    expect(a.remotePeer).toBe('bob');
    expect(b.remotePeer).toBe('alice');
  });

  it('delivers 1,000 frames each way in order, concurrently', async () => {
    const [a, b] = createMemoryChannelPair('a', 'b', { readHighWaterMark: 4096 });
    const send = async (from: typeof a, salt: number): Promise<void> => {
      for (let i = 0; i < 1000; i++) await from.send(patternFrame(salt + i, i % 700));
      await from.close();
    };
    const [, , atB, atA] = await Promise.all([send(a, 0), send(b, 10_000), collect(b.frames()), collect(a.frames())]);
    expect(atB).toHaveLength(1000);
    expect(atA).toHaveLength(1000);
    for (let i = 0; i < 1000; i++) {
      expect(sameBytes(atB[i], patternFrame(i, i % 700)), `a→b frame ${i}`).toBe(true);
      expect(sameBytes(atA[i], patternFrame(10_000 + i, i % 700)), `b→a frame ${i}`).toBe(true);
    }
  });

  it('keeps order when sends are not awaited one by one', async () => {
    const [a, b] = createMemoryChannelPair('a', 'b', { readHighWaterMark: 10 });
    const sends = Array.from({ length: 50 }, (_, i) => a.send(Uint8Array.of(i)));
    const reading = collect(b.frames());
    await Promise.all(sends);
    await a.close();
    expect((await reading).map((f) => f[0])).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('copies frames: changing a sent buffer afterwards changes nothing', async () => {
    const [a, b] = createMemoryChannelPair('a', 'b');
    const frame = Uint8Array.of(1, 2, 3);
    const sent = a.send(frame);
    frame.fill(0);
    await sent;
    await a.close();
    expect(await collect(b.frames())).toEqual([Uint8Array.of(1, 2, 3)]);
  });

  it('applies backpressure: a send waits while the receiver holds readHighWaterMark bytes unread', async () => {
    const [a, b] = createMemoryChannelPair('a', 'b', { readHighWaterMark: 100 });
    await a.send(new Uint8Array(100));
    let second = false;
    const pending = a.send(new Uint8Array(1)).then(() => (second = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second).toBe(false);
    const reader = b.frames()[Symbol.asyncIterator]();
    await reader.next();
    await pending;
    expect(second).toBe(true);
  });

  it('close ends the remote frames() after what was sent, is safe twice, and refuses later sends', async () => {
    const [a, b] = createMemoryChannelPair('a', 'b');
    await a.send(Uint8Array.of(1));
    await a.send(Uint8Array.of(2));
    await a.close();
    await a.close();
    expect(await collect(b.frames())).toEqual([Uint8Array.of(1), Uint8Array.of(2)]);
    const refused = await rejectionOf(a.send(Uint8Array.of(3)));
    expect(refused).toBeInstanceOf(ChannelClosedError);
    expect(refused).toMatchObject({ code: 'CHANNEL_CLOSED' });
    // The closing side stops reading too: its frames() ends.
    expect(await collect(a.frames())).toEqual([]);
    await b.close();
  });

  it('close waits for queued sends, and aborts if the remote never makes room', async () => {
    const [a, b] = createMemoryChannelPair('a', 'b', { readHighWaterMark: 1, closeTimeoutMs: 50 });
    await a.send(Uint8Array.of(1));
    const stuck = a.send(Uint8Array.of(2));
    await a.close();
    expect(await rejectionOf(stuck)).toBeInstanceOf(ChannelClosedError);
    expect(await rejectionOf(collect(b.frames()))).toBeInstanceOf(ChannelResetError);
  });

  it('abort tears both sides down at once: local frames() throws the reason, the remote sees a reset', async () => {
    const [a, b] = createMemoryChannelPair('a', 'b');
    await b.send(Uint8Array.of(1));
    const reason = new Error('operator cancelled');
    a.abort(reason);
    a.abort(new Error('again'));
    expect(await rejectionOf(collect(a.frames()))).toBe(reason);
    const reset = await rejectionOf(collect(b.frames()));
    expect(reset).toBeInstanceOf(ChannelResetError);
    expect(reset).toMatchObject({ code: 'CHANNEL_RESET', remotePeer: 'a', cause: reason });
    expect(await rejectionOf(a.send(Uint8Array.of(1)))).toBeInstanceOf(ChannelClosedError);
    expect(await rejectionOf(b.send(Uint8Array.of(1)))).toBeInstanceOf(ChannelClosedError);
    await a.close();
  });

  it('refuses an oversized send locally and stays usable', async () => {
    const [a, b] = createMemoryChannelPair('a', 'b', { maxFrameBytes: 8 });
    const refused = await rejectionOf(a.send(new Uint8Array(9)));
    expect(refused).toBeInstanceOf(FrameTooLargeError);
    expect(refused).toMatchObject({ code: 'FRAME_TOO_LARGE', length: 9, maxFrameBytes: 8 });
    await a.send(new Uint8Array(8));
    await a.close();
    expect(await collect(b.frames())).toHaveLength(1);
  });

  it('a receiver with a smaller limit refuses the frame: earlier frames, then FrameTooLargeError; the sender sees a reset', async () => {
    const [a, b] = createMemoryChannelPair('a', 'b', { maxFrameBytesA: 1000, maxFrameBytesB: 10 });
    await a.send(Uint8Array.of(1));
    await a.send(new Uint8Array(11));
    const seen: Uint8Array[] = [];
    const refusal = await rejectionOf(
      (async () => {
        for await (const frame of b.frames()) seen.push(frame);
      })(),
    );
    expect(seen).toEqual([Uint8Array.of(1)]);
    expect(refusal).toBeInstanceOf(FrameTooLargeError);
    expect(refusal).toMatchObject({ length: 11, maxFrameBytes: 10 });
    expect(await rejectionOf(collect(a.frames()))).toBeInstanceOf(ChannelResetError);
    expect(await rejectionOf(a.send(Uint8Array.of(2)))).toBeInstanceOf(ChannelClosedError);
  });

  it('refuses invalid options with InvalidTransportOptionError', () => {
    expect(() => createMemoryChannelPair('a', 'b', { maxFrameBytes: -1 })).toThrow(InvalidTransportOptionError);
    expect(() => createMemoryChannelPair('a', 'b', { maxFrameBytes: 1.5 })).toThrow(InvalidTransportOptionError);
    expect(() => createMemoryChannelPair('a', 'b', { readHighWaterMark: 0 })).toThrow(InvalidTransportOptionError);
    expect(() => createMemoryChannelPair('a', 'b', { maxFrameBytesB: 2 ** 40 })).toThrow(/maxFrameBytesB/);
  });
});
