import { checkInteger } from '../transport/channel-options.js';

/** Default most sync sessions one remote peer may hold open with this peer at once (all its connections). */
export const DEFAULT_MAX_SESSIONS_PER_PEER = 4;

/** Default most sync sessions one remote peer may open per minute (a token bucket: bursts up to it). */
export const DEFAULT_MAX_SESSIONS_PER_PEER_PER_MINUTE = 60;

/**
 * Default most bytes of sync frames received from one remote peer per minute, over all its sessions: 128 MiB (a
 * token bucket: bursts up to it). About 50 times the wire bytes of a bulk sync of 10,000 results (2.4 MB measured),
 * and 3 times the receipts a sender took in during the 10,000-result server ingest benchmark.
 */
export const DEFAULT_MAX_BYTES_PER_PEER_PER_MINUTE = 128 * 1024 * 1024;

/** Default most sync frames received from one remote peer per minute, over all its sessions (1,000 a second). */
export const DEFAULT_MAX_FRAMES_PER_PEER_PER_MINUTE = 60_000;

/**
 * What a peer grants each remote peer on `/titip/sync/1.0.0` (see `docs/limits.md`). A remote past any of them has
 * its session (or new channel) refused with `PeerLimitError`, is reported and refused for the ban period.
 */
export interface PeerSyncLimits {
  /** Sync sessions one remote peer may hold open at once, over all its connections. @default 4 */
  readonly maxSessionsPerPeer?: number;
  /** Sync sessions one remote peer may open per minute. @default 60 */
  readonly maxSessionsPerPeerPerMinute?: number;
  /** Bytes of frames received from one remote peer per minute, over all its sessions. @default 128 MiB */
  readonly maxBytesPerPeerPerMinute?: number;
  /** Frames received from one remote peer per minute, over all its sessions. @default 60000 */
  readonly maxFramesPerPeerPerMinute?: number;
}

/** {@link PeerSyncLimits} with the defaults applied. */
export type ResolvedPeerSyncLimits = Required<PeerSyncLimits>;

/** Applies the defaults and checks ranges; throws `InvalidTransportOptionError`. */
export function resolvePeerSyncLimits(limits: PeerSyncLimits = {}): ResolvedPeerSyncLimits {
  const resolved: ResolvedPeerSyncLimits = {
    maxSessionsPerPeer: limits.maxSessionsPerPeer ?? DEFAULT_MAX_SESSIONS_PER_PEER,
    maxSessionsPerPeerPerMinute: limits.maxSessionsPerPeerPerMinute ?? DEFAULT_MAX_SESSIONS_PER_PEER_PER_MINUTE,
    maxBytesPerPeerPerMinute: limits.maxBytesPerPeerPerMinute ?? DEFAULT_MAX_BYTES_PER_PEER_PER_MINUTE,
    maxFramesPerPeerPerMinute: limits.maxFramesPerPeerPerMinute ?? DEFAULT_MAX_FRAMES_PER_PEER_PER_MINUTE,
  };
  checkInteger('limits.maxSessionsPerPeer', resolved.maxSessionsPerPeer, 1, 10_000);
  checkInteger('limits.maxSessionsPerPeerPerMinute', resolved.maxSessionsPerPeerPerMinute, 1, 1_000_000);
  checkInteger('limits.maxBytesPerPeerPerMinute', resolved.maxBytesPerPeerPerMinute, 1, Number.MAX_SAFE_INTEGER);
  checkInteger('limits.maxFramesPerPeerPerMinute', resolved.maxFramesPerPeerPerMinute, 1, Number.MAX_SAFE_INTEGER);
  return resolved;
}
