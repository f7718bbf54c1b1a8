import { stat } from 'node:fs/promises';
import { writeBundleFile } from '@titip/sync/node';
import { z } from 'zod';
import { openDataDir } from '../../bundle/open-data-dir.js';
import { dataDirPeerId } from '../../bundle/data-dir-peer-id.js';
import { readHaveFile } from '../../bundle/have-file.js';
import { OutputFileError } from '../../errors.js';
import { filePathArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';
import { withBundleCode } from './with-bundle-code.js';
import { repeatedRegionsArg } from './region-options.js';

/** `titip-bundle export`: the objects a stopped peer's data dir holds, into a bundle file. */
export const exportCommand = defineCommand({
  name: 'export',
  summary: 'write what a data dir holds (all, some regions, or what another device lacks) into a bundle file',
  usage: ['export --data-dir DIR --out FILE [--region CODE]… [--have FILE] [--label TEXT] [--force]'],
  description: [
    'Opens the data dir of a stopped titip-relay, titip-operator or titip-server (no networking) and writes the signed',
    'objects it holds into a bundle file (docs/bundle-format.md): written beside the target, flushed, renamed, then',
    'read back and checked whole, so a bad or full USB stick shows up here. --region keeps to some regions (a desa,',
    'a kecamatan); --have leaves out what the device that wrote that have file holds (titip-bundle have). Photos do',
    'not travel in bundles. The header names the peer id of the data dir (its peer-key) and --label. Prints the',
    'file, its size and the number of objects as JSON.',
  ],
  options: {
    'data-dir': { type: 'string', required: true, placeholder: 'DIR', description: 'the data dir of a stopped peer' },
    out: { type: 'string', required: true, placeholder: 'FILE', description: 'the bundle file to write (e.g. on a USB stick)' },
    region: { type: 'string', multiple: true, placeholder: 'CODE[,CODE…]', description: 'export only these regions (default: everything held)' },
    have: { type: 'string', placeholder: 'FILE', description: 'a have file of the receiving device: leave out what it holds' },
    label: { type: 'string', placeholder: 'TEXT', description: 'a note for the receiver, kept in the bundle header' },
    force: { type: 'boolean', description: 'replace an existing file' },
  },
  schema: z.object({
    'data-dir': filePathArg,
    out: filePathArg,
    region: repeatedRegionsArg,
    have: filePathArg.optional(),
    label: z.string().min(1, 'an empty label').max(200, 'at most 200 characters').optional(),
    force: z.boolean().optional(),
  }),
  examples: [
    'export --data-dir /var/lib/titip/pps --out /media/usb/190601.titip',
    'export --data-dir ./titip-data --region 1906012001 --out /media/usb/lalang-jaya.titip --label "TPS 001 phone"',
    'export --data-dir /var/lib/titip/ppk --have /media/usb/pps.have.json --out /media/usb/for-pps.titip',
  ],
  async run(values, io) {
    const have = values.have === undefined ? undefined : await readHaveFile(values.have);
    if (values.force !== true && (await stat(values.out).catch(() => undefined)) !== undefined) {
      throw new OutputFileError(values.out, 'already exists (left as it was)', { exists: true });
    }
    const scopes = values.region ?? [''];
    const opened = await openDataDir(values['data-dir'], { scopes }); // the header's source scopes: what was exported
    const peer = await dataDirPeerId(values['data-dir']);
    try {
      const written = await withBundleCode(() => writeBundleFile(values.out, opened.replica, {
        scopes,
        ...(have !== undefined ? { exceptHeldBy: { ids: have.ids } } : {}),
        source: { ...(peer !== undefined ? { peer } : {}), ...(values.label !== undefined ? { label: values.label } : {}) },
        overwrite: values.force ?? false,
      }));
      if (written.objects === 0) {
        io.stderr(`titip-bundle export: nothing to carry: ${have !== undefined ? 'the other device holds everything' : 'the data dir holds nothing'} in ${scopes.map((s) => s || '(nation)').join(', ')}\n`);
      }
      printJson(io, { file: written.file, bytes: written.bytes, objects: written.objects, regions: scopes, delta: have !== undefined });
      return EXIT.ok;
    } finally {
      await opened.close();
    }
  },
});
