import { readNetworkFile } from '@titip/config/node';
import { nodeEd25519 } from '@titip/identity/node';
import { verifyRecord } from '@titip/records';
import { z } from 'zod';
import { InputFileError } from '../../errors.js';
import { readRevocationFile } from '../../issuer/revocation-file.js';
import { durationArg, filePathArg, multiaddrArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';
import { deliverRevocations } from './deliver-revocations.js';

/** `titip-issuer inject`: hand a revocation file to peers. */
export const injectCommand = defineCommand({
  name: 'inject',
  summary: 'hand a revocation file to peers (a relay, the KPU server) and wait until one confirms',
  usage: ['inject --network FILE --revocation FILE --peer MULTIADDR [--peer …] [--data-dir DIR] [--timeout 60s]'],
  description: [
    "Verifies each revocation of the file (written by 'revoke') against the network, starts a local peer holding",
    'them (in --data-dir, or a temporary one) and syncs with each --peer until it confirms holding them (a fresh',
    'session in digest agreement). Prints which peers confirmed; exit 1 if none did within --timeout. From there the',
    'revocations travel like results to every peer holding the documents they are filed in.',
  ],
  options: {
    network: { type: 'string', required: true, placeholder: 'FILE', description: 'the network file (root key checked against)' },
    revocation: { type: 'string', required: true, placeholder: 'FILE', description: "a revocation file written by 'revoke'" },
    peer: { type: 'string', required: true, multiple: true, placeholder: 'MULTIADDR', description: 'a peer to hand them to, /ip4/…/tcp/…/p2p/<id>' },
    'data-dir': { type: 'string', placeholder: 'DIR', description: 'data dir of the local peer (default: a temporary one)' },
    timeout: { type: 'string', placeholder: 'DURATION', description: 'how long to wait for a peer to confirm (default 60s)' },
  },
  schema: z.object({
    network: filePathArg,
    revocation: filePathArg,
    peer: z.array(multiaddrArg).min(1, 'at least one --peer'),
    'data-dir': filePathArg.optional(),
    timeout: durationArg.optional(),
  }),
  examples: ['inject --network network.json --revocation tps-001.revocation.cbor --peer /ip4/10.0.0.5/tcp/4001/p2p/12D3KooW…'],
  async run(values, io) {
    const network = await readNetworkFile(values.network);
    const records = await readRevocationFile(values.revocation);
    for (const record of records) {
      const verified = await verifyRecord(record, { root: network.root, provider: nodeEd25519 });
      if (!verified.ok) throw new InputFileError(values.revocation, `revocation ${record.id} does not verify against ${values.network}: ${verified.failure.message}`);
    }
    const delivered = await deliverRevocations(
      records,
      { network, peers: values.peer, ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}), timeoutMs: values.timeout ?? 60_000 },
      io,
    );
    printJson(io, { revocations: delivered.records, confirmedBy: delivered.confirmedBy, pending: delivered.pending });
    return EXIT.ok;
  },
});
