import { readNetworkFile } from '@titip/config/node';
import { readBundleFile } from '@titip/sync/node';
import { z } from 'zod';
import { inspectBundle } from '../../bundle/inspect-bundle.js';
import { networkValidator } from '../../bundle/network-validator.js';
import { byteSizeArg } from '../../bundle/byte-size-arg.js';
import { filePathArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';
import { limitsOf } from './limits-option.js';
import { withBundleCode } from './with-bundle-code.js';
import { formatInspection } from './format-bundle-report.js';

/** `titip-bundle inspect`: what a bundle file holds, checked without any store. */
export const inspectCommand = defineCommand({
  name: 'inspect',
  summary: 'check a bundle file without a store and show its header, regions, objects by kind and size',
  usage: ['inspect [--network FILE] [--max-bytes SIZE] [--json] FILE'],
  description: [
    'Reads the file and checks everything the bytes prove (checksum, length, layout, every object a well-formed',
    'record filed under its own desa); a damaged or tampered file gives its BUNDLE_… code and exit code 1. With',
    '--network it also checks every signature and credential chain up to the KPU root, as an import would, and',
    'lists what an import would refuse (exit code 1 when anything would be). Nothing is written anywhere.',
  ],
  options: {
    network: { type: 'string', placeholder: 'FILE', description: 'the network file: also check signatures and credentials' },
    json: { type: 'boolean', description: 'print the result as JSON' },
    'max-bytes': { type: 'string', placeholder: 'SIZE', description: 'accept a file up to this size (default 256MiB; e.g. 2GB for a big photo bundle)' },
  },
  positionals: [{ name: 'file', placeholder: 'FILE', description: 'the bundle file' }],
  schema: z.object({ network: filePathArg.optional(), json: z.boolean().optional(), 'max-bytes': byteSizeArg.optional(), file: filePathArg }),
  examples: ['inspect /media/usb/190601.titip', 'inspect --network network.json --json /media/usb/190601.titip'],
  async run(values, io) {
    const network = values.network === undefined ? undefined : await readNetworkFile(values.network);
    const bytes = await withBundleCode(() => readBundleFile(values.file, limitsOf(values['max-bytes'])));
    const validator = network === undefined ? undefined : networkValidator(network);
    try {
      const inspection = await withBundleCode(() => inspectBundle(bytes, { limits: limitsOf(values['max-bytes']), ...(validator !== undefined ? { validator: validator.records } : {}) }), values.file);
      if (values.json) printJson(io, { file: values.file, ...inspection });
      else io.stdout(formatInspection(values.file, inspection));
      return (inspection.rejected?.length ?? 0) > 0 ? EXIT.failed : EXIT.ok;
    } finally {
      await validator?.records.close();
    }
  },
});
