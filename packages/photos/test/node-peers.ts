import { createHash } from 'node:crypto';
import { nodeEd25519 } from '@titip/identity/node';
import { createSubmission, docIdOf, type PhotoRef, type SubmissionRecord } from '@titip/records';
import { startNodePeer, type RunningNodePeer } from '@titip/sync/node';
import { makeTrust, tempDir, validKwkForm, type TestTrust } from '@titip/testkit';
import type { BlobStore, BlobStoreOptions } from '../src/store/blob-store.js';
import type { PhotoType } from '../src/store/photo-types.js';
import type { PhotoTransfer, PhotoTransferOptions } from '../src/transfer/photo-transfer.js';
import { startPhotos } from '../src/transfer/start-photos.js';

/** A complete Node peer (LevelDB, libp2p on 127.0.0.1, sync) with photos on top. */
export interface PhotoPeer {
  readonly node: RunningNodePeer;
  readonly blobs: BlobStore;
  readonly transfer: PhotoTransfer;
  readonly dataDir: string;
  /** `/ip4/127.0.0.1/tcp/<port>/p2p/<id>` */
  readonly address: string;
  readonly peerId: string;
  stop(): Promise<void>;
}

/** A photo with the reference a submission carries. */
export interface TestPhoto {
  readonly bytes: Uint8Array;
  readonly ref: PhotoRef;
}

/** Options of {@link PhotoPeers.start}. */
export interface StartOptions {
  readonly dataDir?: string;
  readonly dial?: string[];
  readonly role?: string;
  readonly blobs?: BlobStoreOptions;
  readonly transfer?: Omit<PhotoTransferOptions, 'peer' | 'blobs'>;
}

/** Peers started by one test, stopped and removed together. */
export class PhotoPeers {
  readonly #peers: PhotoPeer[] = [];
  readonly #dirs: (() => Promise<void>)[] = [];
  trust!: TestTrust;

  static async create(): Promise<PhotoPeers> {
    const set = new PhotoPeers();
    set.trust = await makeTrust(nodeEd25519);
    return set;
  }

  /** Starts a peer serving `scopes`, with a BlobStore on its LevelDB store (`photos/`) and a PhotoTransfer. */
  async start(scopes: string[], options: StartOptions = {}): Promise<PhotoPeer> {
    let dataDir = options.dataDir;
    if (!dataDir) {
      const dir = await tempDir('titip-photos-int-');
      this.#dirs.push(dir.remove);
      dataDir = dir.path;
    }
    const node = await startNodePeer({
      dataDir,
      scopes,
      root: this.trust.network.root,
      elections: this.trust.network.elections,
      listen: ['/ip4/127.0.0.1/tcp/0'],
      ...(options.dial ? { dial: options.dial } : {}),
      ...(options.role ? { role: options.role } : {}),
    });
    const photos = await startPhotos({ peer: node.peer, store: node.store, ...(options.blobs ? { blobs: options.blobs } : {}), ...options.transfer });
    const { blobs, transfer } = photos;
    let stopped = false;
    const peer: PhotoPeer = {
      node,
      blobs,
      transfer,
      dataDir,
      address: node.peer.addresses.find((a) => a.includes('/tcp/'))!,
      peerId: node.peer.peerId,
      async stop() {
        if (stopped) return;
        stopped = true;
        await photos.stop();
        await node.stop();
      },
    };
    this.#peers.push(peer);
    return peer;
  }

  /** A signed submission of `tps` referencing `photos` (pages 1, 2, …). */
  async submission(tps: string, photos: readonly TestPhoto[], options: { deviceTime?: number; votes?: Record<string, number> } = {}): Promise<SubmissionRecord> {
    const operator = await this.trust.operator(tps);
    return createSubmission(
      {
        keyPair: operator.keyPair,
        credentials: operator.chain,
        tps,
        election: 'pkwkk',
        form: validKwkForm(options.votes ?? { '1000526': 120, '1000527': 200 }),
        photos: photos.map((p, i) => ({ ...p.ref, page: i + 1 })),
        revision: 1,
        supersedes: null,
        ...(options.deviceTime !== undefined ? { deviceTime: options.deviceTime } : {}),
      },
      nodeEd25519,
    );
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.#peers.map((p) => p.stop()));
    await Promise.all(this.#dirs.map((remove) => remove()));
  }
}

/** A photo of `size` pseudo-random (incompressible, like a JPEG) bytes. */
export function testPhoto(size: number, seed: number, type: PhotoType = 'image/jpeg'): TestPhoto {
  const bytes = new Uint8Array(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    bytes[i] = x & 0xff;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { bytes, ref: { sha256, page: 1, size, type } };
}

/** What an operator's device does: store its photos as its own, then add the signed submission. */
export async function authorWithPhotos(peer: PhotoPeer, submission: SubmissionRecord, photos: readonly TestPhoto[], own = true): Promise<void> {
  for (const photo of photos) await peer.blobs.put(photo.bytes, { type: photo.ref.type, own });
  await peer.node.replica.addLocal(docIdOf(submission), [{ id: submission.id, bytes: submission.bytes }]);
}
