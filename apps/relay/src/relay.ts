import type { Network } from '@titip/config';
import { scopeProblem } from './scope-problem.js';
import { nodeEd25519 } from '@titip/identity/node';
import { silentLogger, type Logger } from '@titip/log';
import { startPhotos, type RunningPhotos } from '@titip/photos';
import { RecordLedger, type CustodyCounts } from '@titip/sync';
import { startNodePeer, type MdnsOptions, type RunningNodePeer, type StartNodePeerOptions, createDataDir, dataDirProblem } from '@titip/sync/node';
import { startAttesting, type AttestationSigner } from './attestation-policy.js';
import { checkAttestationSigner } from './attestation-signer.js';
import { RelayError } from './errors.js';
import { listenAddressProblem } from './multiaddr-problem.js';

/** Options of {@link startRelay}. */
export interface RelayOptions {
  /** LevelDB store and peer key live here. */
  readonly dataDir: string;
  readonly network: Network;
  /** Regions served: a desa for a PPS, a kecamatan for a PPK, a kabupaten for a carrier. */
  readonly scopes: readonly string[];
  /** 'pps', 'ppk', 'carrier' or any label; announced to peers. @default 'relay' */
  readonly role?: string;
  readonly listen?: readonly string[];
  /** Peers kept connected. */
  readonly dial?: readonly string[];
  readonly mdns?: MdnsOptions;
  /**
   * Sign attestations for what this relay sees (PPS and PPK laptops with a relay credential). Checked at start
   * (`checkAttestationSigner`): a credential that does not verify, fit the key, or is not valid now is refused.
   */
  readonly attest?: AttestationSigner;
  /** Extra libp2p options, e.g. a circuit relay server for browsers. */
  readonly libp2p?: StartNodePeerOptions['libp2p'];
  readonly verifierThreads?: number;
  /**
   * Cap (bytes) on the space given to others' photos (a carrier's phone, a relay laptop with a small disk): past it the
   * oldest photos are evicted and logged as dropped, and not fetched again. Numbers are never dropped. @default no cap
   */
  readonly photoBudget?: number;
  /** Clock (ms) for the start-up credential check and the attestations' seenAt. @default Date.now */
  readonly now?: () => number;
  readonly logger?: Logger;
}

/** What the status line shows. */
export interface RelayStatus extends CustodyCounts {
  readonly peerId: string;
  /** Sync sessions open. */
  readonly peers: number;
  /** Misbehaving peers reported since start. */
  readonly rejected: number;
  /** The photos of the submissions held. */
  readonly photos: RelayPhotoStatus;
}

/** The photo part of {@link RelayStatus}. */
export interface RelayPhotoStatus {
  /** Photos referenced by the submissions held, and how many of them are held whole. */
  readonly total: number;
  readonly complete: number;
  /** Bytes of every referenced photo, and of what is held of them. */
  readonly bytesTotal: number;
  readonly bytesDone: number;
  /** Bytes per second arriving from / sent to every peer (last 5 s). */
  readonly rateIn: number;
  readonly rateOut: number;
  /** Photos evicted (or never fetched) for the budget. */
  readonly dropped: number;
  /** The budget for others' photos (bytes), `null` when there is none, and what others' photos take now. */
  readonly budgetBytes: number | null;
  readonly othersBytes: number;
}

