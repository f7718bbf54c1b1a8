import { createCredentialCache, decodeCredential, hashHex, toHex, type CredentialCache, type Ed25519Provider } from '@titip/identity';
import { silentLogger, type Logger } from '@titip/log';
import {
  decodeRecord,
  DEFAULT_CLOCK_SKEW_MS,
  judgeStanding,
  RevocationSet,
  witnessedTime,
  type JudgedChain,
  type Standing,
  type TitipRecord,
  type TpsRecord,
  type Witness,
} from '@titip/records';
import type { KeyValueStore } from '@titip/store';
import type { ObjectOrigin, Replica } from '../replication/replica.js';
import { WitnessLog } from './witness-log.js';

/** A record judged not counted: who signed it, why, and which peer handed it over (the attacker, or an honest forwarder). */
export interface StandingReport {
  readonly id: string;
  readonly kind: TpsRecord['kind'];
  readonly tps: string;
  readonly election: string;
  /** Hex public key of the record's signer. */
  readonly signer: string;
  readonly standing: Extract<Standing, { counted: false }>;
  /** Where this node got it from. */
  readonly origin: ObjectOrigin;
  /** This node's clock when it was judged so. */
  readonly at: number;
}

/** The standing of a record was judged for the first time, or changed (a witness, or a revocation, arrived). */
export interface StandingChange {
  readonly record: TpsRecord;
  readonly standing: Standing;
  readonly previous: Standing | undefined;
  readonly origin: ObjectOrigin;
}

/** Options of {@link CredentialStanding.open}. */
export interface CredentialStandingOptions {
  readonly replica: Replica;
  /** The peer's store: first sights are persisted there (see {@link WitnessLog}). */
  readonly store: KeyValueStore;
  /** The KPU root public key. */
  readonly root: Uint8Array;
  readonly provider: Ed25519Provider;
  /**
   * Credentials already decoded (e.g. the record validator's cache). Records reach standing only after admission,
   * which verified their chains, so standing only decodes them. @default a new cache of 10,000
   */
  readonly cache?: CredentialCache;
  /** Tolerance around credential windows at the witnessed time. @default 3600000 (1 h) */
  readonly skewMs?: number;
  /** How far back an issuer's revocation may reach before it was first witnessed. @default 24 h */
  readonly issuerBackdateMs?: number;
  /** This node's clock. @default Date.now */
  readonly now?: () => number;
  /** Make first-sight writes durable before they resolve. @default true */
  readonly durableWrites?: boolean;
  /** Most reports kept. @default 1000 */
  readonly maxReports?: number;
  readonly logger?: Logger;
}

interface Judged {
  readonly record: TpsRecord;
  readonly chain: JudgedChain;
  readonly firstSeen: number;
  readonly origin: ObjectOrigin;
  standing: Standing | undefined;
}

/**
 * Whether each record a replica holds counts, judged when it was first witnessed (see
 * docs/credentials-over-time.md): this node's first sight of it (persisted, {@link WitnessLog}) or an earlier
 * sighting by an attestation or receipt that itself stands, whichever is earlier; then every credential of its
 * chain valid at that time and none revoked from a time at or before it. Records that do not count are kept
 * (admission is time-blind, so every honest replica holds the same objects), reported with the peer they came
 * from and logged; the forwarding peer is not banned, since an honest relay may carry an honestly late object.
 * Verdicts are re-judged when a witness or a revocation arrives later.
 */
export class CredentialStanding {
  readonly #options: CredentialStandingOptions;
  readonly #log: WitnessLog;
  readonly #cache: CredentialCache;
  readonly #revocations: RevocationSet;
  readonly #now: () => number;
  readonly #logger: Logger;
  readonly #judged = new Map<string, Judged>();
  /** Submission id → ids of the attestations and receipts naming it. */
  readonly #witnessesOf = new Map<string, Set<string>>();
  /** Hex key of any chain link → ids of the records whose chain holds it. */
  readonly #bySubject = new Map<string, Set<string>>();
  readonly #listeners = new Set<(change: StandingChange) => void>();
  readonly #reports: StandingReport[] = [];
  #queue: Promise<void> = Promise.resolve();
  #unsubscribe: () => void = () => {};

  private constructor(options: CredentialStandingOptions, log: WitnessLog) {
    this.#options = options;
    this.#log = log;
    this.#cache = options.cache ?? createCredentialCache();
    this.#revocations = new RevocationSet({ root: options.root, ...(options.issuerBackdateMs !== undefined ? { issuerBackdateMs: options.issuerBackdateMs } : {}) });
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger ?? silentLogger;
  }

