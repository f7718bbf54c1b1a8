import { describe, expect, it } from 'vitest';
import { startServer } from '../src/start-server.js';
import { scenario } from './fixtures/scenario.js';

describe('startServer options', () => {
  it('refuses a data dir under /proc, /sys or /dev at once (Node never returns from creating one under /proc)', async () => {
    const s = await scenario('data-dir-options');
    for (const dataDir of ['/proc/xyz', '/sys/titip', '/dev/titip']) {
      const started = startServer({ dataDir, network: s.trust.network, keyPair: s.server.keyPair, credential: s.server.credential, http: false, verifierThreads: 0 });
      await expect(started).rejects.toMatchObject({ name: 'ServerError', code: 'SERVER_INVALID_OPTION', message: expect.stringMatching(/is under \/(proc|sys|dev), a kernel pseudo-filesystem/) });
    }
  });
});
