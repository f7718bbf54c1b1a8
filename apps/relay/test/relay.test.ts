import { describe, expect, it } from 'vitest';
import { RelayError } from '../src/errors.js';
import { startRelay } from '../src/relay.js';
import { DESA, trustOf } from './fixtures/scenario.js';

describe('startRelay options', () => {
  it('refuses a listen address the relay cannot use (UDP, TLS) with one line, before opening anything', async () => {
    const trust = await trustOf('relay-options');
    for (const [address, message] of [
      ['/ip4/127.0.0.1/udp/1', /^listen address "\/ip4\/127\.0\.0\.1\/udp\/1": the relay speaks TCP and WebSockets only/],
      ['/ip4/127.0.0.1/tcp/443/wss', /cannot listen with TLS/],
    ] as const) {
      const started = startRelay({ dataDir: '/nonexistent/never-created', network: trust.network, scopes: [DESA], listen: ['/ip4/127.0.0.1/tcp/0', address] });
      await expect(started).rejects.toThrow(RelayError);
      await expect(started).rejects.toMatchObject({ code: 'RELAY_INVALID_OPTION', message: expect.stringMatching(message) });
      await started.catch((error: Error) => expect(error.message).not.toContain('\n'));
    }
  });

  it('refuses a data dir under /proc, /sys or /dev at once (Node never returns from creating one under /proc)', async () => {
    const trust = await trustOf('relay-data-dir');
    await expect(startRelay({ dataDir: '/proc/xyz', network: trust.network, scopes: [DESA] })).rejects.toMatchObject({
      code: 'RELAY_INVALID_OPTION',
      message: expect.stringMatching(/^\/proc\/xyz is under \/proc, a kernel pseudo-filesystem/),
    });
  });
});
