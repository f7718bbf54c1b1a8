import { describe, expect, it } from 'vitest';
import { textLogger } from '../src/text-logger.js';

describe('textLogger', () => {
  it('writes one readable line per record at or above its level, with the component path and the fields', () => {
    const lines: string[] = [];
    const logger = textLogger((line) => lines.push(line), 'titip-relay', 'info', () => Date.UTC(2024, 10, 27, 0, 30));
    logger.debug('hidden');
    logger.info('relay ready', { peerId: '12D3KooWabc', scopes: ['1906012001'], mdns: false });
    logger.child('attest').warn('not attesting', { reason: 'election-not-in-credential', note: 'two words' });
    logger.error('failed', { error: new TypeError('boom'), bytes: new Uint8Array(3) });
    expect(lines).toEqual([
      '2024-11-27T00:30:00.000Z info  titip-relay: relay ready peerId=12D3KooWabc scopes=["1906012001"] mdns=false\n',
      '2024-11-27T00:30:00.000Z warn  titip-relay:attest: not attesting reason=election-not-in-credential note="two words"\n',
      '2024-11-27T00:30:00.000Z error titip-relay: failed error="TypeError: boom" bytes=<3 bytes>\n',
    ]);
  });
});
