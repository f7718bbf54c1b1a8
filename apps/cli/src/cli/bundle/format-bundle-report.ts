import type { PhotoImportResult } from '@titip/photos';
import type { BundleHeader, BundleImportResult, BundleRejection } from '@titip/sync';
import type { BundleInspection } from '../../bundle/inspect-bundle.js';

/** A byte count for people: `812 B`, `3.4 KB`, `12.1 MB` (powers of 1000, as on a USB stick's label). */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(2)} GB`;
}

const regionList = (regions: readonly string[]) => regions.map((r) => (r === '' ? '(nation)' : r)).join(', ');

/** The header of a bundle, one fact a line. */
export function formatHeader(header: BundleHeader): string[] {
  const { source } = header;
  const writer = [source.label, source.role, source.peer].filter((s) => s !== undefined).join(', ');
  return [
    `written     ${new Date(header.createdAt).toISOString()} (the writer's clock)`,
    `by          ${writer === '' ? 'a peer' : writer}${source.scopes.length === 1 && source.scopes[0] === '' ? '' : ` serving ${regionList(source.scopes)}`}`,
    `regions     ${regionList(header.regions)}${header.delta ? ' (delta: what another device held was left out)' : ''}`,
  ];
}

/** The refused objects, one a line: id, document, code and message. */
export function formatRejections(rejected: readonly BundleRejection[]): string[] {
  return rejected.map((r) => `  ${r.id.slice(0, 16)}… in ${r.docId}: ${r.code}: ${r.message}`);
}

/** What `titip-bundle inspect` prints. */
export function formatInspection(file: string, inspection: BundleInspection): string {
  const { kinds } = inspection;
  const docs = Object.entries(inspection.documents);
  const lines = [
    `${file}: titip bundle v${inspection.version}, ${formatSize(inspection.bytes)}`,
    ...formatHeader(inspection.header),
    `objects     ${inspection.objects}: ${Object.entries(kinds).map(([kind, n]) => `${n} ${kind}(s)`).join(', ')}`,
    `documents   ${docs.length}${docs.length > 0 ? `: ${docs.map(([id, n]) => `${id} (${n})`).join(', ')}` : ''}`,
    ...formatInspectedPhotos(inspection),
  ];
  if (inspection.verified === 'structure') {
    lines.push('verified    checksum, layout and record structure (pass --network FILE to check signatures too)');
  } else {
    const rejected = inspection.rejected ?? [];
    lines.push(`verified    checksum, layout, record structure, signatures and credentials: ${inspection.objects - rejected.length} valid, ${rejected.length} refused`);
    lines.push(...formatRejections(rejected));
  }
  return `${lines.join('\n')}\n`;
}

/** The photos line of `inspect`, then one line a photo: hash, size, and what the bundle's submissions say it shows. */
function formatInspectedPhotos(inspection: BundleInspection): string[] {
  const { photos } = inspection;
  if (photos.length === 0) return [`photos      none${inspection.version === 1 ? ' (a version 1 bundle carries no photos)' : ''}`];
  const bytes = photos.reduce((n, p) => n + p.bytes, 0);
  const unnamed = photos.filter((p) => p.shows.length === 0).length;
  const lines = [
    `photos      ${photos.length}, ${formatSize(bytes)}${unnamed > 0 ? ` (${unnamed} named by no submission in this file: an import stores them only if the receiver holds a submission that references them)` : ''}`,
  ];
  for (const photo of photos) {
    const shows = photo.shows.map((s) => `TPS ${s.tps} page ${s.page}`).join(', ');
    lines.push(`  ${photo.sha256.slice(0, 16)}…  ${formatSize(photo.bytes).padStart(8)}  ${shows || '(no submission in this file)'}`);
  }
  return lines;
}

/** What `titip-bundle import` prints. */
export function formatImport(file: string, bytes: number, result: BundleImportResult, photos?: PhotoImportResult & { outOfScope?: number }): string {
  const total = result.added + result.alreadyHeld + result.outOfScope + result.rejected.length;
  const lines = [
    `${file}: ${total} object(s), ${formatSize(bytes)}`,
    ...formatHeader(result.header),
    `accepted      ${result.added}`,
    `already held  ${result.alreadyHeld}`,
    `out of scope  ${result.outOfScope}${result.outOfScope > 0 ? ' (documents outside --scope, left alone)' : ''}`,
    `refused       ${result.rejected.length}`,
    ...formatRejections(result.rejected),
  ];
  if (result.rejected.length > 0) lines.push('The refused objects were not stored; every other object was. Report the refusals to the KPU kabupaten.');
  const photosOut = photos?.outOfScope ?? 0;
  if (photos !== undefined && photos.accepted.length + photos.alreadyHeld.length + photos.refused.length + photosOut > 0) {
    const size = (refs: readonly { size: number }[]) => formatSize(refs.reduce((n, r) => n + r.size, 0));
    lines.push(
      `photos accepted      ${photos.accepted.length} (${size(photos.accepted)}), each verified against its signed hash`,
      `photos already held  ${photos.alreadyHeld.length}`,
      ...(photosOut > 0 ? [`photos out of scope  ${photosOut} (of submissions outside --scope, left alone)`] : []),
      `photos refused       ${photos.refused.length}`,
      ...photos.refused.map((r) => `  ${r.sha256.slice(0, 16)}… (${formatSize(r.bytes)}): ${r.code}: ${r.message}`),
    );
    if (photos.refused.length > 0) lines.push('The refused photos were not stored (nothing else was affected): PHOTO_UNREFERENCED means no signed submission names it, CHUNK_INVALID that its bytes are not the signed photo.');
  }
  return `${lines.join('\n')}\n`;
}
