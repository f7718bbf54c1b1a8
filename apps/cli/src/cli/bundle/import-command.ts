import { stat } from 'node:fs/promises';
import { readNetworkFile } from '@titip/config/node';
import { importBundleFile } from '@titip/sync/node';
import { z } from 'zod';
import { networkValidator } from '../../bundle/network-validator.js';
import { openDataDir } from '../../bundle/open-data-dir.js';
import { filePathArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';
import { withBundleCode } from './with-bundle-code.js';
import { formatImport } from './format-bundle-report.js';
import { repeatedRegionsArg } from './region-options.js';

/** `titip-bundle import`: a bundle file into a stopped peer's data dir, with the validation of the network path. */
export const importCommand = defineCommand({
  name: 'import',
  summary: 'validate a bundle file and store its objects in a data dir, as if they had arrived over the network',
  usage: ['import --data-dir DIR --network FILE [--scope CODE]… [--json] FILE'],
  description: [
    'Checks the whole file first (checksum, length, layout, every object a well-formed record filed under its own',
    'desa): a damaged or tampered file is refused whole with its BUNDLE_… code and nothing is stored (copy it',
    'again). Then every object goes through the validation a peer applies to objects from the network (signature,',
    'credential chain to the KPU root of --network, election rules). Objects it refuses are listed with their',
    'reasons and not stored; all others are. The data dir must not be in use (stop the relay first) and is created',
    'when missing. Exit code 1 when anything was refused.',
  ],
  options: {
    'data-dir': { type: 'string', required: true, placeholder: 'DIR', description: 'the data dir of a stopped peer (created if missing)' },
    network: { type: 'string', required: true, placeholder: 'FILE', description: 'the network file (KPU root key and elections)' },
    scope: { type: 'string', multiple: true, placeholder: 'CODE[,CODE…]', description: "the regions this data dir serves, as the relay's --scope (default: the nation, everything)" },
    json: { type: 'boolean', description: 'print the result as JSON' },
  },
  positionals: [{ name: 'file', placeholder: 'FILE', description: 'the bundle file' }],
  schema: z.object({
    'data-dir': filePathArg,
    network: filePathArg,
    scope: repeatedRegionsArg,
    json: z.boolean().optional(),
    file: filePathArg,
  }),
  examples: [
    'import --data-dir /var/lib/titip/ppk --network network.json --scope 190601 /media/usb/190601.titip',
    'import --data-dir ./kpu-data --network network.json --json /media/usb/190601.titip',
  ],
  async run(values, io) {
    const network = await readNetworkFile(values.network);
    const validator = networkValidator(network);
    try {
      const opened = await openDataDir(values['data-dir'], { create: true, scopes: values.scope ?? [''], validator: validator.objects });
      try {
        const result = await withBundleCode(() => importBundleFile(opened.replica, values.file));
        const bytes = (await stat(values.file)).size;
        if (opened.created) io.stderr(`titip-bundle import: created the data dir ${values['data-dir']}\n`);
        if (values.json) printJson(io, { file: values.file, bytes, dataDir: values['data-dir'], created: opened.created, ...result });
        else io.stdout(formatImport(values.file, bytes, result));
        return result.rejected.length > 0 ? EXIT.failed : EXIT.ok;
      } finally {
        await opened.close();
      }
    } finally {
      await validator.records.close();
    }
  },
});