/** A running relay. */
export interface Relay {
  readonly node: RunningNodePeer;
  readonly ledger: RecordLedger;
  /** The photo store and transfer (`/titip/photos/1.0.0`), next to the replica in the same store. */
  readonly photos: RunningPhotos;
  status(): RelayStatus;
  /** Stops attesting (storing the attestations being signed), hangs up and closes the store; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a relay: a store-and-forward peer for PPS/PPK laptops and carriers. It holds and forwards every signed
 * object in its scope, authored by anyone, without opening it, and (with a relay credential) attests what it sees.
 * A start that fails removes the data dir again when it created it (one that existed is left as it was).
 */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  checkOptions(options);
  const signer = options.attest
    ? await checkAttestationSigner(options.attest, { root: options.network.root, scopes: options.scopes, provider: nodeEd25519, now: now() })
    : undefined;
  const dataDir = await createDataDir(options.dataDir);
  let node: RunningNodePeer;
  try {
    node = await startNodePeer({
      dataDir: options.dataDir,
      scopes: options.scopes,
      root: options.network.root,
      elections: options.network.elections,
      role: options.role ?? 'relay',
      ...(options.listen ? { listen: options.listen } : {}),
      ...(options.dial ? { dial: options.dial } : {}),
      ...(options.mdns ? { mdns: options.mdns } : {}),
      ...(options.libp2p ? { libp2p: options.libp2p } : {}),
      ...(options.verifierThreads !== undefined ? { verifierThreads: options.verifierThreads } : {}),
      logger,
    });
  } catch (error) {
    await dataDir.removeIfCreated();
    throw error;
  }
  const ledger = new RecordLedger(node.replica, signer ? { selfKey: signer.keyPair.publicKey, now } : { now });
  let photos: RunningPhotos;
  try {
    photos = await startPhotos({
      peer: node.peer,
      store: node.store,
      ledger,
      blobs: { ...(options.photoBudget !== undefined ? { budgetBytes: options.photoBudget } : {}), now },
      now,
      logger,
    });
  } catch (error) {
    ledger.close();
    await node.stop();
    await dataDir.removeIfCreated();
    throw error;
  }
  const photoLogger = logger.child('photos');
  photos.transfer.onEvent((event) => {
    if (event.type === 'photo-dropped') {
      const { sha256, size, heldBytes, reason } = event.photo;
      photoLogger.warn('photo dropped for the budget', { photo: sha256, size, heldBytes, reason, budget: options.photoBudget });
    }
  });
  const stopAttesting = signer ? startAttesting(node.replica, ledger, signer, nodeEd25519, { logger: logger.child('attest'), now }) : async () => {};
  let stopping: Promise<void> | undefined;
  return {
    node,
    ledger,
    photos,
    status: () => ({
      peerId: node.peer.peerId,
      ...ledger.counts(),
      peers: node.peer.engine.sessions().length,
      rejected: node.peer.engine.reports().length,
      photos: photoStatus(photos),
    }),
    stop() {
      stopping ??= (async () => {
        await stopAttesting();
        await photos.stop();
        ledger.close();
        await node.stop();
      })();
      return stopping;
    },
  };
}

function photoStatus(photos: RunningPhotos): RelayPhotoStatus {
  const { totals } = photos.transfer.progress();
  const usage = photos.blobs.usage();
  return {
    total: totals.photos,
    complete: totals.complete,
    bytesTotal: totals.bytesTotal,
    bytesDone: totals.bytesDone,
    rateIn: totals.rateIn,
    rateOut: totals.rateOut,
    dropped: totals.dropped,
    budgetBytes: Number.isFinite(usage.budgetBytes) ? usage.budgetBytes : null,
    othersBytes: usage.othersBytes,
  };
}

function checkOptions(options: RelayOptions): void {
  const bad = (message: string) => new RelayError('RELAY_INVALID_OPTION', message);
  if (typeof options.dataDir !== 'string' || options.dataDir === '') throw bad('dataDir must be a directory path');
  const dataDir = dataDirProblem(options.dataDir);
  if (dataDir !== null) throw bad(dataDir);
  if (!Array.isArray(options.scopes) || options.scopes.length === 0 || options.scopes.length > 64) throw bad('give 1 to 64 scopes');
  for (const scope of options.scopes) {
    const problem = scopeProblem(scope);
    if (problem !== null) throw bad(`scope ${JSON.stringify(scope)} is not a region code: ${problem}`);
  }
  const budget = options.photoBudget;
  if (budget !== undefined && (!Number.isSafeInteger(budget) || budget < 0)) throw bad(`photoBudget must be a whole number of bytes >= 0, got ${String(budget)}`);
  for (const address of options.listen ?? []) {
    const problem = listenAddressProblem(address);
    if (problem !== null) throw bad(`listen address ${JSON.stringify(address)}: ${problem}`);
  }
}
