import { join } from 'node:path';
import { startPhotos, type RunningPhotos } from '@titip/photos';
import { startRelay, type Relay } from '@titip/relay';
import { RecordLedger } from '@titip/sync';
import { startNodePeer, type RunningNodePeer } from '@titip/sync/node';
import type { PilkadaTps } from '../dataset/index.js';
import type { DemoIdentities } from './identities.js';

/** An operator phone: a peer scoped to its TPS, what it has seen, and its page photos. */
export interface OperatorPhone {
  readonly tps: PilkadaTps;
  readonly node: RunningNodePeer;
  readonly ledger: RecordLedger;
  /** Its own photos only: it serves them and fetches nobody else's. */
  readonly photos: RunningPhotos;
}

/** A carrier's phone: no credential, scope the whole kabupaten; it carries photos as well as numbers. */
export interface CarrierPhone {
  readonly node: RunningNodePeer;
  readonly ledger: RecordLedger;
  readonly photos: RunningPhotos;
}

/** Stops a phone: its photos first, then its peer. */
export async function stopPhone(phone: OperatorPhone | CarrierPhone): Promise<void> {
  phone.ledger.close();
  await phone.photos.stop();
  await phone.node.stop();
}

/** Peers of one machine in the field: many PPS laptops and operator phones share this process in the demo. */
const LIMITS = { inboundConnectionThreshold: 1000, maxIncomingPendingConnections: 100 };

/** Starts a PPS relay per desa (attesting with its relay credential), in this process. */
export async function startPpsRelays(dir: string, identities: DemoIdentities, desaCodes: readonly string[]): Promise<Map<string, Relay>> {
  const relays = new Map<string, Relay>();
  await inBatches(desaCodes, 8, async (desa) => {
    const holder = identities.pps.get(desa)!;
    relays.set(
      desa,
      await startRelay({
        dataDir: join(dir, `pps-${desa}`),
        network: identities.network,
        scopes: [desa],
        role: 'pps',
        listen: ['/ip4/127.0.0.1/tcp/0'],
        attest: { keyPair: holder.keyPair, credential: holder.credential, stage: 'pps', region: desa },
        libp2p: { limits: LIMITS },
      }),
    );
  });
  return relays;
}

/** Starts one operator phone per TPS, in this process. */
export async function startOperators(dir: string, identities: DemoIdentities, tpsList: readonly PilkadaTps[]): Promise<Map<string, OperatorPhone>> {
  const phones = new Map<string, OperatorPhone>();
  await inBatches(tpsList, 8, async (tps) => {
    const node = await startNodePeer({
      dataDir: join(dir, `operator-${tps.tps}`),
      scopes: [tps.tps],
      root: identities.network.root,
      elections: identities.network.elections,
      role: 'operator',
      listen: ['/ip4/127.0.0.1/tcp/0'],
    });
    const ledger = new RecordLedger(node.replica);
    // The desa document carries the neighbours' results too; their photos are not this phone's to fetch.
    const photos = await startPhotos({ peer: node.peer, store: node.store, ledger, fetch: () => false });
    phones.set(tps.tps, { tps, node, ledger, photos });
  });
  return phones;
}

/** Starts the carrier's phone. */
export async function startCarrier(dir: string, identities: DemoIdentities, kabupaten: string): Promise<CarrierPhone> {
  const node = await startNodePeer({
    dataDir: join(dir, 'carrier'),
    scopes: [kabupaten],
    root: identities.network.root,
    elections: identities.network.elections,
    role: 'carrier',
    listen: ['/ip4/127.0.0.1/tcp/0'],
  });
  const ledger = new RecordLedger(node.replica);
  const photos = await startPhotos({ peer: node.peer, store: node.store, ledger });
  return { node, ledger, photos };
}

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}
