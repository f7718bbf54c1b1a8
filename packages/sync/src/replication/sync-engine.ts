import { silentLogger, type Logger } from '@titip/log';
import type { FrameChannel } from '../transport/frame-channel.js';
import { SyncError } from './errors.js';
import type { Replica } from './replica.js';
import { SyncSession, type Misbehaviour } from './sync-session.js';

/** Options of {@link SyncEngine}. */
export interface SyncEngineOptions {
  readonly replica: Replica;
  /** Announced in hellos (informational): 'operator', 'carrier', 'pps', 'ppk', 'server'. */
  readonly role?: string;
  /** How long a misbehaving peer is refused. @default 600000 (10 minutes) */
  readonly banMs?: number;
  /** Most misbehaviour reports kept for inspection. @default 1000 */
  readonly maxReports?: number;
  /** Called for every misbehaviour. */
  readonly onMisbehaviour?: (misbehaviour: Misbehaviour) => void;
  /** Clock. @default Date.now */
  readonly now?: () => number;
  readonly logger?: Logger;
}

/** Raised when a banned peer tries to open a session. */
export class PeerBannedError extends SyncError {
  static override name = 'PeerBannedError';
  constructor(readonly peer: string) {
    super('PEER_BANNED', `peer ${peer} is banned for misbehaving`);
  }
}

/**
 * Runs a {@link SyncSession} for every channel it is given (inbound or outbound, any transport), reports and bans
 * peers that misbehave, and closes everything on {@link SyncEngine.stop}.
 */
export class SyncEngine {
  readonly replica: Replica;
  readonly #options: SyncEngineOptions;
  readonly #sessions = new Set<SyncSession>();
  readonly #bannedUntil = new Map<string, number>();
  readonly #reports: Misbehaviour[] = [];
  readonly #refusals: Misbehaviour[] = [];
  readonly #logger: Logger;
  readonly #now: () => number;
  #stopped = false;

  constructor(options: SyncEngineOptions) {
    this.replica = options.replica;
    this.#options = options;
    this.#logger = (options.logger ?? silentLogger).child('sync');
    this.#now = options.now ?? Date.now;
  }

  /** Starts a session over `channel`. A banned peer's channel is aborted and {@link PeerBannedError} thrown. */
  attach(channel: FrameChannel): SyncSession {
    if (this.#stopped) {
      channel.abort(new SyncError('SESSION_CLOSED', 'engine stopped'));
      throw new SyncError('SESSION_CLOSED', 'engine stopped');
    }
    if (this.isBanned(channel.remotePeer)) {
      const error = new PeerBannedError(channel.remotePeer);
      channel.abort(error);
      throw error;
    }
    const session = new SyncSession({
      replica: this.replica,
      channel,
      ...(this.#options.role ? { role: this.#options.role } : {}),
      logger: this.#logger,
      onMisbehaviour: (m) => this.#report(m),
      onClose: (s) => this.#sessions.delete(s),
      onRefused: (refusal) => {
        this.#refusals.push(refusal);
        if (this.#refusals.length > (this.#options.maxReports ?? 1000)) this.#refusals.shift();
      },
    });
    this.#sessions.add(session);
    void session.run();
    return session;
  }

  /** Sessions currently open. */
  sessions(): SyncSession[] {
    return [...this.#sessions];
  }

  /** Misbehaviour reports, oldest first. */
  reports(): readonly Misbehaviour[] {
    return this.#reports;
  }

  /**
   * What remote peers refused of this peer's data (their `reject`: `code` is their reason, e.g. `invalid-object` with
   * `unknown-root` in `detail`), oldest first. An operator's app shows these instead of waiting for a receipt that a
   * refusing peer will never send.
   */
  refusals(): readonly Misbehaviour[] {
    return this.#refusals;
  }

  /**
   * Reports a peer that misbehaved outside a session (e.g. past a per-peer limit when opening one): recorded, banned
   * for the ban period and passed to `onMisbehaviour`, as sessions report theirs.
   */
  report(misbehaviour: Misbehaviour): void {
    this.#report(misbehaviour);
  }

  /** True while `peer` is refused. */
  isBanned(peer: string): boolean {
    const until = this.#bannedUntil.get(peer);
    if (until === undefined) return false;
    if (until > this.#now()) return true;
    this.#bannedUntil.delete(peer);
    return false;
  }

  /** Closes every session; further channels are refused. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all([...this.#sessions].map((s) => s.close()));
  }

  #report(misbehaviour: Misbehaviour): void {
    this.#reports.push(misbehaviour);
    if (this.#reports.length > (this.#options.maxReports ?? 1000)) this.#reports.shift();
    this.#bannedUntil.set(misbehaviour.peer, this.#now() + (this.#options.banMs ?? 600_000));
    this.#logger.warn('peer reported', { ...misbehaviour });
    this.#options.onMisbehaviour?.(misbehaviour);
  }
}
