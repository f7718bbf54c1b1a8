import { bytesEqual, decodeCredential, toHex } from '@titip/identity';
import type { RevocationRecord } from '../record/titip-record.js';

/** How far before it was first witnessed an issuer's revocation may reach back by default: 24 hours. */
export const DEFAULT_ISSUER_BACKDATE_MS = 24 * 3_600_000;

/** The revocation in force for one credential link, as {@link RevocationSet.revokedFrom} finds it. */
export interface EffectiveRevocation {
  /** The revocation's object id. */
  readonly id: string;
  /** From when it takes effect (ms): its `from`, limited for an issuer's revocation (see {@link RevocationSet}). */
  readonly from: number;
  readonly reason: string;
  /** Whether the root key signed it (else the issuer of the revoked credential). */
  readonly byRoot: boolean;
}

interface Held {
  readonly record: RevocationRecord;
  readonly subject: Uint8Array;
  readonly revokedSigner: Uint8Array;
  readonly byRoot: boolean;
  readonly witnessedAt: number;
}

/** Options of {@link RevocationSet}. */
export interface RevocationSetOptions {
  /** The KPU root public key. */
  readonly root: Uint8Array;
  /** How far before its first witness an issuer's revocation may reach back. @default 24 h */
  readonly issuerBackdateMs?: number;
}

/**
 * The revocations a node holds (each already admitted: see `verifyRevocation`), with the time each was first
 * witnessed here, and what they revoke. A revocation of credential C (subject K, signed by S) revokes every
 * credential link "K signed by S" (a re-issued credential of the same key by the same issuer too); one signed by
 * the root revokes K whoever signed it.
 *
 * When it takes effect: a root revocation from its `from` (the root is the trust anchor; an offline key); an
 * issuer's revocation from `max(from, witnessedAt - issuerBackdateMs)`, so a stolen issuer key cannot un-count
 * results witnessed long before, and not at all once the issuer key itself is revoked by the root at or before
 * the time the revocation was witnessed.
 */
export class RevocationSet {
  readonly #root: Uint8Array;
  readonly #backdate: number;
  readonly #bySubject = new Map<string, Held[]>();
  readonly #ids = new Set<string>();

  constructor(options: RevocationSetOptions) {
    this.#root = options.root;
    this.#backdate = options.issuerBackdateMs ?? DEFAULT_ISSUER_BACKDATE_MS;
  }

  /** Number of revocations held. */
  get size(): number {
    return this.#ids.size;
  }

  /**
   * Adds an admitted revocation first witnessed at `witnessedAt`; false when it was already held or its revoked
   * credential does not decode (admission refuses those).
   */
  add(record: RevocationRecord, witnessedAt: number): boolean {
    if (this.#ids.has(record.id)) return false;
    const revoked = decodeCredential(record.body.revoked);
    if (!revoked.ok) return false;
    this.#ids.add(record.id);
    const subject = revoked.obj.body.subject;
    const held: Held = { record, subject, revokedSigner: revoked.obj.signer, byRoot: bytesEqual(record.signer, this.#root), witnessedAt };
    const key = toHex(subject);
    const list = this.#bySubject.get(key);
    if (list) list.push(held);
    else this.#bySubject.set(key, [held]);
    return true;
  }

  /** The hex keys whose credentials some held revocation names. */
  revokedKeys(): string[] {
    return [...this.#bySubject.keys()];
  }

  /**
   * The earliest revocation in force for the credential link "`subject` signed by `signer`", or undefined.
   * Ties go to the root's revocation.
   */
  revokedFrom(subject: Uint8Array, signer: Uint8Array): EffectiveRevocation | undefined {
    if (this.#bySubject.size === 0) return undefined; // the usual case: nothing revoked (spares a hex key per link)
    let best: EffectiveRevocation | undefined;
    for (const held of this.#bySubject.get(toHex(subject)) ?? []) {
      if (!held.byRoot && !bytesEqual(held.revokedSigner, signer)) continue;
      const from = this.#effectiveFrom(held);
      if (from === undefined) continue;
      if (best === undefined || from < best.from || (from === best.from && held.byRoot && !best.byRoot)) {
        best = { id: held.record.id, from, reason: held.record.body.reason, byRoot: held.byRoot };
      }
    }
    return best;
  }

  #effectiveFrom(held: Held): number | undefined {
    if (held.byRoot) return held.record.body.from;
    // An issuer's revocation is void once the root revoked that issuer key at or before it was witnessed.
    const issuer = held.record.signer;
    for (const other of this.#bySubject.get(toHex(issuer)) ?? []) {
      if (other.byRoot && other.record.body.from <= held.witnessedAt) return undefined;
    }
    return Math.max(held.record.body.from, held.witnessedAt - this.#backdate);
  }
}
