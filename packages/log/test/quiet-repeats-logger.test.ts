import { describe, expect, it } from 'vitest';
import { quietRepeatsLogger } from '../src/quiet-repeats-logger.js';
import { collectingLogger } from './fixtures/collecting-logger.js';

const BANNED = { protocolId: '/titip/sync/1.0.0', remotePeer: '12D3KooWbanned', error: 'peer 12D3KooWbanned is banned for misbehaving' };

describe('quietRepeatsLogger', () => {
  it('logs the first of identical warnings at warn and the repeats within the window at debug', () => {
    let t = 0;
    const inner = collectingLogger('titip-relay');
    const logger = quietRepeatsLogger(inner, { windowMs: 600_000, now: () => t }).child('frame-protocol');
    for (let i = 0; i < 5; i++, t += 10_000) logger.warn('inbound channel handler failed', BANNED);
    expect(inner.records.map((r) => [r.level, r.component, r.fields['repeated']])).toEqual([
      ['warn', 'titip-relay:frame-protocol', undefined],
      ['debug', 'titip-relay:frame-protocol', 1],
      ['debug', 'titip-relay:frame-protocol', 2],
      ['debug', 'titip-relay:frame-protocol', 3],
      ['debug', 'titip-relay:frame-protocol', 4],
    ]);
  });

  it('says it again after the window (the next ban), with how many repeats were hidden', () => {
    let t = 0;
    const inner = collectingLogger();
    const logger = quietRepeatsLogger(inner, { windowMs: 600_000, now: () => t });
    logger.warn('inbound channel handler failed', BANNED);
    t = 30_000;
    logger.warn('inbound channel handler failed', BANNED);
    t = 700_000;
    logger.warn('inbound channel handler failed', BANNED);
    expect(inner.records.map((r) => r.level)).toEqual(['warn', 'debug', 'warn']);
    expect(inner.records[2]!.fields).toEqual({ ...BANNED, repeatsHidden: 1 });
  });

  it('keeps warnings about other peers, other messages and other components apart; other levels pass through', () => {
    const inner = collectingLogger();
    const logger = quietRepeatsLogger(inner, { now: () => 0 });
    logger.warn('inbound channel handler failed', BANNED);
    logger.warn('inbound channel handler failed', { ...BANNED, remotePeer: '12D3KooWother', error: 'peer 12D3KooWother is banned for misbehaving' });
    logger.warn('peer misbehaved', { peer: '12D3KooWbanned' });
    logger.child('sync').warn('inbound channel handler failed', BANNED);
    for (let i = 0; i < 2; i++) {
      logger.info('relay ready');
      logger.error('failed', { error: new Error('boom') });
    }
    expect(inner.records.map((r) => r.level)).toEqual(['warn', 'warn', 'warn', 'warn', 'info', 'error', 'info', 'error']);
  });

  it('remembers at most maxKeys warnings', () => {
    const inner = collectingLogger();
    const logger = quietRepeatsLogger(inner, { maxKeys: 2, now: () => 0 });
    for (const peer of ['a', 'b', 'c', 'a']) logger.warn('banned', { peer });
    expect(inner.records.map((r) => r.level)).toEqual(['warn', 'warn', 'warn', 'warn']); // 'a' was forgotten for 'c'
  });
});
