import type { Libp2p } from '@libp2p/interface';
import { silentLogger, type Logger } from '@titip/log';
import { SYNC_PROTOCOL_ID } from '../replication/constants.js';
import type { Replica } from '../replication/replica.js';
import { PeerBannedError, SyncEngine } from '../replication/sync-engine.js';
import type { Misbehaviour, SyncSession } from '../replication/sync-session.js';
import { DEFAULT_MAX_INBOUND_STREAMS, DEFAULT_MAX_OUTBOUND_STREAMS } from '../transport/constants.js';
import { PeerLimitError } from '../transport/errors.js';
import type { FrameChannel } from '../transport/frame-channel.js';
import { handleFrameProtocol, openFrameChannel, type FrameProtocolRegistration } from '../transport/protocol-channel.js';
import { KeepConnected } from './keep-connected.js';
import { meteredChannel } from './metered-channel.js';
import { PeerBudgets } from './peer-budgets.js';
import { resolvePeerSyncLimits, type PeerSyncLimits, type ResolvedPeerSyncLimits } from './peer-limits.js';

/** Options of {@link TitipPeer.start}. */
export interface TitipPeerOptions {
  /** A started libp2p node (from `createNodeLibp2p` or `createBrowserLibp2p`). */
  readonly libp2p: Libp2p;
  readonly replica: Replica;
  /** Announced in hellos: 'operator', 'carrier', 'pps', 'ppk', 'server'. */
  readonly role?: string;
  /** Largest wire frame. @default 4 MiB */
  readonly maxFrameBytes?: number;
  /**
   * Concurrent inbound `/titip/sync/1.0.0` streams per connection; libp2p resets the ones past it. Kept above
   * `limits.maxSessionsPerPeer`, so a peer opening too many is seen, reported and banned. @default 8
   */
  readonly maxInboundStreams?: number;
  /** Concurrent outbound `/titip/sync/1.0.0` streams per connection. @default 8 */
  readonly maxOutboundStreams?: number;
  /** What each remote peer is granted: sessions, bytes and frames per minute (see `docs/limits.md`). */
  readonly limits?: PeerSyncLimits;
  /** How long a reported peer is refused. @default 600000 (10 minutes) */
  readonly banMs?: number;
  /** Dial every peer mDNS discovers and sync with it. @default true */
  readonly syncWithDiscovered?: boolean;
  /** Accept sync on relayed connections with limits (browser signalling). @default false */
  readonly runOnLimitedConnection?: boolean;
  readonly onMisbehaviour?: (misbehaviour: Misbehaviour) => void;
  readonly logger?: Logger;
}

/**
 * A Titip peer: a replica replicated over libp2p. It answers `/titip/sync/1.0.0` streams, opens sessions to the
 * peers it is told to dial (and, by default, to every peer discovery finds), and keeps configured peers connected,
 * redialling with backoff. Every role runs this same class.
 */
export class TitipPeer {
  readonly libp2p: Libp2p;
  readonly replica: Replica;
  readonly engine: SyncEngine;
  readonly #options: TitipPeerOptions;
  readonly #logger: Logger;
  readonly #kept = new Map<string, KeepConnected>();
  readonly #connecting = new Map<string, Promise<SyncSession>>();
  readonly #outbound = new WeakSet<SyncSession>();
  readonly #limits: ResolvedPeerSyncLimits;
  readonly #budgets: PeerBudgets;
  #registration: FrameProtocolRegistration | undefined;
  #onDiscovery: ((event: CustomEvent<{ id: { toString(): string } }>) => void) | undefined;

  private constructor(options: TitipPeerOptions) {
    this.libp2p = options.libp2p;
    this.replica = options.replica;
    this.#options = options;
    this.#logger = (options.logger ?? silentLogger).child('peer');
    this.#limits = resolvePeerSyncLimits(options.limits);
    this.#budgets = new PeerBudgets(this.#limits);
    this.engine = new SyncEngine({
      replica: options.replica,
      ...(options.role ? { role: options.role } : {}),
      ...(options.banMs !== undefined ? { banMs: options.banMs } : {}),
      onMisbehaviour: (misbehaviour) => {
        options.onMisbehaviour?.(misbehaviour);
        // A reported peer is banned: its other sessions end too, once the reporting one has queued its reject.
        setTimeout(() => {
          for (const session of this.engine.sessions()) if (session.peer === misbehaviour.peer) void session.close();
        }, 0);
      },
      logger: this.#logger,
    });
  }

