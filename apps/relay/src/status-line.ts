import type { RelayStatus } from './relay.js';

/** The one-line status of a relay: `held 58 · forwarded 50 · acknowledged 42 · peers 3 · rejected 0`. */
export function formatStatusLine(status: RelayStatus): string {
  return `held ${status.held} · forwarded ${status.forwarded} · acknowledged ${status.acknowledged} · peers ${status.peers} · rejected ${status.rejected}`;
}
