import type { Network } from '@titip/config';
import { nodeEd25519 } from '@titip/identity/node';
import { silentLogger, type Logger } from '@titip/log';
import { RecordLedger, type CustodyCounts } from '@titip/sync';
import { startNodePeer, type MdnsOptions, type RunningNodePeer, type StartNodePeerOptions } from '@titip/sync/node';
import { startAttesting, type AttestationSigner } from './attestation-policy.js';

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
  /** Sign attestations for what this relay sees (PPS and PPK laptops with a relay credential). */
  readonly attest?: AttestationSigner;
  /** Extra libp2p options, e.g. a circuit relay server for browsers. */
  readonly libp2p?: StartNodePeerOptions['libp2p'];
  readonly verifierThreads?: number;
  readonly logger?: Logger;
}

/** What the status line shows. */
export interface RelayStatus extends CustodyCounts {
  readonly peerId: string;
  /** Sync sessions open. */
  readonly peers: number;
  /** Misbehaving peers reported since start. */
  readonly rejected: number;
}

/** A running relay. */
export interface Relay {
  readonly node: RunningNodePeer;
  readonly ledger: RecordLedger;
  status(): RelayStatus;
  stop(): Promise<void>;
}

/**
 * Starts a relay: a store-and-forward peer for PPS/PPK laptops and carriers. It holds and forwards every signed
 * object in its scope, authored by anyone, without opening it, and (with a relay credential) attests what it sees.
 */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const logger = options.logger ?? silentLogger;
  const node = await startNodePeer({
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
  const ledger = new RecordLedger(node.replica, options.attest ? { selfKey: options.attest.keyPair.publicKey } : {});
  const stopAttesting = options.attest ? startAttesting(node.replica, ledger, options.attest, nodeEd25519, { logger }) : () => {};
  return {
    node,
    ledger,
    status: () => ({
      peerId: node.peer.peerId,
      ...ledger.counts(),
      peers: node.peer.engine.sessions().length,
      rejected: node.peer.engine.reports().length,
    }),
    async stop() {
      stopAttesting();
      ledger.close();
      await node.stop();
    },
  };
}
