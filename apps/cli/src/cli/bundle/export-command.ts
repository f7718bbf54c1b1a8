import { stat } from 'node:fs/promises';
import { exportPhotos, type ExportedPhotos, type PhotoLeftOutReason } from '@titip/photos';
import { DEFAULT_MAX_BUNDLE_BYTES, exportBundle } from '@titip/sync';
import { writeBundleFile } from '@titip/sync/node';
import { z } from 'zod';
import { byteSizeArg } from '../../bundle/byte-size-arg.js';
import { openDataDir } from '../../bundle/open-data-dir.js';
import { dataDirPeerId } from '../../bundle/data-dir-peer-id.js';
import { readHaveFile, type HaveFile } from '../../bundle/have-file.js';
import { heldPhotoCatalog, openDataDirPhotos } from '../../bundle/held-photos.js';
import type { DataDirReplica } from '../../bundle/open-data-dir.js';
import { OutputFileError } from '../../errors.js';
import { filePathArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import type { CliIo } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';
import { formatSize } from './format-bundle-report.js';
import { withBundleCode } from './with-bundle-code.js';
import { repeatedRegionsArg } from './region-options.js';

/** `titip-bundle export`: the objects a stopped peer's data dir holds, and their photos, into a bundle file. */
export const exportCommand = defineCommand({
  name: 'export',
  summary: 'write what a data dir holds (all, some regions, or what another device lacks) into a bundle file',
  usage: ['export --data-dir DIR --out FILE [--region CODE]… [--have FILE] [--label TEXT]', '    [--no-photos | --max-photo-bytes SIZE] [--force]'],
  description: [
    'Opens the data dir of a stopped titip-relay, titip-operator or titip-server (no networking) and writes the signed',
    'objects it holds into a bundle file (docs/bundle-format.md): written beside the target, flushed, renamed, then',
    'read back and checked whole, so a bad or full USB stick shows up here. --region keeps to some regions (a desa,',
    'a kecamatan); --have leaves out what the device that wrote that have file holds (titip-bundle have), photos',
    'included. The photos the exported submissions reference travel too, those this data dir holds whole, photos of',
    'older results first, as many as keep the file within the 256 MiB an import accepts by default; --max-photo-bytes',
    'sets another cap (the rest is named on stderr and in the JSON; past 256 MiB import with --max-bytes), --no-photos',
    'leaves them all behind. The header names the peer id of the data dir (its peer-key) and --label. Prints the',
    'file, its size, the number of objects and photos, and the photos left out, as JSON.',
  ],
  options: {
    'data-dir': { type: 'string', required: true, placeholder: 'DIR', description: 'the data dir of a stopped peer' },
    out: { type: 'string', required: true, placeholder: 'FILE', description: 'the bundle file to write (e.g. on a USB stick)' },
    region: { type: 'string', multiple: true, placeholder: 'CODE[,CODE…]', description: 'export only these regions (default: everything held)' },
    have: { type: 'string', placeholder: 'FILE', description: 'a have file of the receiving device: leave out what it holds' },
    label: { type: 'string', placeholder: 'TEXT', description: 'a note for the receiver, kept in the bundle header' },
    'no-photos': { type: 'boolean', description: 'carry the signed objects only, no photos' },
    'max-photo-bytes': { type: 'string', placeholder: 'SIZE', description: 'at most this much photo data, e.g. 500MB (older results first)' },
    force: { type: 'boolean', description: 'replace an existing file' },
  },
  schema: z
    .object({
      'data-dir': filePathArg,
      out: filePathArg,
      region: repeatedRegionsArg,
      have: filePathArg.optional(),
      label: z.string().min(1, 'an empty label').max(200, 'at most 200 characters').optional(),
      'no-photos': z.boolean().optional(),
      'max-photo-bytes': byteSizeArg.optional(),
      force: z.boolean().optional(),
    })
    .refine((v) => !(v['no-photos'] && v['max-photo-bytes'] !== undefined), { message: 'give --no-photos or --max-photo-bytes, not both', path: ['max-photo-bytes'] }),
  examples: [
    'export --data-dir /var/lib/titip/pps --out /media/usb/190601.titip',
    'export --data-dir ./titip-data --region 1906012001 --out /media/usb/lalang-jaya.titip --label "TPS 001 phone"',
    'export --data-dir /var/lib/titip/ppk --have /media/usb/pps.have.json --out /media/usb/for-pps.titip',
    'export --data-dir /var/lib/titip/ppk --max-photo-bytes 3.5GB --out /media/usb/190601.titip',
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
      const exceptHeldBy = have !== undefined ? { exceptHeldBy: { ids: have.ids } } : {};
      // Without a cap, the photos that keep the file within what an import accepts by default (1 MiB spare for framing).
      const cap = values['max-photo-bytes'] ?? Math.max(0, DEFAULT_MAX_BUNDLE_BYTES - exportBundle(opened.replica, { scopes, ...exceptHeldBy }).length - 1024 * 1024);
      const photos = values['no-photos'] ? undefined : await choosePhotos(opened, scopes, have, cap);
      const written = await withBundleCode(() => writeBundleFile(values.out, opened.replica, {
        scopes,
        ...exceptHeldBy,
        ...(photos !== undefined ? { blobs: photos.blobs } : {}),
        source: { ...(peer !== undefined ? { peer } : {}), ...(values.label !== undefined ? { label: values.label } : {}) },
        overwrite: values.force ?? false,
      }));
      if (written.objects === 0 && written.blobs === 0) {
        io.stderr(`titip-bundle export: nothing to carry: ${have !== undefined ? 'the other device holds everything' : 'the data dir holds nothing'} in ${scopes.map((s) => s || '(nation)').join(', ')}\n`);
      }
      if (photos !== undefined) warnLeftOut(io, photos, cap, values['max-photo-bytes'] !== undefined);
      if (written.bytes > DEFAULT_MAX_BUNDLE_BYTES) {
        io.stderr(`titip-bundle export: the file is ${formatSize(written.bytes)}, over the ${formatSize(DEFAULT_MAX_BUNDLE_BYTES)} an import accepts by default: import it with --max-bytes ${Math.ceil(written.bytes / 1e6)}MB\n`);
      }
      const leftOut = photos?.leftOut.filter((p) => p.reason !== 'held-by-receiver') ?? [];
      printJson(io, {
        file: written.file,
        bytes: written.bytes,
        objects: written.objects,
        photos: written.blobs,
        photoBytes: photos?.bytes ?? 0,
        ...(photos !== undefined ? { photosLeftOut: leftOut.map(({ sha256, size, reason }) => ({ sha256, size, reason })) } : {}),
        regions: scopes,
        delta: have !== undefined,
      });
      return EXIT.ok;
    } finally {
      await opened.close();
    }
  },
});

