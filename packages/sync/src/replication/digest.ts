import { sha256 } from '@noble/hashes/sha2.js';

const encoder = new TextEncoder();

/**
 * The digest of a set of documents: SHA-256 over `docId NUL head,head,… LF` for each document, in docId order, with
 * heads sorted. Two peers whose digests over the documents they share are equal hold exactly the same objects there,
 * which lets a reconnect in agreement finish after one exchange of hellos. Empty documents count as absent.
 */
export function digestOfHeads(entries: Iterable<readonly [docId: string, heads: readonly string[]]>): Uint8Array {
  const lines: string[] = [];
  for (const [docId, heads] of entries) {
    if (heads.length === 0) continue;
    lines.push(`${docId}\u0000${[...heads].sort().join(',')}\n`);
  }
  lines.sort();
  return sha256(encoder.encode(lines.join('')));
}

/** Constant-size comparison of two digests. */
export function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let diff = 0;
  for (let i = 0; i < a.byteLength; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
