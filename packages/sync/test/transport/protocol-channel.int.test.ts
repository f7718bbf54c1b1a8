import { afterEach, describe, expect, it } from 'vitest';
import {
  ChannelClosedError,
  ChannelResetError,
  FrameTooLargeError,
  MalformedFrameError,
  StreamLimitError,
  TruncatedFrameError,
  handleFrameProtocol,
  openFrameChannel,
  type FrameChannel,
} from '../../src/transport/index.js';
import { encodeUnsignedVarint } from '../../src/transport/unsigned-varint.js';
import { ChannelInbox } from './fixtures/channel-inbox.js';
import { collect, patternFrame, rejectionOf, sameBytes } from './fixtures/frames.js';
import { NodeSet, addressOf, type LoopbackTransport } from './fixtures/peers.js';

const PROTOCOL = '/titip/sync/1.0.0';
const MiB = 1024 * 1024;

const nodes = new NodeSet();
afterEach(async () => {
  await nodes.stopAll();
});

/** Sends `count` frames of varied sizes (0 … 2,999 bytes) in order, awaiting each. */
async function sendSequence(channel: FrameChannel, count: number, salt: number): Promise<void> {
  for (let i = 0; i < count; i++) await channel.send(patternFrame(salt + i, (i * 37) % 3000));
}

/** Reads `count` frames and checks each against the sequence `sendSequence` produces. */
async function expectSequence(frames: AsyncIterator<Uint8Array>, count: number, salt: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const next = await frames.next();
    expect(next.done).toBe(false);
    expect(sameBytes(next.value, patternFrame(salt + i, (i * 37) % 3000)), `frame ${i}`).toBe(true);
  }
}

describe.each<LoopbackTransport>(['tcp', 'ws'])('two Node peers over %s', (transport) => {
  it('exchange 1,000 frames both ways in order, then a 3 MiB frame each way, then close', async () => {
    const server = await nodes.start();
    const client = await nodes.start();
    const inbox = new ChannelInbox();
    await handleFrameProtocol(server, PROTOCOL, inbox.handler);

    const outbound = await openFrameChannel(client, addressOf(server, transport), PROTOCOL);
    const inbound = await inbox.next();
    expect(outbound.remotePeer).toBe(server.peerId.toString());
    expect(inbound.remotePeer).toBe(client.peerId.toString());
    const connection = client.getConnections(server.peerId)[0];
    expect(connection?.remoteAddr.getComponents().some((c) => c.name === 'ws')).toBe(transport === 'ws');

    const clientReader = outbound.frames()[Symbol.asyncIterator]();
    const serverReader = inbound.frames()[Symbol.asyncIterator]();
    await Promise.all([
      sendSequence(outbound, 1000, 0),
      sendSequence(inbound, 1000, 50_000),
      expectSequence(serverReader, 1000, 0),
      expectSequence(clientReader, 1000, 50_000),
    ]);

    const big = patternFrame(7, 3 * MiB);
    const bigBack = patternFrame(8, 3 * MiB);
    const [, , atServer, atClient] = await Promise.all([
      outbound.send(big),
      inbound.send(bigBack),
      serverReader.next(),
      clientReader.next(),
    ]);
    expect(sameBytes(atServer.value, big)).toBe(true);
    expect(sameBytes(atClient.value, bigBack)).toBe(true);

    await outbound.close();
    expect((await serverReader.next()).done).toBe(true);
    await inbound.close();
    await inbound.close();
    await outbound.close();
    expect(await rejectionOf(outbound.send(new Uint8Array(1)))).toBeInstanceOf(ChannelClosedError);
  });
});

