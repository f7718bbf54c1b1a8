import * as A from '@automerge/automerge';
import { silentLogger, type Logger } from '@titip/log';
import { isPeerFault } from '../transport/errors.js';
import type { FrameChannel } from '../transport/frame-channel.js';
import { sameDigest } from './digest.js';
import { MergeRejectedError, OutOfScopeError, SyncError } from './errors.js';
import { KeyedMutex } from './keyed-mutex.js';
import { decodeWireMessage, encodeWireMessage } from './message-codec.js';
import type { HelloMessage, WireMessage } from './messages.js';
import type { ObjectsAddedEvent, Replica } from './replica.js';
import { isCoveredBy, isInInterest, sharedInterest } from './scope.js';

/** Documents whose incoming sync messages are validated at the same time within one session. */
const MAX_CONCURRENT_DOCS = 16;

let emptyPeerState: A.SyncState | undefined;

/**
 * The sync state toward a peer that holds nothing of a document: the state after receiving the opening message of
 * an empty document (it names no heads, so the state does not depend on the document it is received on).
 */
function emptyPeerSyncState(): A.SyncState {
  if (emptyPeerState === undefined) {
    const [, opening] = A.generateSyncMessage(A.init(), A.initSyncState());
    [, emptyPeerState] = A.receiveSyncMessage(A.init(), A.initSyncState(), opening!);
  }
  return emptyPeerState;
}

/** A peer that sent something the protocol forbids: reported, told why, and disconnected. */
export interface Misbehaviour {
  readonly peer: string;
  readonly code: string;
  readonly detail: string;
  readonly docId?: string;
}

/** Counters of one session, for status lines and benchmarks. */
export interface SessionStats {
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
  objectsReceived: number;
  /** True when the hello exchange showed both peers already held the same objects. */
  agreedAtHello: boolean;
}

/** The phases of a session. */
export type SessionPhase = 'greeting' | 'comparing' | 'reconciling' | 'live' | 'closed';

/** Options of {@link SyncSession}. */
export interface SyncSessionOptions {
  readonly replica: Replica;
  readonly channel: FrameChannel;
  /** A role name announced in the hello (informational). */
  readonly role?: string;
  /** Called when the remote peer misbehaves, before the session closes. */
  readonly onMisbehaviour?: (misbehaviour: Misbehaviour) => void;
  /** Called once when the session has closed. */
  readonly onClose?: (session: SyncSession) => void;
  /** Called when the remote peer refused what this peer sent (its `reject`), before the session closes. */
  readonly onRefused?: (refusal: Misbehaviour) => void;
  /** Closes the session if no hello arrives in time. @default 15000 */
  readonly helloTimeoutMs?: number;
  readonly logger?: Logger;
}

/**
 * One replication session with one remote peer over a {@link FrameChannel}. Both ends run the same code:
 * 1. each sends `hello` (scopes + digest of what it holds in its own scope);
 * 2. the peer whose hello digest covered more than the shared scope sends a `digest` over the shared scope;
 * 3. equal digests: in agreement, nothing more is sent (a reconnect in agreement costs two hellos);
 *    different digests: each sends `heads` of its shared documents and runs Automerge sync on those that differ;
 * 4. afterwards the session stays live: every object either replica gains in the shared scope is pushed.
 * Every remote change goes through the validating merge; a violation ends the session with a `reject`.
 */
export class SyncSession {
  readonly peer: string;
  readonly stats: SessionStats = { framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0, objectsReceived: 0, agreedAtHello: false };
  #phase: SessionPhase = 'greeting';
  readonly #replica: Replica;
  readonly #channel: FrameChannel;
  readonly #options: SyncSessionOptions;
  readonly #logger: Logger;
  readonly #syncStates = new Map<string, A.SyncState>();
  readonly #docMutex = new KeyedMutex();
  readonly #pendingDocs = new Set<string>();
  /** Documents whose incoming message is being applied (at most one message per document at a time). */
  readonly #applying = new Set<string>();
  readonly #inflight = new Set<Promise<void>>();
  #sendChain: Promise<void> = Promise.resolve();
  #theirHello: HelloMessage | undefined;
  #shared: (docId: string) => boolean = () => false;
  #theirSharedDigest: Uint8Array | undefined;
  #unsubscribe: (() => void) | undefined;
  #helloTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #closed: Promise<void>;
  #resolveClosed!: () => void;

  constructor(options: SyncSessionOptions) {
    this.#options = options;
    this.#replica = options.replica;
    this.#channel = options.channel;
    this.peer = options.channel.remotePeer;
    this.#logger = (options.logger ?? silentLogger).child('session');
    this.#closed = new Promise((resolve) => (this.#resolveClosed = resolve));
  }

  /** The current phase. */
  get phase(): SessionPhase {
    return this.#phase;
  }

  /** The scopes the remote peer announced (after its hello). */
  get remoteScopes(): readonly string[] | undefined {
    return this.#theirHello?.scopes;
  }

