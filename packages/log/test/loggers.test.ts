import { describe, expect, it } from 'vitest';
import { jsonLinesLogger } from '../src/json-lines-logger.js';
import { textLinesLogger } from '../src/text-lines-logger.js';

describe('loggers', () => {
  it('write one JSON object per line, drop records below the level, name children', () => {
    const lines: string[] = [];
    const log = jsonLinesLogger({ write: (l) => lines.push(l), level: 'info', component: 'relay', now: () => 0 });
    log.debug('hidden');
    log.child('sync').warn('peer reported', { peer: 'abc', bytes: new Uint8Array(3), error: new Error('boom') });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ time: '1970-01-01T00:00:00.000Z', level: 'warn', component: 'relay:sync', msg: 'peer reported', peer: 'abc', bytes: '<3 bytes>', error: { name: 'Error', message: 'boom' } });
  });

  it('write readable lines with key=value fields', () => {
    const lines: string[] = [];
    const log = textLinesLogger({ write: (l) => lines.push(l), component: 'titip-relay', now: () => 0 });
    log.child('peer').info('connected', { peer: '12D3', note: 'two words' });
    expect(lines).toEqual(['1970-01-01T00:00:00.000Z info  titip-relay:peer: connected peer=12D3 note="two words"\n']);
  });
});
