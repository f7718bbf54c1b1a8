import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_BYTES_PER_PEER_PER_MINUTE,
  DEFAULT_MAX_FRAMES_PER_PEER_PER_MINUTE,
  DEFAULT_MAX_SESSIONS_PER_PEER,
  DEFAULT_MAX_SESSIONS_PER_PEER_PER_MINUTE,
  resolvePeerSyncLimits,
} from '../../src/peer/peer-limits.js';
import { InvalidTransportOptionError } from '../../src/transport/errors.js';

describe('resolvePeerSyncLimits', () => {
  it('applies the documented defaults (docs/limits.md) and keeps overrides', () => {
    expect(resolvePeerSyncLimits()).toEqual({
      maxSessionsPerPeer: 4,
      maxSessionsPerPeerPerMinute: 60,
      maxBytesPerPeerPerMinute: 128 * 1024 * 1024,
      maxFramesPerPeerPerMinute: 60_000,
    });
    expect([DEFAULT_MAX_SESSIONS_PER_PEER, DEFAULT_MAX_SESSIONS_PER_PEER_PER_MINUTE, DEFAULT_MAX_BYTES_PER_PEER_PER_MINUTE, DEFAULT_MAX_FRAMES_PER_PEER_PER_MINUTE]).toEqual([4, 60, 134_217_728, 60_000]);
    expect(resolvePeerSyncLimits({ maxSessionsPerPeer: 2 }).maxSessionsPerPeer).toBe(2);
  });

  it('refuses a limit that is not a positive integer with InvalidTransportOptionError', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => resolvePeerSyncLimits({ maxBytesPerPeerPerMinute: bad })).toThrow(InvalidTransportOptionError);
    }
    expect(() => resolvePeerSyncLimits({ maxSessionsPerPeer: '4' as never })).toThrow(InvalidTransportOptionError);
  });
});
