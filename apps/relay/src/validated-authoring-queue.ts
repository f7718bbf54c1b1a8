import { silentLogger, type Logger } from '@titip/log';
import { MergeRejectedError, type ObjectEntry, type Replica } from '@titip/sync';

/**
 * Collects objects this relay signs and adds them in one Automerge change per document per flush, like the sync
 * package's `AuthoringQueue`, but through the replica's validator (not as trusted): a signed object every other peer
 * would refuse never enters the grow-only document, where it would make peers refuse every later change of that
 * desa from this relay and ban it. A batch with a refused object is retried one object at a time, so the rest still
 * go out. Flushes on the next macrotask after the first enqueue.
 */
export class ValidatedAuthoringQueue {
  readonly #replica: Replica;
  readonly #logger: Logger;
  readonly #pending = new Map<string, ObjectEntry[]>();
  #scheduled: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(replica: Replica, options: { logger?: Logger } = {}) {
    this.#replica = replica;
    this.#logger = options.logger ?? silentLogger;
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
    this.#flushing = this.#flushing.then(() => Promise.all(batch.map(([docId, entries]) => this.#add(docId, entries))).then(() => undefined));
    return this.#flushing;
  }

  async #add(docId: string, entries: ObjectEntry[]): Promise<void> {
    try {
      await this.#replica.addLocal(docId, entries);
      return;
    } catch (error) {
      if (!(error instanceof MergeRejectedError) || entries.length === 1) {
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