  /**
   * Opens the witness log in `store`, judges every object the replica holds (objects never noted get this
   * node's clock now) and follows the objects it stores from then on. Open it before the peer syncs, so that
   * no object is missed.
   */
  static async open(options: CredentialStandingOptions): Promise<CredentialStanding> {
    const log = await WitnessLog.open(options.store, {
      ...(options.now ? { now: options.now } : {}),
      ...(options.durableWrites !== undefined ? { durableWrites: options.durableWrites } : {}),
    });
    const standing = new CredentialStanding(options, log);
    standing.#unsubscribe = options.replica.onObjectsAdded((event) => {
      const at = standing.#now();
      standing.#enqueue(event.added, event.origin, at);
    });
    standing.#enqueue([...options.replica.objects()], 'local', standing.#now());
    await standing.whenIdle();
    return standing;
  }

  /** The witness log (first sights) this tracker keeps. */
  get witnessLog(): WitnessLog {
    return this.#log;
  }

  /** Resolves once every object stored so far is judged. */
  whenIdle(): Promise<void> {
    return this.#queue;
  }

  /** The standing of a record held, if judged (revocations have none: they are in force or not). */
  standingOf(id: string): Standing | undefined {
    return this.#judged.get(id)?.standing;
  }

  /** Whether a record counts: true, false, or undefined when not (yet) judged. */
  counts(id: string): boolean | undefined {
    return this.standingOf(id)?.counted;
  }

  /** The records currently not counted, with their standing. */
  notCounted(): { record: TpsRecord; standing: Extract<Standing, { counted: false }> }[] {
    const out: { record: TpsRecord; standing: Extract<Standing, { counted: false }> }[] = [];
    for (const j of this.#judged.values()) if (j.standing !== undefined && !j.standing.counted) out.push({ record: j.record, standing: j.standing });
    return out;
  }

  /**
   * The standing `record` (admitted: validated, about to be stored or stored) has, or would have if this node saw it
   * first at `at`, with the witnesses and revocations held now; undefined when its chain does not decode. Synchronous,
   * for decisions taken inside a write (the server's receipts signed with the submissions they answer); the verdict
   * that is kept is the one judged once the record is stored (a witness or revocation arriving with it may differ).
   */
  wouldStand(record: TitipRecord, at: number = this.#now()): Standing | undefined {
    if (record.kind === 'revocation') return undefined;
    const known = this.#judged.get(record.id)?.standing;
    if (known !== undefined) return known;
    const chain = this.#chainOf(record.body.credentials);
    if (chain === undefined) return undefined;
    const skewMs = this.#options.skewMs ?? DEFAULT_CLOCK_SKEW_MS;
    const firstSeen = Math.min(at, this.#log.firstSeen(record.id) ?? at);
    const witnessedAt = record.kind === 'submission' ? witnessedTime(firstSeen, this.#witnessesFor(record.id), { revocations: this.#revocations, skewMs }) : firstSeen;
    return judgeStanding(chain, { witnessedAt, revocations: this.#revocations, skewMs });
  }

  /** Reports of records judged not counted, oldest first. */
  reports(): readonly StandingReport[] {
    return this.#reports;
  }

  /** Number of revocations held. */
  get revocationCount(): number {
    return this.#revocations.size;
  }

  /** Calls `listener` on every first verdict and every change; returns a function removing it. */
  onChange(listener: (change: StandingChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops following the replica. */
  close(): void {
    this.#unsubscribe();
  }

  #enqueue(entries: readonly { id: string; bytes: Uint8Array; decoded?: unknown }[], origin: ObjectOrigin, at: number): void {
    this.#queue = this.#queue
      .then(() => this.#process(entries, origin, at))
      .catch((error: unknown) => this.#logger.error('credential standing failed', { error: String(error) }));
  }

  async #process(entries: readonly { id: string; bytes: Uint8Array; decoded?: unknown }[], origin: ObjectOrigin, at: number): Promise<void> {
    const records: TitipRecord[] = [];
    for (const entry of entries) {
      const decoded = entry.decoded as TitipRecord | undefined;
      if (decoded !== undefined && decoded.id === entry.id && typeof decoded.kind === 'string') {
        records.push(decoded);
        continue;
      }
      try {
        records.push(decodeRecord(entry.bytes));
      } catch {
        // not a record of this version; the replica's validator decides what is stored
      }
    }
    if (records.length === 0) return;
    const times = await this.#log.note(records.map((r) => r.id), at);
    const rejudge = new Set<string>();
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      const firstSeen = times[i]!;
      if (record.kind === 'revocation') {
        if (this.#revocations.add(record, firstSeen)) {
          for (const key of this.#revocations.revokedKeys()) for (const id of this.#bySubject.get(key) ?? []) rejudge.add(id);
        }
        continue;
      }
      if (this.#judged.has(record.id)) continue;
      const chain = this.#chainOf(record.body.credentials);
      if (chain === undefined) continue; // admitted records always decode; a record that does not is no concern of standing
      this.#judged.set(record.id, { record, chain, firstSeen, origin, standing: undefined });
      for (const link of chain.chain) add(this.#bySubject, toHex(link.subject), record.id);
      if (record.kind !== 'submission') add(this.#witnessesOf, record.body.submission, record.id);
      rejudge.add(record.id);
    }
    // Witnesses first (a submission's witnessed time depends on them), then the submissions they name.
    const witnesses = [...rejudge].map((id) => this.#judged.get(id)).filter((j): j is Judged => j !== undefined && j.record.kind !== 'submission');
    for (const j of witnesses) {
      this.#judge(j);
      rejudge.add(j.record.kind === 'submission' ? j.record.id : j.record.body.submission);
    }
    for (const id of rejudge) {
      const j = this.#judged.get(id);
      if (j !== undefined && j.record.kind === 'submission') this.#judge(j);
    }
  }

  /**
   * The bodies and signers of an admitted record's chain. Admission verified the chain (signatures, links, root),
   * so it is only decoded here, once per credential.
   */
  #chainOf(envelopes: readonly Uint8Array[]): JudgedChain | undefined {
    const chain: JudgedChain['chain'][number][] = [];
    const signers: Uint8Array[] = [];
    for (const bytes of envelopes) {
      const hash = hashHex(bytes);
      let known = this.#cache.get(hash);
      if (known === undefined) {
        const decoded = decodeCredential(bytes);
        if (!decoded.ok) return undefined;
        known = { body: decoded.obj.body, signer: decoded.obj.signer };
        this.#cache.set(hash, known);
      }
      chain.push(known.body);
      signers.push(known.signer);
    }
    return { chain, signers };
  }

  /** The attestations and receipts held that name submission `id`, as witnesses. */
  #witnessesFor(id: string): Witness[] {
    const witnesses: Witness[] = [];
    for (const wid of this.#witnessesOf.get(id) ?? []) {
      const w = this.#judged.get(wid);
      if (w === undefined || w.record.kind === 'submission') continue;
      const claimedAt = w.record.kind === 'attestation' ? w.record.body.seenAt : w.record.body.receivedAt;
      witnesses.push({ ...w.chain, claimedAt, firstSeen: w.firstSeen });
    }
    return witnesses;
  }

  #judge(j: Judged): void {
    const skewMs = this.#options.skewMs ?? DEFAULT_CLOCK_SKEW_MS;
    const revocations = this.#revocations;
    let witnessedAt = j.firstSeen;
    if (j.record.kind === 'submission') witnessedAt = witnessedTime(j.firstSeen, this.#witnessesFor(j.record.id), { revocations, skewMs });
    const standing = judgeStanding(j.chain, { witnessedAt, revocations, skewMs });
    const previous = j.standing;
    j.standing = standing;
    if (previous !== undefined && sameStanding(previous, standing)) return;
    if (!standing.counted) this.#report(j, standing);
    const change: StandingChange = { record: j.record, standing, previous, origin: j.origin };
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        this.#logger.error('standing listener failed', { error: String(error) });
      }
    }
  }

  #report(j: Judged, standing: Extract<Standing, { counted: false }>): void {
    const report: StandingReport = {
      id: j.record.id,
      kind: j.record.kind,
      tps: j.record.body.tps,
      election: j.record.body.election,
      signer: toHex(j.record.signer),
      standing,
      origin: j.origin,
      at: this.#now(),
    };
    this.#reports.push(report);
    if (this.#reports.length > (this.#options.maxReports ?? 1000)) this.#reports.shift();
    this.#logger.warn('not counted', {
      id: report.id,
      kind: report.kind,
      tps: report.tps,
      signer: report.signer,
      reason: standing.reason,
      detail: standing.message,
      from: j.origin === 'local' ? 'local' : j.origin.peer,
    });
  }
}

function sameStanding(a: Standing, b: Standing): boolean {
  if (a.counted !== b.counted || a.witnessedAt !== b.witnessedAt) return false;
  return a.counted || b.counted || a.reason === b.reason;
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
