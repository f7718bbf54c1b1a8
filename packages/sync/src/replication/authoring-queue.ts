import { silentLogger, type Logger } from '@titip/log';
import { MergeRejectedError } from './errors.js';
import type { ObjectEntry } from './object-validator.js';
import type { Replica } from './replica.js';

/** Options of {@link AuthoringQueue}. */
export interface AuthoringQueueOptions {
  readonly logger?: Logger;
  /**
   * Add the objects through the replica's validator instead of as trusted: a signed object every other peer would
   * refuse (e.g. an attestation under a credential that does not cover its desa) then never enters the grow-only
   * document, where it would make peers refuse every later change of that document from this peer and ban it. A
   * batch with a refused object is retried one object at a time, so the rest still go out. Relays set it; the
   * server's receipts, signed under the credential it checked at start, need not. @default false
   */
  readonly validate?: boolean;
}

/**
 * Collects objects a peer signs itself (receipts at the server, attestations at relays) and adds them in one
 * Automerge change per document per flush, instead of one change per object: changes are what costs. Flushes on the
 * next macrotask after the first enqueue; `flush()` forces it.
 */
export class AuthoringQueue {
  readonly #replica: Replica;
  readonly #logger: Logger;
  readonly #validate: boolean;
  readonly #pending = new Map<string, ObjectEntry[]>();
  #scheduled: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(replica: Replica, options: AuthoringQueueOptions = {}) {
    this.#replica = replica;
    this.#logger = options.logger ?? silentLogger;
    this.#validate = options.validate ?? false;
  }

  /** Queues an object this process has just signed. */
  enqueue(docId: string, entry: ObjectEntry): void {
    const list = this.#pending.get(docId);
    if (list) list.push(entry);
    else this.#pending.set(docId, [entry]);
    this.#scheduled ??= setTimeout(() => void this.flush(), 0);
  }

  /** Writes everything queued; resolves when it is durably stored (or refused and logged). Never rejects. */
  flush(): Promise<void> {
    clearTimeout(this.#scheduled);
    this.#scheduled = undefined;
    const batch = [...this.#pending];
    this.#pending.clear();
    this.#flushing = this.#flushing.then(async () => {
      await Promise.all(batch.map(([docId, entries]) => this.#add(docId, entries)));
    });
    return this.#flushing;
  }

  async #add(docId: string, entries: ObjectEntry[]): Promise<void> {
    try {
      await this.#replica.addLocal(docId, entries, { trusted: !this.#validate });
      return;
    } catch (error) {
      if (!this.#validate || !(error instanceof MergeRejectedError) || entries.length === 1) {
        this.#logger.error('could not store signed objects', { docId, ids: entries.map((e) => e.id), error: describe(error) });
        return;
      }
    }
    for (const entry of entries) await this.#add(docId, [entry]);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
