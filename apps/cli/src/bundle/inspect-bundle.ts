import { decodeRecord, type RecordValidator } from '@titip/records';
import { BUNDLE_MAGIC, decodeBundle, type BundleHeader, type BundleLimits, type BundleRejection } from '@titip/sync';

/** Objects of a bundle by record kind (`submission`, `receipt`, `attestation` always present, any other kind when held). */
export type KindCounts = Record<string, number>;

/** A photo of a bundle as {@link inspectBundle} reports it (its bytes are checked against the signed hash only on import). */
export interface InspectedPhoto {
  readonly sha256: string;
  readonly bytes: number;
  /** The TPS and page of each submission in the file that references it (empty: none in this file does). */
  readonly shows: readonly { readonly tps: string; readonly page: number }[];
}

/** What {@link inspectBundle} found in a bundle file. */
export interface BundleInspection {
  readonly header: BundleHeader;
  /** Size of the file in bytes. */
  readonly bytes: number;
  /** Number of objects. */
  readonly objects: number;
  readonly kinds: KindCounts;
  /** Objects per document (desa), by document id. */
  readonly documents: Readonly<Record<string, number>>;
  /** Format version of the file (1: objects only; 2: objects and photos). */
  readonly version: number;
  /** The photos the file carries, in file order: hash (as named in the file), bytes, and the pages of submissions in this file that reference it. */
  readonly photos: readonly InspectedPhoto[];
  /**
   * How far the file was checked: `structure` (checksum, layout, every object a well-formed record filed under its
   * own document: everything the bytes alone prove) or `signatures` (also the signatures and credential chains up to
   * a network's KPU root, as an import would).
   */
  readonly verified: 'structure' | 'signatures';
  /** With `signatures`: the objects the network's validator refuses (an import would list them as refused). */
  readonly rejected?: readonly BundleRejection[];
}

/**
 * Checks a bundle file without a store and says what it holds: {@link decodeBundle} (throws `BundleError` for a
 * damaged or crafted file), the objects counted by kind and document, and with a `validator` every object judged
 * as the network path would judge it (except the document check against a held replica: none is needed here, as
 * `decodeBundle` already checked each object is filed under its own desa).
 * @throws {BundleError}
 */
export async function inspectBundle(bytes: Uint8Array, options: { validator?: RecordValidator; limits?: BundleLimits } = {}): Promise<BundleInspection> {
  const { header, entries, blobs } = decodeBundle(bytes, options.limits);
  const kinds: KindCounts = { submission: 0, receipt: 0, attestation: 0 };
  const documents: Record<string, number> = {};
  const shows = new Map<string, { tps: string; page: number }[]>();
  for (const entry of entries) {
    const record = decodeRecord(entry.bytes);
    kinds[record.kind] = (kinds[record.kind] ?? 0) + 1;
    documents[entry.docId] = (documents[entry.docId] ?? 0) + 1;
    if (record.kind !== 'submission') continue;
    for (const photo of record.body.photos) {
      const list = shows.get(photo.sha256) ?? [];
      if (!list.some((s) => s.tps === record.body.tps && s.page === photo.page)) list.push({ tps: record.body.tps, page: photo.page });
      shows.set(photo.sha256, list);
    }
  }
  const version = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(BUNDLE_MAGIC.length);
  const photos = blobs.map((b) => ({ sha256: b.sha256, bytes: b.bytes.length, shows: shows.get(b.sha256) ?? [] }));
  const base = { header, bytes: bytes.length, objects: entries.length, kinds, documents, version, photos };
  if (options.validator === undefined) return { ...base, verified: 'structure' };
  const verdicts = await options.validator.batch(entries.map(({ id, bytes }) => ({ id, bytes })));
  const rejected: BundleRejection[] = [];
  verdicts.forEach((verdict, i) => {
    if (!verdict.ok) rejected.push({ id: entries[i]!.id, docId: entries[i]!.docId, code: verdict.failure.code, message: verdict.failure.message });
  });
  return { ...base, verified: 'signatures', rejected };
}
