import { describe, expect, it } from 'vitest';
import { serverLogger } from '../../src/cli/server-logger.js';

const T = Date.UTC(2024, 10, 27, 0, 30);

describe('serverLogger (the logger of titip-server)', () => {
  it('writes one warn line for a banned peer redialling several times a minute, not one per redial', () => {
    const lines: string[] = [];
    let t = T;
    const logger = serverLogger({ write: (line) => lines.push(line), now: () => t }).child('frame-protocol');
    for (let i = 0; i < 12; i++, t += 5_000) {
      logger.warn('inbound channel handler failed', { protocolId: '/titip/sync/1.0.0', remotePeer: '12D3KooWbanned', error: 'peer 12D3KooWbanned is banned for misbehaving' });
    }
    expect(lines).toEqual([
      '2024-11-27T00:30:00.000Z warn  titip-server:frame-protocol: inbound channel handler failed protocolId=/titip/sync/1.0.0 remotePeer=12D3KooWbanned error="peer 12D3KooWbanned is banned for misbehaving"\n',
    ]);
  });

  it('shows credential times as ISO times, in readable and JSON lines', () => {
    const detail = 'not-yet-valid: credential 0 is valid from 1796144400000, checked at 1732665600000';
    const text: string[] = [];
    serverLogger({ write: (line) => text.push(line), now: () => T }).warn('peer misbehaved', { detail });
    expect(text[0]).toContain('valid from 2026-12-01T17:00:00.000Z, checked at 2024-11-27T00:00:00.000Z');
    const json: string[] = [];
    serverLogger({ write: (line) => json.push(line), json: true, now: () => T }).warn('peer misbehaved', { detail });
    expect(JSON.parse(json[0]!)).toMatchObject({ level: 'warn', component: 'titip-server', detail: 'not-yet-valid: credential 0 is valid from 2026-12-01T17:00:00.000Z, checked at 2024-11-27T00:00:00.000Z' });
  });

  it("shows the times of a 'not counted' warning as ISO times, numeric fields left as numbers", () => {
    const lines: string[] = [];
    serverLogger({ write: (line) => lines.push(line), json: true, now: () => T })
      .child('sync')
      .warn('not counted', { reason: 'revoked', detail: 'credential 1 revoked from 1796334153000 (HP hilang), first witnessed at 1796334161126', at: 1796334161126 });
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: 'not counted',
      detail: 'credential 1 revoked from 2026-12-03T21:42:33.000Z (HP hilang), first witnessed at 2026-12-03T21:42:41.126Z',
      at: 1796334161126,
    });
  });
});
