import { silentLogger, type Logger } from '@titip/log';
import type { ObjectEntry } from './object-validator.js';
import type { Replica } from './replica.js';

/**
 * Collects objects a peer signs itself (receipts at the server, attestations at relays) and adds them in one
 * Automerge change per document per flush, instead of one change per object: changes are what costs. Flushes on the
 * next macrotask after the first enqueue; `flush()` forces it.
 */
export class AuthoringQueue {
  readonly #replica: Replica;
  readonly #logger: Logger;
  readonly #pending = new Map<string, ObjectEntry[]>();
  #scheduled: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(replica: Replica, options: { logger?: Logger } = {}) {
    this.#replica = replica;
    this.#logger = options.logger ?? silentLogger;
  }

  /** Queues an object this process has just signed (stored as trusted). */
  enqueue(docId: string, entry: ObjectEntry): void {
    const list = this.#pending.get(docId);
    if (list) list.push(entry);
    else this.#pending.set(docId, [entry]);
    this.#scheduled ??= setTimeout(() => void this.flush(), 0);
  }

  /** Writes everything queued; resolves when it is durably stored. */
  flush(): Promise<void> {
    clearTimeout(this.#scheduled);
    this.#scheduled = undefined;
    const batch = [...this.#pending];
    this.#pending.clear();
    this.#flushing = this.#flushing.then(async () => {
      await Promise.all(
        batch.map(([docId, entries]) =>
          this.#replica.addLocal(docId, entries, { trusted: true }).catch((error: unknown) => {
            this.#logger.error('could not store authored objects', { docId, count: entries.length, error });
          }),
        ),
      );
    });
    return this.#flushing;
  }
}
