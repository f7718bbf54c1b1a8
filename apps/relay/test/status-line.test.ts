import { describe, expect, it } from 'vitest';
import { formatStatusLine } from '../src/status-line.js';

describe('formatStatusLine', () => {
  it('shows held, forwarded, acknowledged, peers and rejected in that order', () => {
    expect(formatStatusLine({ peerId: '12D3KooW…', held: 58, forwarded: 50, acknowledged: 42, peers: 3, rejected: 0 })).toBe(
      'held 58 · forwarded 50 · acknowledged 42 · peers 3 · rejected 0',
    );
  });

  it('shows an idle relay as zeros, and never the peer id', () => {
    const line = formatStatusLine({ peerId: '12D3KooWsecretish', held: 0, forwarded: 0, acknowledged: 0, peers: 0, rejected: 0 });
    expect(line).toBe('held 0 · forwarded 0 · acknowledged 0 · peers 0 · rejected 0');
    expect(line).not.toContain('12D3');
  });

  it('keeps to one line', () => {
    expect(formatStatusLine({ peerId: 'x', held: 123_456, forwarded: 1, acknowledged: 1, peers: 64, rejected: 7 })).not.toMatch(/[\r\n]/);
  });
});
