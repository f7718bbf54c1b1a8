import { z } from 'zod';
import { haveFileOf, writeHaveFile } from '../../bundle/have-file.js';
import { openDataDirPhotos } from '../../bundle/held-photos.js';
import { openDataDir } from '../../bundle/open-data-dir.js';
import { filePathArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';
import { repeatedRegionsArg } from './region-options.js';

/** `titip-bundle have`: the ids of what a data dir holds, so another device can export only what it lacks. */
export const haveCommand = defineCommand({
  name: 'have',
  summary: 'write what this data dir holds (object ids, photo hashes) so another device exports only what it lacks',
  usage: ['have --data-dir DIR --out FILE [--region CODE]… [--label TEXT] [--force]'],
  description: [
    'Opens the data dir of a stopped peer and writes a titip-have v1 file (JSON): the ids of the objects it holds and',
    'the hashes of the photos it holds whole, 67 bytes each. Carry it to the other device and run titip-bundle export',
    '--have FILE there: the bundle then holds only what this device lacks, photos included. Ids are exact even between',
    'devices that only ever exchanged bundles.',
  ],
  options: {
    'data-dir': { type: 'string', required: true, placeholder: 'DIR', description: 'the data dir of a stopped peer' },
    out: { type: 'string', required: true, placeholder: 'FILE', description: 'the have file to write' },
    region: { type: 'string', multiple: true, placeholder: 'CODE[,CODE…]', description: 'list only these regions (default: everything held)' },
    label: { type: 'string', placeholder: 'TEXT', description: 'a note kept in the file (which device it describes)' },
    force: { type: 'boolean', description: 'replace an existing file' },
  },
  schema: z.object({
    'data-dir': filePathArg,
    out: filePathArg,
    region: repeatedRegionsArg,
    label: z.string().min(1, 'an empty label').max(200, 'at most 200 characters').optional(),
    force: z.boolean().optional(),
  }),
  examples: ['have --data-dir /var/lib/titip/pps --out /media/usb/pps.have.json --label "PPS Lalang Jaya"'],
  async run(values, io) {
    const opened = await openDataDir(values['data-dir']);
    let have;
    try {
      const blobs = await openDataDirPhotos(opened.store);
      const photos = blobs.list().filter((p) => p.complete).map((p) => p.sha256);
      await blobs.close();
      have = haveFileOf(opened.replica, values.region ?? [''], { photos, ...(values.label !== undefined ? { label: values.label } : {}) });
    } finally {
      await opened.close();
    }
    await writeHaveFile(values.out, have, { overwrite: values.force ?? false });
    printJson(io, { file: values.out, objects: have.ids.length, photos: have.photos?.length ?? 0, regions: have.regions });
    return EXIT.ok;
  },
});
