import { PeerLimitError } from '../transport/errors.js';
import type { FrameChannel } from '../transport/frame-channel.js';
import type { PeerBudget } from './peer-budgets.js';

/**
 * A {@link FrameChannel} that charges every received frame to the remote peer's budget: its bytes to `bytes`, one to
 * `frames`. A frame the budget cannot pay for is not delivered: `frames()` throws {@link PeerLimitError} instead (the
 * session then reports the peer and ends with a `reject`). Sending is not metered.
 */
export function meteredChannel(channel: FrameChannel, budget: PeerBudget, allowed: { bytes: number; frames: number }): FrameChannel {
  return {
    remotePeer: channel.remotePeer,
    send: (frame) => channel.send(frame),
    close: () => channel.close(),
    abort: (reason) => channel.abort(reason),
    async *frames() {
      for await (const frame of channel.frames()) {
        if (!budget.bytes.take(frame.byteLength)) throw new PeerLimitError(channel.remotePeer, 'bytes-per-minute', allowed.bytes);
        if (!budget.frames.take(1)) throw new PeerLimitError(channel.remotePeer, 'frames-per-minute', allowed.frames);
        yield frame;
      }
    },
  };
}
