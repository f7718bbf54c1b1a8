import { readKeyFile } from '@titip/config/node';
import { nodeEd25519 } from '@titip/identity/node';
import { z } from 'zod';
import { readElectionsFile } from '../../files/read-input-files.js';
import { writeNetworkFile } from '../../issuer/network-file.js';
import { filePathArg, publicKeyHexArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';

/** `titip-issuer network`: the network file every peer is given. */
export const networkCommand = defineCommand({
  name: 'network',
  summary: 'write the network file (root public key + election definitions)',
  usage: ['network (--root ROOT_KEY_FILE | --root-public HEX) --elections FILE --name NAME --out FILE [--force]'],
  description: [
    'The network file is public: every operator, relay and server gets the same one. It holds the root public key',
    '(never the secret) and the election definitions with their candidates. The elections file is a JSON array of',
    'election definitions (see examples/elections.json).',
  ],
  options: {
    root: { type: 'string', placeholder: 'FILE', description: 'the root key file (only its public key is used)' },
    'root-public': { type: 'string', placeholder: 'HEX', description: 'the root public key instead of the key file' },
    elections: { type: 'string', required: true, placeholder: 'FILE', description: 'JSON array of election definitions' },
    name: { type: 'string', required: true, placeholder: 'NAME', description: "the network's name, e.g. 'Pilkada 2024 Belitung Timur'" },
    out: { type: 'string', required: true, placeholder: 'FILE', description: 'the network file to write' },
    force: { type: 'boolean', description: 'replace an existing file' },
  },
  schema: z
    .object({
      root: filePathArg.optional(),
      'root-public': publicKeyHexArg.optional(),
      elections: filePathArg,
      name: z.string().trim().min(1, 'a name is needed').max(200, 'at most 200 characters'),
      out: filePathArg,
      force: z.boolean().optional(),
    })
    .refine((v) => (v.root === undefined) !== (v['root-public'] === undefined), { message: 'give exactly one of --root and --root-public', path: ['root'] }),
  examples: [
    "network --root root.key.json --elections examples/elections.json --name 'Pilkada 2024 Belitung Timur' --out network.json",
  ],
  async run(values, io) {
    const root = values.root !== undefined ? (await readKeyFile(values.root, nodeEd25519)).publicKey : values['root-public']!;
    const elections = await readElectionsFile(values.elections);
    const file = await writeNetworkFile(values.out, { name: values.name, root, elections }, { overwrite: values.force ?? false });
    printJson(io, { file: values.out, name: file.name, root: file.root, elections: file.elections.map((e) => e.id) });
    return EXIT.ok;
  },
});