/**
 * The photos of the exported regions' submissions that the data dir holds whole, minus those the receiver holds: its
 * have file's `photos`, or, for a have file written before photos travelled (no `photos`), the photos of the
 * submissions it holds (it was sent those photos with them, or fetches them over the network).
 */
async function choosePhotos(opened: DataDirReplica, scopes: readonly string[], have: HaveFile | undefined, maxBytes: number): Promise<ExportedPhotos> {
  const blobs = await openDataDirPhotos(opened.store);
  try {
    let entries = heldPhotoCatalog(opened.replica, scopes).entries();
    if (have !== undefined && have.photos === undefined) {
      const theirs = new Set(have.ids);
      entries = entries.filter((entry) => entry.submissions.some((id) => !theirs.has(id)));
    }
    return await exportPhotos(blobs, entries, { maxBytes, heldByReceiver: new Set(have?.photos ?? []) });
  } finally {
    await blobs.close();
  }
}

const REASONS: Record<Exclude<PhotoLeftOutReason, 'held-by-receiver'>, string> = {
  cap: 'left out for --max-photo-bytes (the newest results’ photos): carry them on another stick (export --have) or let the network bring them',
  'not-held': 'referenced but not held whole in this data dir (not fetched yet, or dropped for the photo budget)',
  corrupt: 'damaged on this disk (the stored bytes no longer match the signed hash): not exported',
};

/** One stderr line per reason photos were left out (what the receiver will not get from this file). */
function warnLeftOut(io: CliIo, photos: ExportedPhotos, cap: number, chosen: boolean): void {
  for (const reason of Object.keys(REASONS) as (keyof typeof REASONS)[]) {
    const these = photos.leftOut.filter((p) => p.reason === reason);
    if (these.length === 0) continue;
    const bytes = these.reduce((n, p) => n + p.size, 0);
    const limit = chosen ? `--max-photo-bytes ${formatSize(cap)}` : `the ${formatSize(DEFAULT_MAX_BUNDLE_BYTES)} an import accepts by default (--max-photo-bytes to choose)`;
    const text = reason === 'cap' ? REASONS.cap.replace('--max-photo-bytes', `${limit}, ${formatSize(photos.bytes)} carried`) : REASONS[reason];
    io.stderr(`titip-bundle export: ${these.length} photo(s), ${formatSize(bytes)}, ${text}\n`);
  }
}
