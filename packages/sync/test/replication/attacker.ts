import * as A from '@automerge/automerge';
import { createMemoryChannelPair } from '../../src/transport/memory-channel-pair.js';
import type { FrameChannel } from '../../src/transport/frame-channel.js';
import { decodeWireMessage, encodeWireMessage } from '../../src/replication/message-codec.js';
import type { WireMessage } from '../../src/replication/messages.js';
import type { RegionDocContent } from '../../src/replication/region-document.js';
import { SyncEngine } from '../../src/replication/sync-engine.js';
import type { Replica } from '../../src/replication/replica.js';
import { waitFor } from './fixtures.js';

type AnyDoc = A.Doc<Record<string, unknown>>;

/**
 * A hostile peer speaking the wire protocol by hand: it syncs honestly first (so it shares the victim's history),
 * then can change its copy of a document in ways no honest peer would (delete, overwrite, nest, junk) and push that.
 */
export class Attacker {
  /** The victim's engine when the attacker was wired to an in-memory victim (see {@link Attacker.connect}). */
  readonly engine: SyncEngine | undefined;
  readonly channel: FrameChannel;
  readonly received: WireMessage[] = [];
  readonly #docs = new Map<string, AnyDoc>();
  readonly #states = new Map<string, A.SyncState>();

  private constructor(channel: FrameChannel, scopes: string[], engine?: SyncEngine) {
    this.channel = channel;
    this.engine = engine;
    void this.#read();
    void this.send({ t: 'hello', v: 1, scopes, digest: new Uint8Array(32) });
  }

  /** Connects to `victim` and syncs `docId` honestly until the attacker holds the victim's copy. */
  static async connect(victim: Replica, docId: string, scopes = ['190601']): Promise<Attacker> {
    const [mine, theirs] = createMemoryChannelPair('attacker', 'victim');
    const engine = new SyncEngine({ replica: victim });
    engine.attach(theirs);
    const attacker = new Attacker(mine, scopes, engine);
    await attacker.holds(docId, victim.heads(docId));
    return attacker;
  }

  /** Speaks over an existing channel (e.g. a real libp2p stream to a victim elsewhere). */
  static over(channel: FrameChannel, scopes: string[]): Attacker {
    return new Attacker(channel, scopes);
  }

  /** Waits until the attacker's copy of `docId` has exactly `heads`. */
  holds(docId: string, heads: readonly string[], timeoutMs = 10_000): Promise<void> {
    return waitFor(() => {
      const doc = this.#docs.get(docId);
      return doc !== undefined && [...A.getHeads(doc)].sort().join() === [...heads].sort().join();
    }, timeoutMs);
  }

  /** Sends a raw frame. */
  sendRaw(frame: Uint8Array): Promise<void> {
    return this.channel.send(frame);
  }

  /** Sends a wire message. */
  send(message: WireMessage): Promise<void> {
    return this.sendRaw(encodeWireMessage(message));
  }

  /** Changes the attacker's copy of `docId` with any Automerge change and pushes it to the victim. */
  async tamper(docId: string, change: (doc: Record<string, unknown>) => void): Promise<void> {
    const doc = this.#docs.get(docId) ?? A.init<Record<string, unknown>>();
    this.#docs.set(docId, A.change(doc, change));
    await this.#push(docId);
  }

  /** Replaces the attacker's copy of `docId` with `edit(copy)` (any Automerge operation, e.g. `A.emptyChange`) and pushes it. */
  async rewrite(docId: string, edit: (doc: AnyDoc) => AnyDoc): Promise<void> {
    this.#docs.set(docId, edit(this.#docs.get(docId) ?? A.init<Record<string, unknown>>()));
    await this.#push(docId);
  }

  /** True once the victim has told us it refused something. */
  get rejected(): boolean {
    return this.received.some((m) => m.t === 'reject');
  }

  async #push(docId: string): Promise<void> {
    const [state, data] = A.generateSyncMessage(this.#docs.get(docId)!, this.#states.get(docId) ?? A.initSyncState());
    this.#states.set(docId, state);
    if (data) await this.send({ t: 'sync', v: 1, doc: docId, data });
  }

  async #read(): Promise<void> {
    try {
      for await (const frame of this.channel.frames()) {
        const message = decodeWireMessage(frame);
        this.received.push(message);
        if (message.t === 'heads') {
          for (const [docId] of message.docs) if (!this.#docs.has(docId)) this.#docs.set(docId, A.init());
          // Not awaited: a send the victim no longer reads must not stop us reading (its reject may be on the way).
          void this.send({ t: 'heads', v: 1, docs: [] }).catch(() => undefined);
        }
        if (message.t === 'sync') {
          const doc = this.#docs.get(message.doc) ?? A.init<Record<string, unknown>>();
          const [next, state] = A.receiveSyncMessage(doc, this.#states.get(message.doc) ?? A.initSyncState(), message.data);
          this.#docs.set(message.doc, next);
          this.#states.set(message.doc, state);
          void this.#push(message.doc).catch(() => undefined);
        }
      }
    } catch {
      // the victim hung up
    }
  }
}

export type { RegionDocContent };
