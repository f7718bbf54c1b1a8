import { scoped, type KeyValueStore } from '@titip/store';

/** Key prefix of the witness log in a peer's store. */
export const WITNESS_LOG_PREFIX = 'witness/';

/** Options of {@link WitnessLog.open}. */
export interface WitnessLogOptions {
  /** This node's clock. @default Date.now */
  readonly now?: () => number;
  /** Make every write durable before it resolves. @default true */
  readonly durableWrites?: boolean;
}

/**
 * When this node first saw each object (its own clock), persisted in its store (under `witness/`) so that a
 * restart does not move the time and so does not change a verdict judged at it. The earliest time noted for an
 * id is kept; noting it again changes nothing. Held in memory too (one number per object).
 */
export class WitnessLog {
  readonly #store: KeyValueStore;
  readonly #times = new Map<string, number>();
  readonly #now: () => number;
  readonly #sync: boolean;

  private constructor(store: KeyValueStore, options: WitnessLogOptions) {
    this.#store = store;
    this.#now = options.now ?? Date.now;
    this.#sync = options.durableWrites ?? true;
  }

  /** Opens the log kept in `store` (a peer's whole store: the log uses its own key prefix). */
  static async open(store: KeyValueStore, options: WitnessLogOptions = {}): Promise<WitnessLog> {
    const log = new WitnessLog(scoped(store, WITNESS_LOG_PREFIX), options);
    for await (const [id, value] of log.#store.iterate()) {
      const at = decodeTime(value);
      if (at !== undefined) log.#times.set(id, at);
    }
    return log;
  }

  /** Number of objects noted. */
  get size(): number {
    return this.#times.size;
  }

  /** When this node first saw `id`, if noted. */
  firstSeen(id: string): number | undefined {
    return this.#times.get(id);
  }

  /**
   * Notes that this node sees `ids` now (or at `at`), keeping an earlier time already noted; persists the new
   * ones in one batch. Returns the first-seen time of each id, in order.
   */
  async note(ids: readonly string[], at: number = this.#now()): Promise<number[]> {
    const fresh: string[] = [];
    const times = ids.map((id) => {
      const known = this.#times.get(id);
      if (known !== undefined && known <= at) return known;
      this.#times.set(id, at);
      fresh.push(id);
      return at;
    });
    if (fresh.length > 0) {
      const value = encodeTime(at);
      await this.#store.batch(fresh.map((key) => ({ type: 'put', key, value })), { sync: this.#sync });
    }
    return times;
  }
}

function encodeTime(at: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(Math.max(0, Math.floor(at))));
  return out;
}

function decodeTime(value: Uint8Array): number | undefined {
  if (value.byteLength !== 8) return undefined;
  const at = Number(new DataView(value.buffer, value.byteOffset, 8).getBigUint64(0));
  return Number.isSafeInteger(at) ? at : undefined;
}