  /** Resolves when the session has closed. */
  get closed(): Promise<void> {
    return this.#closed;
  }

  /** Sends the hello and processes frames until the channel ends. Resolves when the session is closed. */
  async run(): Promise<void> {
    this.#unsubscribe = this.#replica.onObjectsAdded((event) => this.#onLocalChange(event));
    this.#helloTimer = setTimeout(() => void this.#fail('hello-timeout', 'no hello received in time'), this.#options.helloTimeoutMs ?? 15_000);
    try {
      const mine = this.#replica.scopes;
      this.#send({ t: 'hello', v: 1, scopes: [...mine], digest: this.#replica.digest((d) => isInInterest(d, mine)), ...(this.#options.role ? { role: this.#options.role } : {}) });
      for await (const frame of this.#channel.frames()) {
        if (this.#phase === 'closed') break;
        this.stats.framesIn++;
        this.stats.bytesIn += frame.byteLength;
        let message: WireMessage;
        try {
          message = decodeWireMessage(frame);
        } catch (error) {
          await this.#fail(error instanceof SyncError ? error.code : 'WIRE_MALFORMED', (error as Error).message);
          break;
        }
        if (message.t === 'sync') {
          // Documents are independent: validate and apply them concurrently (in order per document), bounded.
          const work = this.#onSync(message.doc, message.data).catch((error: unknown) => this.#abandon(error, message.doc));
          this.#inflight.add(work);
          void work.finally(() => this.#inflight.delete(work));
          if (this.#inflight.size >= MAX_CONCURRENT_DOCS) await Promise.race(this.#inflight);
        } else {
          await this.#handle(message);
        }
      }
      await Promise.allSettled(this.#inflight);
    } catch (error) {
      // An oversized frame, a malformed length prefix or a limit exceeded is the peer's doing: reported like a bad message.
      if (isPeerFault(error)) await this.#fail(error.code, error.message);
      else if (this.#phase !== 'closed') this.#logger.debug('channel ended with an error', { peer: this.peer, error });
    } finally {
      await this.close();
    }
  }

  /** Closes the session and its channel. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#phase === 'closed') return this.#closed;
    this.#phase = 'closed';
    clearTimeout(this.#helloTimer);
    this.#unsubscribe?.();
    try {
      await this.#sendChain;
      await this.#channel.close();
    } catch {
      // the channel may already be gone
    }
    this.#resolveClosed();
    this.#options.onClose?.(this);
    return this.#closed;
  }

  async #handle(message: WireMessage): Promise<void> {
    switch (message.t) {
      case 'hello':
        return this.#onHello(message);
      case 'digest':
        if (!this.#theirHello) return this.#fail('unexpected-message', 'digest before hello');
        this.#theirSharedDigest = message.digest;
        return this.#compareDigests();
      case 'heads':
        if (!this.#theirHello) return this.#fail('unexpected-message', 'heads before hello');
        return this.#onHeads(message.docs);
      case 'sync':
        return this.#onSync(message.doc, message.data);
      case 'reject':
        this.#logger.warn('peer refused our message', { peer: this.peer, reason: message.reason, detail: message.detail, doc: message.doc });
        this.#options.onRefused?.({ peer: this.peer, code: message.reason, detail: message.detail, ...(message.doc ? { docId: message.doc } : {}) });
        return this.close();
    }
  }

  #onHello(hello: HelloMessage): void {
    if (this.#theirHello) return void this.#fail('unexpected-message', 'second hello');
    clearTimeout(this.#helloTimer);
    this.#theirHello = hello;
    const mine = this.#replica.scopes;
    this.#shared = sharedInterest(mine, hello.scopes);
    this.#phase = 'comparing';
    // My hello digest was over my whole interest; if that is more than we share, send the digest of what we share.
    if (!isCoveredBy(mine, hello.scopes)) this.#send({ t: 'digest', v: 1, digest: this.#replica.digest(this.#shared) });
    // Their hello digest is over the shared scope exactly when their interest lies within mine.
    if (isCoveredBy(hello.scopes, mine)) {
      this.#theirSharedDigest = hello.digest;
      this.#compareDigests();
    }
  }

  #compareDigests(): void {
    if (this.#phase !== 'comparing' || !this.#theirSharedDigest) return;
    const mine = this.#replica.digest(this.#shared);
    if (sameDigest(mine, this.#theirSharedDigest)) {
      this.stats.agreedAtHello = true;
      this.#goLive();
      return;
    }
    this.#phase = 'reconciling';
    const docs = this.#replica.docIds().filter(this.#shared).map((id) => [id, this.#replica.heads(id)] as [string, string[]]).filter(([, h]) => h.length > 0);
    this.#send({ t: 'heads', v: 1, docs });
    this.#goLive();
  }

  async #onHeads(docs: readonly (readonly [string, readonly string[]])[]): Promise<void> {
    const listed = new Set<string>();
    for (const [docId, heads] of docs) {
      if (!this.#shared(docId)) return this.#fail('OUT_OF_SCOPE', new OutOfScopeError(docId).message, docId);
      listed.add(docId);
      const theirs = [...heads].sort();
      const mine = this.#replica.heads(docId);
      // A document only they hold: they know from my heads that I lack it and send it whole (see below), so an
      // opening message from me would only make them send it twice.
      if (mine.length === 0) continue;
      if (mine.length !== theirs.length || mine.some((h, i) => h !== theirs[i])) await this.#pushDoc(docId);
    }
    // Documents they do not hold at all: their heads say so, so the first message already carries every change,
    // as if they had opened with the message of an empty document.
    for (const docId of this.#replica.docIds()) {
      if (!this.#shared(docId) || listed.has(docId) || this.#replica.heads(docId).length === 0) continue;
      if (!this.#syncStates.has(docId)) this.#syncStates.set(docId, emptyPeerSyncState());
      await this.#pushDoc(docId);
    }
  }

  async #onSync(docId: string, data: Uint8Array): Promise<void> {
    if (!this.#theirHello) return this.#fail('unexpected-message', 'sync before hello');
    if (!this.#shared(docId)) return this.#fail('OUT_OF_SCOPE', new OutOfScopeError(docId).message, docId);
    await this.#docMutex.run(docId, async () => {
      if (this.#phase === 'closed') return;
      const state = this.#syncStates.get(docId) ?? A.initSyncState();
      this.#applying.add(docId);
      try {
        const { syncState, added } = await this.#replica.applyRemote(docId, state, data, this.peer);
        this.stats.objectsReceived += added.length;
        this.#syncStates.set(docId, syncState);
      } catch (error) {
        if (error instanceof MergeRejectedError) {
          await this.#fail(error.rejection.reason, error.rejection.detail, docId);
          return;
        }
        throw error;
      } finally {
        this.#applying.delete(docId);
      }
      this.#generate(docId);
    });
  }

  #onLocalChange(event: ObjectsAddedEvent): void {
    if (this.#phase === 'closed') return;
    // A document this session is storing a message of its peer into (the objects of that message, and whatever is
    // stored in the same write or before the message is through): #onSync answers for it once the write is done,
    // and that answer carries them all.
    if (this.#applying.has(event.docId)) return;
    if (this.#phase !== 'live') {
      this.#pendingDocs.add(event.docId);
      return;
    }
    if (this.#shared(event.docId)) void this.#pushDoc(event.docId);
  }

  /** Enters the live phase, pushing documents that changed while the peers were still comparing. */
  #goLive(): void {
    this.#phase = 'live';
    for (const docId of this.#pendingDocs) if (this.#shared(docId)) void this.#pushDoc(docId);
    this.#pendingDocs.clear();
  }

  #pushDoc(docId: string): Promise<void> {
    return this.#docMutex.run(docId, async () => {
      if (this.#phase !== 'closed') this.#generate(docId);
    });
  }

  #generate(docId: string): void {
    const [state, data] = this.#replica.generateSyncMessage(docId, this.#syncStates.get(docId) ?? A.initSyncState());
    this.#syncStates.set(docId, state);
    if (data) this.#send({ t: 'sync', v: 1, doc: docId, data });
  }

  #send(message: WireMessage): void {
    const frame = encodeWireMessage(message);
    this.stats.framesOut++;
    this.stats.bytesOut += frame.byteLength;
    this.#sendChain = this.#sendChain.then(() => this.#channel.send(frame)).catch((error) => {
      this.#logger.debug('send failed', { peer: this.peer, error });
      void this.close();
    });
  }

  /**
   * Ends the session because of a failure on this side (the validator or the store refused to work, e.g. a full
   * validation queue): the peer did nothing wrong, so it is told why but neither reported nor banned, and it will
   * find us again (peers kept connected redial) with nothing lost: what was not stored is synced again.
   */
  async #abandon(error: unknown, docId: string): Promise<void> {
    if (this.#phase === 'closed') return;
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.#logger.error('cannot apply a sync message; closing the session', { peer: this.peer, doc: docId, error });
    this.#send({ t: 'reject', v: 1, reason: 'internal', detail: detail.slice(0, 1024), doc: docId });
    await this.close();
  }

  async #fail(code: string, detail: string, docId?: string): Promise<void> {
    if (this.#phase === 'closed') return;
    this.#logger.warn('peer misbehaved', { peer: this.peer, code, detail, doc: docId });
    this.#options.onMisbehaviour?.({ peer: this.peer, code, detail, ...(docId ? { docId } : {}) });
    this.#send({ t: 'reject', v: 1, reason: code.slice(0, 64), detail: detail.slice(0, 1024), ...(docId ? { doc: docId } : {}) });
    await this.close();
  }
}

