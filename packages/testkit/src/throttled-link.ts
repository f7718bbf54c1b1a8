import { connect, createServer, type Server, type Socket } from 'node:net';

/** Options of {@link startThrottledLink}. */
export interface ThrottledLinkOptions {
  /** Bandwidth of each direction. */
  readonly bytesPerSecond: number;
  /** One-way delay added to every byte. */
  readonly latencyMs: number;
  /** Bytes the link holds (in transit or waiting for bandwidth) before it stops reading from the sender. @default 64 KiB */
  readonly bufferBytes?: number;
}

/** A slow link in front of a TCP port on 127.0.0.1. */
export interface ThrottledLink {
  /** The port to dial instead of the target's. */
  readonly port: number;
  /** Bytes carried towards the target and back. */
  readonly carried: { up: number; down: number };
  close(): Promise<void>;
}

/**
 * A TCP relay on 127.0.0.1 that behaves like a slow radio link, used by the photos integration tests and the photo benchmark: each
 * direction carries `bytesPerSecond` (segments of 1460 bytes leave one after the other) and delivers every segment
 * `latencyMs` after it left. Everything a libp2p connection multiplexes (sync stream, photo streams, yamux and noise
 * framing, pings) shares the one link, as on a real one.
 */
export async function startThrottledLink(targetPort: number, options: ThrottledLinkOptions): Promise<ThrottledLink> {
  const sockets = new Set<Socket>();
  const carried = { up: 0, down: 0 };
  const server: Server = createServer((inbound) => {
    const outbound = connect(targetPort, '127.0.0.1');
    sockets.add(inbound);
    sockets.add(outbound);
    const end = () => {
      inbound.destroy();
      outbound.destroy();
      sockets.delete(inbound);
      sockets.delete(outbound);
    };
    for (const socket of [inbound, outbound]) {
      socket.on('error', end);
      socket.on('close', end);
    }
    pipe(inbound, outbound, options, (n) => (carried.up += n));
    pipe(outbound, inbound, options, (n) => (carried.down += n));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the throttled link has no port');
  return {
    port: address.port,
    carried,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function pipe(from: Socket, to: Socket, options: ThrottledLinkOptions, count: (bytes: number) => void): void {
  const limit = options.bufferBytes ?? 64 * 1024;
  let busyUntil = 0;
  let held = 0;
  from.on('data', (data: Buffer) => {
    for (let offset = 0; offset < data.length; offset += 1460) {
      const piece = data.subarray(offset, Math.min(data.length, offset + 1460));
      const now = performance.now();
      const start = Math.max(now, busyUntil);
      busyUntil = start + (piece.length * 1000) / options.bytesPerSecond;
      held += piece.length;
      setTimeout(() => {
        held -= piece.length;
        count(piece.length);
        if (!to.destroyed) to.write(piece);
        if (held < limit && from.isPaused()) from.resume();
      }, busyUntil + options.latencyMs - now);
    }
    if (held >= limit) from.pause();
  });
}
