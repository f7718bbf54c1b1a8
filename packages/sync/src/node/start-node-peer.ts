import { createDataDir } from './created-data-dir.js';
import { join } from 'node:path';
import type { ElectionDefinition } from '@titip/election';
import { createCredentialCache, type CredentialCache } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { silentLogger, type Logger } from '@titip/log';
import { createRecordValidator, type RecordValidator } from '@titip/records';
import { createWorkerRecordValidator } from '@titip/records/node';
import type { KeyValueStore } from '@titip/store';
import { openNodeStore } from '@titip/store/node';
import type { PeerSyncLimits } from '../peer/peer-limits.js';
import { TitipPeer } from '../peer/titip-peer.js';
import { CredentialStanding, type CredentialStandingOptions } from '../records/credential-standing.js';
import { recordObjectValidator } from '../records/record-object-validator.js';
import { Replica } from '../replication/replica.js';
import type { Misbehaviour } from '../replication/sync-session.js';
import { createNodeLibp2p, type MdnsOptions, type NodePeerOptions } from '../transport/create-node-peer.js';

/** Options of {@link startNodePeer}. */
export interface StartNodePeerOptions {
  /** Directory of the peer's LevelDB store and libp2p key (created if missing). */
  readonly dataDir: string;
  /** Region codes this peer serves ('' = nation). */
  readonly scopes: readonly string[];
  /** The KPU root public key (trust anchor). */
  readonly root: Uint8Array;
  /** Announced role: 'operator', 'carrier', 'pps', 'ppk', 'server'. */
  readonly role?: string;
  /** Listen addresses. @default TCP and WebSockets on 127.0.0.1, ephemeral ports */
  readonly listen?: readonly string[];
  /** Peers to keep connected (multiaddrs with /p2p/<id>), redialled with backoff. @default [] */
  readonly dial?: readonly string[];
  /** mDNS discovery on the LAN (discovered peers are dialled and synced). @default off */
  readonly mdns?: MdnsOptions;
  /** Extra libp2p options (relay server for browsers, WebRTC, limits). */
  readonly libp2p?: Omit<NodePeerOptions, 'listen' | 'peerKeyFile' | 'mdns'>;
  /** Election definitions, so submissions are also checked against candidates and regions. */
  readonly elections?: readonly ElectionDefinition[];
  /**
   * Worker threads running the whole record validation (hash, decoding, schema, rules, credential chain, signature:
   * `createWorkerRecordValidator`); 0 validates on the main thread. @default 0
   */
  readonly verifierThreads?: number;
  /** What each remote peer is granted on the sync protocol: sessions, bytes and frames per minute (`docs/limits.md`). */
  readonly syncLimits?: PeerSyncLimits;
  /** Largest sync wire frame sent or accepted. @default 4 MiB */
  readonly maxFrameBytes?: number;
  /** How long a reported peer is refused. @default 600000 (10 minutes) */
  readonly banMs?: number;
  readonly onMisbehaviour?: (misbehaviour: Misbehaviour) => void;
  /**
   * Judge whether each record held counts at the time it was first witnessed ({@link CredentialStanding}: first
   * sights persisted in the store, revocations applied); `true` with the defaults, or its options. @default off
   */
  readonly standing?: boolean | Pick<CredentialStandingOptions, 'skewMs' | 'issuerBackdateMs' | 'now' | 'maxReports' | 'durableWrites'>;
  readonly logger?: Logger;
}

/** A running Node peer and the parts it is made of. */
export interface RunningNodePeer {
  readonly peer: TitipPeer;
  readonly replica: Replica;
  readonly store: KeyValueStore;
  /** The standing of the records held, when `standing` was asked for. */
  readonly standing?: CredentialStanding;
  /** Stops the sync peer, libp2p, the validation threads and closes the store. */
  stop(): Promise<void>;
}

/**
 * Starts a complete Titip peer on Node: LevelDB store in `dataDir`, replica with the record validator (native
 * Ed25519, optional worker threads), libp2p with TCP/WebSockets (+ mDNS), the sync protocol, and the configured
 * peers kept connected. Relays, carriers, the server and the operator CLI are all built on this. A start that fails
 * removes the data dir again when it created it (a data dir that existed is left as it was).
 */
export async function startNodePeer(options: StartNodePeerOptions): Promise<RunningNodePeer> {
  const logger = options.logger ?? silentLogger;
  const dataDir = await createDataDir(options.dataDir);
  let store: KeyValueStore;
  try {
    store = await openNodeStore(join(options.dataDir, 'store'));
  } catch (error) {
    await dataDir.removeIfCreated();
    throw error;
  }
  let validator: RecordValidator | undefined;
  const cache = createCredentialCache();
  try {
    validator = recordValidatorFor(options, cache);
    const replica = await Replica.open({ store, scopes: options.scopes, validator: recordObjectValidator(validator), logger });
    const standing = options.standing
      ? await CredentialStanding.open({
          replica,
          store,
          root: options.root,
          provider: nodeEd25519,
          cache, // the credentials the main-thread validator verified (standing only decodes)
          logger: logger.child('standing'),
          ...(typeof options.standing === 'object' ? options.standing : {}),
        })
      : undefined;
    const libp2p = await createNodeLibp2p({
      ...options.libp2p,
      ...(options.listen ? { listen: options.listen } : {}),
      peerKeyFile: join(options.dataDir, 'peer-key'),
      ...(options.mdns ? { mdns: options.mdns } : {}),
    });
    const peer = await TitipPeer.start({
      libp2p,
      replica,
      ...(options.role ? { role: options.role } : {}),
      ...(options.onMisbehaviour ? { onMisbehaviour: options.onMisbehaviour } : {}),
      ...(options.syncLimits ? { limits: options.syncLimits } : {}),
      ...(options.maxFrameBytes !== undefined ? { maxFrameBytes: options.maxFrameBytes } : {}),
      ...(options.banMs !== undefined ? { banMs: options.banMs } : {}),
      logger,
    });
    for (const target of options.dial ?? []) peer.keep(target);
    let stopped = false;
    return {
      peer,
      replica,
      store,
      ...(standing ? { standing } : {}),
      async stop() {
        if (stopped) return;
        stopped = true;
        await peer.stop();
        await libp2p.stop();
        standing?.close();
        await standing?.whenIdle();
        await validator?.close();
        await store.close();
      },
    };
  } catch (error) {
    await validator?.close();
    await store.close();
    await dataDir.removeIfCreated();
    throw error;
  }
}

/** The record validator of a peer: in worker threads when `verifierThreads > 0`, else on the main thread. */
function recordValidatorFor(options: StartNodePeerOptions, cache: CredentialCache): RecordValidator {
  const threads = options.verifierThreads ?? 0;
  if (threads > 0) return createWorkerRecordValidator({ root: options.root, threads, elections: options.elections ?? [] });
  const elections = new Map((options.elections ?? []).map((e) => [e.id, e]));
  return createRecordValidator({ root: options.root, provider: nodeEd25519, cache, elections: (id) => elections.get(id) });
}
