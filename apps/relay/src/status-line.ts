import { formatBytes } from './byte-size.js';
import type { RelayStatus } from './relay.js';

/**
 * The one-line status of a relay:
 * `held 58 · forwarded 50 · acknowledged 42 · photos 12/40 · 3.1 MB/s · peers 3 · rejected 0`. The photo rate (bytes
 * arriving per second) is shown while photos move, `dropped N` once the budget has dropped any.
 */
export function formatStatusLine(status: RelayStatus): string {
  const { photos } = status;
  const parts = [`held ${status.held}`, `forwarded ${status.forwarded}`, `acknowledged ${status.acknowledged}`, `photos ${photos.complete}/${photos.total}`];
  if (photos.rateIn >= 1) parts.push(`${formatBytes(photos.rateIn)}/s`);
  if (photos.dropped > 0) parts.push(`dropped ${photos.dropped}`);
  parts.push(`peers ${status.peers}`, `rejected ${status.rejected}`);
  return parts.join(' · ');
}
