import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { nodeEd25519 } from '@titip/identity/node';
import { makeTrust, tempDir } from '@titip/testkit';
import { describe, expect, it } from 'vitest';
import { startNodePeer } from '../../src/node/start-node-peer.js';

describe('startNodePeer on a port that is taken', () => {
  it('fails, removing the data dir it created and leaving one that existed as it was', async () => {
    const trust = await makeTrust(nodeEd25519);
    const dir = await tempDir('titip-start-fail-');
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const listen = [`/ip4/127.0.0.1/tcp/${(holder.address() as AddressInfo).port}`];
    const start = (dataDir: string) => startNodePeer({ dataDir, scopes: [''], root: trust.network.root, elections: trust.network.elections, listen });
    try {
      await expect(start(join(dir.path, 'new', 'data'))).rejects.toThrow(/EADDRINUSE/);
      expect(existsSync(join(dir.path, 'new'))).toBe(false);

      const kept = join(dir.path, 'kept');
      await mkdir(kept);
      await writeFile(join(kept, 'note.txt'), 'mine');
      await expect(start(kept)).rejects.toThrow(/EADDRINUSE/);
      expect(await readFile(join(kept, 'note.txt'), 'utf8')).toBe('mine');
    } finally {
      await new Promise((resolve) => holder.close(resolve));
      await dir.remove();
    }
  });
});
