import { describe, expect, it } from 'vitest';
import type { RelayPhotoStatus, RelayStatus } from '../src/relay.js';
import { formatStatusLine } from '../src/status-line.js';

const noPhotos: RelayPhotoStatus = { total: 0, complete: 0, bytesTotal: 0, bytesDone: 0, rateIn: 0, rateOut: 0, dropped: 0, budgetBytes: null, othersBytes: 0 };
const status = (counts: Omit<RelayStatus, 'photos' | 'peerId'> & { peerId?: string }, photos: Partial<RelayPhotoStatus> = {}): RelayStatus => ({
  peerId: '12D3KooW…',
  ...counts,
  photos: { ...noPhotos, ...photos },
});

describe('formatStatusLine', () => {
  it('shows held, forwarded, acknowledged, photos, peers and rejected in that order', () => {
    expect(formatStatusLine(status({ held: 58, forwarded: 50, acknowledged: 42, peers: 3, rejected: 0 }, { total: 40, complete: 12 }))).toBe(
      'held 58 · forwarded 50 · acknowledged 42 · photos 12/40 · peers 3 · rejected 0',
    );
  });

  it('shows the photo rate while photos arrive, and what the budget dropped', () => {
    const moving = status({ held: 20, forwarded: 0, acknowledged: 0, peers: 2, rejected: 0 }, { total: 40, complete: 12, rateIn: 3_140_000 });
    expect(formatStatusLine(moving)).toBe('held 20 · forwarded 0 · acknowledged 0 · photos 12/40 · 3.1 MB/s · peers 2 · rejected 0');
    const dropping = status({ held: 20, forwarded: 0, acknowledged: 0, peers: 2, rejected: 0 }, { total: 40, complete: 30, rateIn: 812, dropped: 4 });
    expect(formatStatusLine(dropping)).toBe('held 20 · forwarded 0 · acknowledged 0 · photos 30/40 · 812 B/s · dropped 4 · peers 2 · rejected 0');
  });

  it('shows an idle relay as zeros, and never the peer id', () => {
    const line = formatStatusLine(status({ peerId: '12D3KooWsecretish', held: 0, forwarded: 0, acknowledged: 0, peers: 0, rejected: 0 }));
    expect(line).toBe('held 0 · forwarded 0 · acknowledged 0 · photos 0/0 · peers 0 · rejected 0');
    expect(line).not.toContain('12D3');
  });

  it('keeps to one line', () => {
    expect(formatStatusLine(status({ held: 123_456, forwarded: 1, acknowledged: 1, peers: 64, rejected: 7 }, { total: 9e5, rateIn: 9e12, dropped: 1 }))).not.toMatch(/[\r\n]/);
  });
});
