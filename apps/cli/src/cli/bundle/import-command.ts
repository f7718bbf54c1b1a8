import { stat } from 'node:fs/promises';
import { readNetworkFile } from '@titip/config/node';
import { importPhotos, type PhotoImportResult } from '@titip/photos';
import { decodeRecord } from '@titip/records';
import { decodeBundle, importDecodedBundle, isInInterest, type BundleEntry } from '@titip/sync';
import { readBundleFile } from '@titip/sync/node';
import { z } from 'zod';
import { networkValidator } from '../../bundle/network-validator.js';
import { heldPhotoCatalog, openDataDirPhotos } from '../../bundle/held-photos.js';
import { openDataDir } from '../../bundle/open-data-dir.js';
import { byteSizeArg } from '../../bundle/byte-size-arg.js';
import { filePathArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';
import { limitsOf } from './limits-option.js';
import { withBundleCode } from './with-bundle-code.js';
import { formatImport } from './format-bundle-report.js';
import { repeatedRegionsArg } from './region-options.js';

/** `titip-bundle import`: a bundle file into a stopped peer's data dir, with the validation of the network path. */
export const importCommand = defineCommand({
  name: 'import',
  summary: 'validate a bundle file and store its objects in a data dir, as if they had arrived over the network',
  usage: ['import --data-dir DIR --network FILE [--scope CODE]… [--max-bytes SIZE] [--json] FILE'],
  description: [
    'Checks the whole file first (checksum, length, layout, every object a well-formed record filed under its own',
    'desa): a damaged or tampered file is refused whole with its BUNDLE_… code and nothing is stored (copy it',
    'again). Then every object goes through the validation a peer applies to objects from the network (signature,',
    'credential chain to the KPU root of --network, election rules). Objects it refuses are listed with their',
    'reasons and not stored; all others are. Then each photo is stored only if a signed submission (held, or just',
    'imported) references it, verified chunk by chunk against that signed hash and size: a photo no submission',
    'references, or whose bytes do not verify, is refused and listed, and costs nothing else. The data dir must not be',
    'in use (stop the relay first) and is created when missing. Exit code 1 when anything was refused.',
  ],
  options: {
    'data-dir': { type: 'string', required: true, placeholder: 'DIR', description: 'the data dir of a stopped peer (created if missing)' },
    network: { type: 'string', required: true, placeholder: 'FILE', description: 'the network file (KPU root key and elections)' },
    scope: { type: 'string', multiple: true, placeholder: 'CODE[,CODE…]', description: "the regions this data dir serves, as the relay's --scope (default: the nation, everything)" },
    json: { type: 'boolean', description: 'print the result as JSON' },
    'max-bytes': { type: 'string', placeholder: 'SIZE', description: 'accept a file up to this size (default 256MiB; e.g. 2GB for a big photo bundle)' },
  },
  positionals: [{ name: 'file', placeholder: 'FILE', description: 'the bundle file' }],
  schema: z.object({
    'data-dir': filePathArg,
    network: filePathArg,
    scope: repeatedRegionsArg,
    json: z.boolean().optional(),
    'max-bytes': byteSizeArg.optional(),
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
      const bytes = await withBundleCode(() => readBundleFile(values.file, limitsOf(values['max-bytes'])));
      const bundle = await withBundleCode(async () => decodeBundle(bytes, limitsOf(values['max-bytes'])), values.file);
      const opened = await openDataDir(values['data-dir'], { create: true, scopes: values.scope ?? [''], validator: validator.objects });
      try {
        const result = await importDecodedBundle(opened.replica, bundle);
        let photos: PhotoImportResult & { outOfScope: number } = { accepted: [], alreadyHeld: [], refused: [], outOfScope: 0 };
        if (bundle.blobs.length > 0) {
          // The signed references: every submission held now in the bundle's regions (validated when stored, those
          // of this bundle included); a refused submission is not held, so its photos find no reference.
          const catalog = heldPhotoCatalog(opened.replica, bundle.header.regions);
          // Photos only submissions outside --scope reference are left alone, like those submissions.
          const outside = photosOutside(bundle.entries, opened.replica.scopes);
          const section = bundle.blobs.filter((blob) => catalog.get(blob.sha256) !== undefined || !outside.has(blob.sha256));
          const blobs = await openDataDirPhotos(opened.store);
          try {
            photos = { ...(await importPhotos(blobs, section, (sha256) => catalog.get(sha256)?.ref)), outOfScope: bundle.blobs.length - section.length };
          } finally {
            await blobs.close();
          }
        }
        if (opened.created) io.stderr(`titip-bundle import: created the data dir ${values['data-dir']}\n`);
        if (values.json) printJson(io, { file: values.file, bytes: bytes.length, dataDir: values['data-dir'], created: opened.created, ...result, photos });
        else io.stdout(formatImport(values.file, bytes.length, result, photos));
        return result.rejected.length > 0 || photos.refused.length > 0 ? EXIT.failed : EXIT.ok;
      } finally {
        await opened.close();
      }
    } finally {
      await validator.records.close();
    }
  },
});

/** The photos the bundle's submissions in documents outside `scopes` reference. */
function photosOutside(entries: readonly BundleEntry[], scopes: readonly string[]): Set<string> {
  const outside = new Set<string>();
  for (const entry of entries) {
    if (isInInterest(entry.docId, scopes)) continue;
    const record = decodeRecord(entry.bytes);
    if (record.kind === 'submission') for (const photo of record.body.photos) outside.add(photo.sha256);
  }
  return outside;
}
