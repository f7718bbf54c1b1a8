import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Network } from '@titip/config';
import type { RevocationRecord } from '@titip/records';
import type { InjectResult } from '../../issuer/inject-records.js';
import type { CliIo } from '../cli-io.js';

/**
 * Hands revocations to `peers` through a local peer on `dataDir` (a temporary one, removed after, when none is
 * given), telling the user on stderr what it waits for.
 */
export async function deliverRevocations(
  records: readonly RevocationRecord[],
  options: { network: Network; peers: readonly string[]; dataDir?: string; timeoutMs: number },
  io: CliIo,
): Promise<InjectResult> {
  const temp = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'titip-issuer-')) : undefined;
  try {
    io.stderr(`Handing ${records.length} revocation(s) to ${options.peers.length} peer(s); waiting up to ${Math.round(options.timeoutMs / 1000)} s for them to confirm…\n`);
    const { injectRecords } = await import('../../issuer/inject-records.js'); // libp2p loads only when needed
    return await injectRecords(records, {
      network: options.network,
      dial: options.peers,
      dataDir: options.dataDir ?? temp!,
      timeoutMs: options.timeoutMs,
      ...(io.signal ? { signal: io.signal } : {}),
    });
  } finally {
    if (temp !== undefined) await rm(temp, { recursive: true, force: true });
  }
}
