import { keyId } from '@titip/identity';
import { z } from 'zod';
import { createKeyPair } from '../issuer/create-root.js';
import { writeKeyFile } from '../files/write-config-files.js';
import { filePathArg } from './arg-schemas.js';
import { defineCommand } from './command.js';
import { EXIT } from './exit-codes.js';
import { printJson } from './output.js';

/** `keygen`: a new key pair in a key file (both programs have it). */
export function keygenCommand(who: string, example: string) {
  return defineCommand({
    name: 'keygen',
    summary: `create a key pair for ${who}`,
    usage: ['keygen --out FILE [--label TEXT] [--force]'],
    description: [
      'Writes a titip-key v1 file (mode 0600) holding a new Ed25519 key pair and prints its public key. The secret key',
      'never leaves this file: give only the public key (or this file, on the same machine) to whoever issues the',
      'credential. An existing file is never replaced without --force.',
    ],
    options: {
      out: { type: 'string', required: true, placeholder: 'FILE', description: 'the key file to create' },
      label: { type: 'string', placeholder: 'TEXT', description: 'a note kept in the file (who or what the key is for)' },
      force: { type: 'boolean', description: 'replace an existing file' },
    },
    schema: z.object({ out: filePathArg, label: z.string().max(200, 'at most 200 characters').optional(), force: z.boolean().optional() }),
    examples: [example],
    async run(values, io) {
      const keyPair = await createKeyPair();
      await writeKeyFile(values.out, keyPair, { ...(values.label !== undefined ? { label: values.label } : {}), overwrite: values.force ?? false });
      printJson(io, { file: values.out, publicKey: keyId(keyPair.publicKey), ...(values.label !== undefined ? { label: values.label } : {}) });
      return EXIT.ok;
    },
  });
}