  /** Registers the sync protocol on the node and starts answering. */
  static async start(options: TitipPeerOptions): Promise<TitipPeer> {
    const peer = new TitipPeer(options);
    peer.#registration = await handleFrameProtocol(
      options.libp2p,
      SYNC_PROTOCOL_ID,
      async (channel) => {
        try {
          if (!peer.#withinSessionLimits(channel)) return;
          await peer.#adopt(channel, false);
        } catch (error) {
          // A banned peer redialling: its channel is already aborted, and the ban was logged when it began.
          if (error instanceof PeerBannedError) return peer.#logger.debug('refused a banned peer', { peer: channel.remotePeer });
          throw error;
        }
      },
      {
        maxFrameBytes: options.maxFrameBytes,
        maxInboundStreams: options.maxInboundStreams ?? DEFAULT_MAX_INBOUND_STREAMS,
        maxOutboundStreams: options.maxOutboundStreams ?? DEFAULT_MAX_OUTBOUND_STREAMS,
        runOnLimitedConnection: options.runOnLimitedConnection ?? false,
        logger: peer.#logger,
      },
    );
    if (options.syncWithDiscovered ?? true) {
      // libp2p reports every peer new to its peer store as discovered, including those we just dialled or that
      // dialled us: only peers we are not connected to (e.g. found by mDNS) get a new session.
      peer.#onDiscovery = (event) => {
        const id = event.detail.id.toString();
        if (peer.sessionWith(id) || peer.#connecting.has(id) || peer.engine.isBanned(id)) return;
        if (options.libp2p.getConnections().some((c) => c.remotePeer.toString() === id)) return;
        void peer.connect(id).catch((error: unknown) => peer.#logger.debug('discovered peer not reachable', { peer: id, error }));
      };
      options.libp2p.addEventListener('peer:discovery', peer.#onDiscovery as EventListener);
    }
    return peer;
  }

  /** This node's peer id. */
  get peerId(): string {
    return this.libp2p.peerId.toString();
  }

  /** The addresses others can dial (multiaddr strings with `/p2p/<id>`). */
  get addresses(): string[] {
    return this.libp2p.getMultiaddrs().map((a) => a.toString());
  }

  /** The open session with a peer, if any. */
  sessionWith(peerId: string): SyncSession | undefined {
    return this.engine.sessions().find((s) => s.peer === peerId && s.phase !== 'closed');
  }

  /** Dials `target` (multiaddr or peer id) and opens a sync session; reuses an open one. */
  async connect(target: string): Promise<SyncSession> {
    const known = this.#peerIdOf(target);
    const open = known ? this.sessionWith(known) : undefined;
    if (open) return open;
    const pending = known ? this.#connecting.get(known) : undefined;
    if (pending) return pending;
    const attempt = (async () => {
      const channel = await openFrameChannel(this.libp2p, target, SYNC_PROTOCOL_ID, {
        maxFrameBytes: this.#options.maxFrameBytes,
        maxOutboundStreams: this.#options.maxOutboundStreams ?? DEFAULT_MAX_OUTBOUND_STREAMS,
        runOnLimitedConnection: this.#options.runOnLimitedConnection ?? false,
      });
      return this.#adopt(channel, true);
    })();
    if (known) {
      this.#connecting.set(known, attempt);
      void attempt.then(
        () => this.#connecting.delete(known),
        () => this.#connecting.delete(known),
      );
    }
    return attempt;
  }

  /** Keeps a session with `target` open, redialling with backoff whenever it drops, until {@link release}. */
  keep(target: string, options: { minDelayMs?: number; maxDelayMs?: number } = {}): void {
    if (this.#kept.has(target)) return;
    const keeper = new KeepConnected(() => this.connect(target), { ...options, logger: this.#logger });
    this.#kept.set(target, keeper);
    keeper.start();
  }

  /** Stops keeping `target` connected and hangs up on it. */
  async release(target: string): Promise<void> {
    this.#kept.get(target)?.stop();
    this.#kept.delete(target);
    const id = this.#peerIdOf(target);
    if (id) await this.hangUp(id);
  }

  /** Closes every connection to a peer (its sessions end). */
  async hangUp(peerId: string): Promise<void> {
    await Promise.all(this.engine.sessions().filter((s) => s.peer === peerId).map((s) => s.close()));
    const connections = this.libp2p.getConnections().filter((c) => c.remotePeer.toString() === peerId);
    await Promise.all(connections.map((c) => c.close().catch(() => c.abort(new Error('hang up')))));
  }

  /** Stops sessions, redials and the protocol handler (the libp2p node is the caller's to stop). */
  async stop(): Promise<void> {
    for (const keeper of this.#kept.values()) keeper.stop();
    this.#kept.clear();
    if (this.#onDiscovery) this.libp2p.removeEventListener('peer:discovery', this.#onDiscovery as EventListener);
    await this.engine.stop();
    await this.#registration?.unhandle().catch(() => undefined);
  }

  /**
   * Runs a session over a new channel, keeping one session per peer pair. When both peers dialled at once (both
   * found each other by mDNS), each holds an inbound and an outbound channel: both keep the one dialled by the
   * smaller peer id, so they agree on it and close the other (keeping each side's own outbound would close both).
   * Two outbound channels: the newer is closed. Two inbound: both run, as before (the remote decides).
   */
  async #adopt(channel: FrameChannel, outbound: boolean): Promise<SyncSession> {
    const existing = this.sessionWith(channel.remotePeer);
    let replaced: Promise<void> | undefined;
    if (existing) {
      const mixed = this.#outbound.has(existing) !== outbound;
      if (mixed && outbound === this.peerId < channel.remotePeer) replaced = existing.close(); // the new one wins
      else if (mixed || outbound) {
        await channel.close();
        return existing;
      }
    }
    const session = this.engine.attach(this.#metered(channel));
    if (outbound) this.#outbound.add(session);
    await replaced;
    return session;
  }

  /**
   * Checks an inbound channel against the peer's session limits (concurrent sessions, sessions opened per minute).
   * Past the concurrent limit (which no honest peer reaches: it keeps one session per peer) the channel is aborted
   * with `PeerLimitError` and the peer reported (so banned; its sessions end). Past the per-minute rate the channel is
   * aborted with `PeerLimitError` too, but the first refusals (half the rate a minute) are forgiven: an honest peer on
   * a flapping link backs off once refused; only one that keeps opening is reported. A banned peer is left to
   * `engine.attach`, which refuses it quietly.
   */
  #withinSessionLimits(channel: FrameChannel): boolean {
    const peer = channel.remotePeer;
    if (this.engine.isBanned(peer)) return true;
    const open = this.engine.sessions().filter((s) => s.peer === peer && s.phase !== 'closed').length;
    const budget = this.#budgets.of(peer);
    let error: PeerLimitError | undefined;
    let forgiven = false;
    if (open >= this.#limits.maxSessionsPerPeer) error = new PeerLimitError(peer, 'sessions', this.#limits.maxSessionsPerPeer);
    else if (!budget.sessionOpens.take(1)) {
      error = new PeerLimitError(peer, 'sessions-per-minute', this.#limits.maxSessionsPerPeerPerMinute);
      forgiven = budget.forgivenSessionOpens.take(1);
    }
    if (error === undefined) return true;
    channel.abort(error);
    if (forgiven) this.#logger.debug('sync session refused (rate), not reported yet', { peer, limit: this.#limits.maxSessionsPerPeerPerMinute });
    else this.engine.report({ peer, code: error.code, detail: error.message });
    return false;
  }

  /** The channel with every received frame charged to the remote peer's byte and frame budgets. */
  #metered(channel: FrameChannel): FrameChannel {
    return meteredChannel(channel, this.#budgets.of(channel.remotePeer), {
      bytes: this.#limits.maxBytesPerPeerPerMinute,
      frames: this.#limits.maxFramesPerPeerPerMinute,
    });
  }

  #peerIdOf(target: string): string | undefined {
    if (!target.startsWith('/')) return target;
    const match = /\/p2p\/([^/]+)$/.exec(target);
    return match?.[1];
  }
}
