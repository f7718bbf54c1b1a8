import type { CredentialChain, Network } from '@titip/config';
import { isRegionCode, type ElectionDefinition } from '@titip/election';
import type { KeyPair } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { silentLogger, type Logger } from '@titip/log';
import { startPhotos, type RunningPhotos } from '@titip/photos';
import { startNodePeer, type RunningNodePeer, type StartNodePeerOptions, createDataDir, dataDirProblem } from '@titip/sync/node';
import type { ResultTotals } from './aggregate/result-totals.js';
import { checkServerCredential } from './check-server-credential.js';
import { ServerError } from './errors.js';
import type { ApiState } from './http/api-state.js';
import { startHttpApi, type HttpListenOptions, type RunningHttpApi } from './http/api-server.js';
import type { ResultsIndex } from './index/results-index.js';
import type { ReceiptIssuerStats } from './ingest/receipt-issuer.js';
import { apiPhotos } from './photos/api-photos.js';
import { attachServerCore } from './server-core.js';

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** Directory of the server's LevelDB store and libp2p key (created if missing). */
  readonly dataDir: string;
  /** The network file: root key and election definitions. */
  readonly network: Network;
  /** The server's signing key pair (subject of `credential`). */
  readonly keyPair: KeyPair;
  /** The server credential chain (root → server). */
  readonly credential: CredentialChain;
  /** Region codes served. @default [''] (the nation) */
  readonly scopes?: readonly string[];
  /** libp2p listen multiaddrs. @default TCP and WebSockets on 127.0.0.1, ephemeral ports */
  readonly listen?: readonly string[];
  /** Peers to keep connected (multiaddrs with /p2p/<id>). @default [] */
  readonly dial?: readonly string[];
  /** Where the HTTP API listens; `false` for none. @default { host: '127.0.0.1', port: 8080 } */
  readonly http?: HttpListenOptions | false;
  /** Worker threads verifying signatures. @default 2 */
  readonly verifierThreads?: number;
  /**
   * Count a submission only when its credential was valid, and not revoked, at the time it was first witnessed
   * (see docs/credentials-over-time.md); the others are held and shown with their reason. @default true
   */
  readonly judgeStanding?: boolean;
  /** mDNS discovery on the LAN. @default off */
  readonly mdns?: StartNodePeerOptions['mdns'];
  /** Extra libp2p options (relay server, WebRTC, limits). */
  readonly libp2p?: StartNodePeerOptions['libp2p'];
  /** Server clock (ms), stamped on receipts. @default Date.now */
  readonly now?: () => number;
  readonly logger?: Logger;
}

/** A running KPU server. */
export interface RunningServer {
  readonly peerId: string;
  /** Multiaddrs others can dial. */
  readonly addresses: string[];
  /** Base URL of the HTTP API, or null without one. */
  readonly httpUrl: string | null;
  /** The underlying sync peer (replica, libp2p, store). */
  readonly node: RunningNodePeer;
  readonly index: ResultsIndex;
  readonly totals: ResultTotals;
  /**
   * The photos of the submissions held (`@titip/photos`: `blobs`, `transfer` with `progress()` per photo and per
   * peer), fetched from every peer that has them, with no budget: the server keeps every photo a held submission
   * references.
   */
  readonly photos: RunningPhotos;
  /** Receipt counters. */
  receipts(): ReceiptIssuerStats;
  /**
   * Resolves once every object stored so far is judged (credential standing), indexed, and every submission has its
   * receipt (or was refused one). The totals and TPS views answer from the index: an operator may hold its receipt a
   * few milliseconds before the server's totals count it (the receipt leaves in the write that stores the result).
   */
  idle(): Promise<void>;
  /** Stops the HTTP API, receipt issuing and the peer (safe to call twice). */
  stop(): Promise<void>;
}

function checkOptions(options: ServerOptions): void {
  const bad = (message: string) => new ServerError('SERVER_INVALID_OPTION', message);
  if (typeof options.dataDir !== 'string' || options.dataDir === '') throw bad('dataDir must be a directory path');
  const dataDir = dataDirProblem(options.dataDir);
  if (dataDir !== null) throw bad(dataDir);
  for (const scope of options.scopes ?? []) if (scope !== '' && !isRegionCode(scope)) throw bad(`scope ${JSON.stringify(scope)} is not a region code`);
  if (options.scopes !== undefined && options.scopes.length === 0) throw bad('give at least one scope');
  const threads = options.verifierThreads;
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 0 || threads > 64)) throw bad('verifierThreads must be an integer from 0 to 64');
  const http = options.http;
  if (http) {
    if (http.port !== undefined && (!Number.isInteger(http.port) || http.port < 0 || http.port > 65_535)) throw bad('http.port must be 0–65535');
  }
}