describe('refusals and limits', () => {
  it('refuses an oversized frame with FrameTooLargeError after the frames before it, and keeps serving', async () => {
    const server = await nodes.start();
    const client = await nodes.start();
    const inbox = new ChannelInbox();
    await handleFrameProtocol(server, PROTOCOL, inbox.handler, { maxFrameBytes: MiB });

    // The client allows itself bigger frames than the server accepts.
    const outbound = await openFrameChannel(client, addressOf(server, 'tcp'), PROTOCOL, { maxFrameBytes: 8 * MiB });
    const inbound = await inbox.next();
    const received = collect(inbound.frames());
    await outbound.send(patternFrame(1, 10));
    await outbound.send(patternFrame(2, MiB));
    const oversized = outbound.send(patternFrame(3, 2 * MiB)).catch((error: unknown) => error);

    const refusal = await rejectionOf(received);
    expect(refusal).toBeInstanceOf(FrameTooLargeError);
    expect(refusal).toMatchObject({ code: 'FRAME_TOO_LARGE', length: 2 * MiB, maxFrameBytes: MiB });
    await oversized;
    const reset = await rejectionOf(collect(outbound.frames()));
    expect(reset).toBeInstanceOf(ChannelResetError);
    expect(reset).toMatchObject({ code: 'CHANNEL_RESET' });

    // A new stream to the same node works.
    const again = await openFrameChannel(client, addressOf(server, 'tcp'), PROTOCOL);
    const inboundAgain = await inbox.next();
    await again.send(patternFrame(4, 100));
    const reader = inboundAgain.frames()[Symbol.asyncIterator]();
    expect((await reader.next()).value).toEqual(patternFrame(4, 100));
    await inboundAgain.send(patternFrame(5, 100));
    expect((await again.frames()[Symbol.asyncIterator]().next()).value).toEqual(patternFrame(5, 100));
  });

  it('refuses from the length prefix alone, before any body byte arrives', async () => {
    const server = await nodes.start();
    const client = await nodes.start();
    const inbox = new ChannelInbox();
    await handleFrameProtocol(server, PROTOCOL, inbox.handler);

    // A raw stream that announces a 100 MiB frame and sends none of it.
    const raw = await client.dialProtocol(addressOf(server, 'tcp'), PROTOCOL);
    const rawClosed = new Promise<Error | undefined>((resolve) => raw.addEventListener('close', (event) => resolve(event.error)));
    raw.send(encodeUnsignedVarint(100 * MiB));
    const inbound = await inbox.next();
    const refusal = await rejectionOf(collect(inbound.frames()));
    expect(refusal).toBeInstanceOf(FrameTooLargeError);
    expect(refusal).toMatchObject({ length: 100 * MiB, maxFrameBytes: 4 * MiB });
    expect(await rawClosed).toBeInstanceOf(Error);
  });

  it('reports a truncated frame and a malformed length prefix with typed errors', async () => {
    const server = await nodes.start();
    const client = await nodes.start();
    const inbox = new ChannelInbox();
    await handleFrameProtocol(server, PROTOCOL, inbox.handler);

    const truncated = await client.dialProtocol(addressOf(server, 'tcp'), PROTOCOL);
    truncated.send(Uint8Array.of(...encodeUnsignedVarint(10), 1, 2, 3));
    await truncated.close();
    const first = await inbox.next();
    const cut = await rejectionOf(collect(first.frames()));
    expect(cut).toBeInstanceOf(TruncatedFrameError);
    expect(cut).toMatchObject({ code: 'FRAME_TRUNCATED', receivedBytes: 4 });

    const malformed = await client.dialProtocol(addressOf(server, 'tcp'), PROTOCOL);
    malformed.send(Uint8Array.of(2, 9, 9, 0x80, 0x00));
    const second = await inbox.next();
    const reader = second.frames()[Symbol.asyncIterator]();
    expect((await reader.next()).value).toEqual(Uint8Array.of(9, 9));
    const bad = await reader.next().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(bad).toBeInstanceOf(MalformedFrameError);
    expect(bad).toMatchObject({ code: 'FRAME_MALFORMED' });
  });

  it('abort tears both ends down: the remote sees ChannelResetError', async () => {
    const server = await nodes.start();
    const client = await nodes.start();
    const inbox = new ChannelInbox();
    await handleFrameProtocol(server, PROTOCOL, inbox.handler);
    const outbound = await openFrameChannel(client, addressOf(server, 'tcp'), PROTOCOL);
    const inbound = await inbox.next();
    const reason = new Error('operator cancelled');
    outbound.abort(reason);
    expect(await rejectionOf(collect(outbound.frames()))).toBe(reason);
    expect(await rejectionOf(collect(inbound.frames()))).toBeInstanceOf(ChannelResetError);
    expect(await rejectionOf(outbound.send(new Uint8Array(1)))).toBeInstanceOf(ChannelClosedError);
    outbound.abort(reason);
    await outbound.close();
  });

  it('dials a known peer by its peer id string once connected', async () => {
    const server = await nodes.start();
    const client = await nodes.start();
    const inbox = new ChannelInbox();
    await handleFrameProtocol(server, PROTOCOL, inbox.handler);
    await client.dial(addressOf(server, 'tcp'));
    const byId = await openFrameChannel(client, server.peerId.toString(), PROTOCOL);
    expect(byId.remotePeer).toBe(server.peerId.toString());
    await byId.send(Uint8Array.of(42));
    const reader = (await inbox.next()).frames()[Symbol.asyncIterator]();
    expect((await reader.next()).value).toEqual(Uint8Array.of(42));
  });

  it('enforces the inbound stream limit: streams past it are reset, the others keep working', async () => {
    const server = await nodes.start();
    const client = await nodes.start();
    const inbox = new ChannelInbox();
    await handleFrameProtocol(server, PROTOCOL, inbox.handler, { maxInboundStreams: 2 });
    const target = addressOf(server, 'tcp');
    const first = await openFrameChannel(client, target, PROTOCOL, { maxOutboundStreams: 10 });
    const second = await openFrameChannel(client, target, PROTOCOL, { maxOutboundStreams: 10 });
    const firstAtServer = await inbox.next();
    await inbox.next();
    const third = await openFrameChannel(client, target, PROTOCOL, { maxOutboundStreams: 10 }).catch((error: unknown) => error);
    if (third instanceof Error) {
      expect(third.name).toMatch(/ChannelOpenError/);
    } else {
      expect(await rejectionOf(collect((third as FrameChannel).frames()))).toBeInstanceOf(ChannelResetError);
    }
    expect(inbox.count).toBe(2);
    await first.send(Uint8Array.of(1));
    await second.send(Uint8Array.of(2));
    // Closing one (both ends) frees a slot.
    await first.close();
    expect(await collect(firstAtServer.frames())).toHaveLength(1);
    await firstAtServer.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const fourth = await openFrameChannel(client, target, PROTOCOL, { maxOutboundStreams: 10 });
    await fourth.send(Uint8Array.of(4));
    await inbox.next();
    expect(inbox.count).toBe(3);
  });

  it('enforces the outbound stream limit with StreamLimitError', async () => {
    const server = await nodes.start();
    const client = await nodes.start();
    const inbox = new ChannelInbox();
    await handleFrameProtocol(server, PROTOCOL, inbox.handler);
    await handleFrameProtocol(client, PROTOCOL, inbox.handler, { maxOutboundStreams: 2 });
    const target = addressOf(server, 'tcp');
    await openFrameChannel(client, target, PROTOCOL);
    await openFrameChannel(client, target, PROTOCOL);
    const refused = await rejectionOf(openFrameChannel(client, target, PROTOCOL));
    expect(refused).toBeInstanceOf(StreamLimitError);
    expect(refused).toMatchObject({ code: 'STREAM_LIMIT', protocolId: PROTOCOL });
  });

  it('applies backpressure end to end: sends stall while the receiver does not read, nothing is lost', async () => {
    const server = await nodes.start();
    const client = await nodes.start();
    const inbox = new ChannelInbox();
    await handleFrameProtocol(server, PROTOCOL, inbox.handler);
    const outbound = await openFrameChannel(client, addressOf(server, 'tcp'), PROTOCOL);
    const inbound = await inbox.next();

    const count = 160;
    const size = 256 * 1024; // 40 MiB in all: more than every buffer on the way.
    let resolved = 0;
    const sending = (async () => {
      for (let i = 0; i < count; i++) {
        await outbound.send(patternFrame(i, size));
        resolved++;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(resolved).toBeGreaterThan(0);
    expect(resolved).toBeLessThan(count);

    const reader = inbound.frames()[Symbol.asyncIterator]();
    for (let i = 0; i < count; i++) {
      const next = await reader.next();
      expect(new DataView((next.value as Uint8Array).buffer).getUint32(0)).toBe(i);
      expect(sameBytes(next.value, patternFrame(i, size))).toBe(true);
    }
    await sending;
    await outbound.close();
    expect((await reader.next()).done).toBe(true);
  });

  it('close gives up after closeTimeoutMs when the remote never reads, and tears the stream down', async () => {
    const server = await nodes.start();
    const client = await nodes.start();
    const inbox = new ChannelInbox();
    await handleFrameProtocol(server, PROTOCOL, inbox.handler);
    const outbound = await openFrameChannel(client, addressOf(server, 'tcp'), PROTOCOL, { closeTimeoutMs: 500 });
    const inbound = await inbox.next();
    const stuck = Array.from({ length: 120 }, (_, i) => outbound.send(patternFrame(i, 256 * 1024)).catch((e: unknown) => e));
    const started = Date.now();
    await outbound.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    const outcomes = await Promise.all(stuck);
    expect(outcomes.some((outcome) => outcome instanceof ChannelClosedError)).toBe(true);
    expect(await rejectionOf(collect(inbound.frames()))).toBeInstanceOf(ChannelResetError);
  });
});
