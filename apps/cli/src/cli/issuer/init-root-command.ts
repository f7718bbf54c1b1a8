import { keyId } from '@titip/identity';
import { z } from 'zod';
import { createRoot } from '../../issuer/create-root.js';
import { writeKeyFile } from '../../files/write-config-files.js';
import { filePathArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';

/** `titip-issuer init-root`: the KPU root key. */
export const initRootCommand = defineCommand({
  name: 'init-root',
  summary: 'create the KPU root key (the trust anchor of the network)',
  usage: ['init-root --out FILE [--label TEXT] [--force]'],
  description: [
    'Creates the root key pair and writes it as a titip-key v1 file (mode 0600). Every credential chain ends at this',
    'key: keep the file offline (an air-gapped laptop, a safe); only its public key is published, in the network file.',
  ],
  options: {
    out: { type: 'string', required: true, placeholder: 'FILE', description: 'the root key file to create' },
    label: { type: 'string', placeholder: 'TEXT', description: "a note kept in the file (default: KPU root)" },
    force: { type: 'boolean', description: 'replace an existing file (the old root and everything it signed become useless)' },
  },
  schema: z.object({ out: filePathArg, label: z.string().max(200).optional(), force: z.boolean().optional() }),
  examples: ['init-root --out root.key.json'],
  async run(values, io) {
    const root = await createRoot();
    const label = values.label ?? 'KPU root';
    await writeKeyFile(values.out, root, { label, overwrite: values.force ?? false });
    printJson(io, { file: values.out, publicKey: keyId(root.publicKey), label });
    io.stderr(`Root key written to ${values.out}. Keep it offline; publish only the public key (titip-issuer network).\n`);
    return EXIT.ok;
  },
});