/**
 * Starts the KPU sink: a Node peer ({@link startNodePeer}: LevelDB store, replica with the record validator, libp2p,
 * sync) with role `server` and scope the nation by default, plus receipt issuing (one signed receipt per submission,
 * after it is durably stored, added to its desa document), the results index, the totals per region, and the HTTP
 * JSON API. On start, everything held is indexed and the receipts still missing are issued.
 * @throws {ServerError} on bad options (a data dir under /proc, /sys or /dev among them), a server credential that does not fit the key or the root, or an HTTP port
 *   that cannot be bound; `ConfigFileError`/store errors from the parts. A start that fails removes the data dir
 *   again when it created it (one that existed is left as it was).
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  checkOptions(options);
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const { network, keyPair, credential } = options;
  await checkServerCredential(credential, keyPair, network.root, nodeEd25519, now());

  const dataDir = await createDataDir(options.dataDir);
  let node: RunningNodePeer;
  try {
    node = await startNodePeer({
      dataDir: options.dataDir,
      scopes: options.scopes ?? [''],
      root: network.root,
      role: 'server',
      elections: network.elections as ElectionDefinition[],
      verifierThreads: options.verifierThreads ?? 2,
      ...(options.listen ? { listen: options.listen } : {}),
      ...(options.dial ? { dial: options.dial } : {}),
      ...(options.mdns ? { mdns: options.mdns } : {}),
      ...(options.libp2p ? { libp2p: options.libp2p } : {}),
      // First sights are written without their own fsync: a crash may lose the last ones (they then get the restart time).
      ...(options.judgeStanding === false ? {} : { standing: { now, durableWrites: false } }),
      onMisbehaviour: (m) => logger.warn('peer misbehaved', { peer: m.peer, code: m.code, detail: m.detail, ...(m.docId ? { docId: m.docId } : {}) }),
      logger: logger.child('sync'),
    });
  } catch (error) {
    await dataDir.removeIfCreated();
    throw error;
  }

  let photos: RunningPhotos;
  try {
    photos = await startPhotos({ peer: node.peer, store: node.store, blobs: { now }, now, logger });
  } catch (error) {
    await node.stop();
    await dataDir.removeIfCreated();
    throw error;
  }
  const core = attachServerCore({ replica: node.replica, network, keyPair, credential, now, logger, ...(node.standing ? { standing: node.standing } : {}) });
  const { index, totals, issuer, serverKey } = core;
  logger.info('index loaded', { records: core.loaded, ...index.counts() });

  const startedAt = now();
  const state: ApiState = {
    network,
    index,
    totals,
    serverKey,
    peerId: node.peer.peerId,
    addresses: () => node.peer.addresses,
    held: () => ({ objects: node.replica.objectCount, documents: node.replica.docIds().length }),
    object: (id) => node.replica.object(id),
    sessions: () => node.peer.engine.sessions().length,
    misbehaviourReports: () => node.peer.engine.reports().length,
    receipts: () => issuer.stats(),
    photos: apiPhotos(photos),
    startedAt,
    now,
  };

  let http: RunningHttpApi | undefined;
  try {
    if (options.http !== false) http = await startHttpApi(state, options.http ?? {}, logger.child('http'));
  } catch (error) {
    await core.stop();
    await photos.stop();
    await node.stop();
    await dataDir.removeIfCreated();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    peerId: node.peer.peerId,
    addresses: node.peer.addresses,
    httpUrl: http?.url ?? null,
    node,
    index,
    totals,
    photos,
    receipts: () => issuer.stats(),
    async idle() {
      // Standing first (a submission is indexed as counted, and receipted if it was not already, once judged), then
      // the receipts, then standing again for the receipts just stored (they witness their submissions).
      await node.standing?.whenIdle();
      await issuer.idle();
      await node.standing?.whenIdle();
    },
    stop() {
      stopping ??= (async () => {
        await http?.close();
        await core.stop();
        await photos.stop();
        await node.stop();
        logger.info('server stopped');
      })();
      return stopping;
    },
  };
}
