import { docIdOf, type PhotoRef, type SubmissionRecord } from '@titip/records';
import type { PhotoBlobRef } from '../store/photo-types.js';

/** One photo the held submissions reference, with what it is evidence of. */
export interface CatalogEntry {
  readonly ref: PhotoBlobRef;
  /** Pages of the form it shows (a photo may be reused across revisions). */
  readonly pages: readonly number[];
  /** Ids of the submissions that reference it. */
  readonly submissions: readonly string[];
  /** TPS codes of those submissions. */
  readonly tps: readonly string[];
  /** Desa documents those submissions live in. */
  readonly docIds: readonly string[];
  /** Signing time (device clock, ms) of the oldest submission referencing it: its age for priority. */
  readonly signedAt: number;
  /** Order in which this catalog first saw it. */
  readonly seen: number;
}

interface MutableEntry {
  ref: PhotoBlobRef;
  pages: number[];
  submissions: string[];
  tps: string[];
  docIds: string[];
  signedAt: number;
  seen: number;
}

/**
 * The photos referenced by the submissions a peer holds, by hash. The same photo referenced twice (a correction that
 * keeps the page photo) is one entry; its age is that of the oldest submission. The first reference fixes the size
 * and type; a later one that disagrees is ignored and counted in {@link conflicts} (a photo's size is authenticated
 * by its hash, so at most one of them can ever be fetched).
 */
export class PhotoCatalog {
  readonly #entries = new Map<string, MutableEntry>();
  readonly #conflicts = new Set<string>();
  #seen = 0;

  /**
   * Adds the photos of a submission (those `accept` takes, when given). Returns the hashes new to the catalog, and
   * those already in it that this older submission made older (their place in the fetch order changes).
   */
  add(submission: SubmissionRecord, accept?: (photo: PhotoRef) => boolean): { added: string[]; aged: string[] } {
    const fresh: string[] = [];
    const aged: string[] = [];
    const docId = docIdOf(submission);
    for (const photo of submission.body.photos) {
      if (accept && !accept(photo)) continue;
      const existing = this.#entries.get(photo.sha256);
      if (!existing) {
        this.#entries.set(photo.sha256, {
          ref: blobRefOf(photo),
          pages: [photo.page],
          submissions: [submission.id],
          tps: [submission.body.tps],
          docIds: [docId],
          signedAt: submission.body.deviceTime,
          seen: this.#seen++,
        });
        fresh.push(photo.sha256);
        continue;
      }
      if (existing.ref.size !== photo.size || existing.ref.type !== photo.type) {
        this.#conflicts.add(`${photo.sha256}/${submission.id}`);
        continue;
      }
      if (existing.submissions.includes(submission.id)) continue;
      existing.submissions.push(submission.id);
      if (!existing.pages.includes(photo.page)) existing.pages.push(photo.page);
      if (!existing.tps.includes(submission.body.tps)) existing.tps.push(submission.body.tps);
      if (!existing.docIds.includes(docId)) existing.docIds.push(docId);
      if (submission.body.deviceTime < existing.signedAt) {
        existing.signedAt = submission.body.deviceTime;
        aged.push(photo.sha256);
      }
    }
    return { added: fresh, aged };
  }

  /** The entry of a photo. */
  get(sha256: string): CatalogEntry | undefined {
    return this.#entries.get(sha256);
  }

  /** Every entry, in the order first seen. */
  entries(): CatalogEntry[] {
    return [...this.#entries.values()];
  }

  /** Number of photos referenced. */
  get size(): number {
    return this.#entries.size;
  }

  /** References ignored because they gave a known hash another size or type (`<sha256>/<submission id>`). */
  conflicts(): string[] {
    return [...this.#conflicts];
  }
}

function blobRefOf(photo: PhotoRef): PhotoBlobRef {
  return { sha256: photo.sha256, size: photo.size, type: photo.type };
}
