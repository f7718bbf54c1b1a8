import { decodeRecord, type RecordValidator } from '@titip/records';
import { decodeBundle, type BundleHeader, type BundleLimits, type BundleRejection } from '@titip/sync';

/** Objects of a bundle by record kind (`submission`, `receipt`, `attestation` always present, any other kind when held). */
export type KindCounts = Record<string, number>;

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
  const { header, entries } = decodeBundle(bytes, options.limits);
  const kinds: KindCounts = { submission: 0, receipt: 0, attestation: 0 };
  const documents: Record<string, number> = {};
  for (const entry of entries) {
    const kind = decodeRecord(entry.bytes).kind;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    documents[entry.docId] = (documents[entry.docId] ?? 0) + 1;
  }
  const base = { header, bytes: bytes.length, objects: entries.length, kinds, documents };
  if (options.validator === undefined) return { ...base, verified: 'structure' };
  const verdicts = await options.validator.batch(entries.map(({ id, bytes }) => ({ id, bytes })));
  const rejected: BundleRejection[] = [];
  verdicts.forEach((verdict, i) => {
    if (!verdict.ok) rejected.push({ id: entries[i]!.id, docId: entries[i]!.docId, code: verdict.failure.code, message: verdict.failure.message });
  });
  return { ...base, verified: 'signatures', rejected };
}
