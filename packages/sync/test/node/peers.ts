import { nodeEd25519 } from '@titip/identity/node';
import { createReceipt, createSubmission, docIdOf, type SubmissionRecord } from '@titip/records';
import { makeTrust, tempDir, validKwkForm, type TestTrust } from '@titip/testkit';
import { startNodePeer, type RunningNodePeer } from '../../src/node/start-node-peer.js';

/** Peers started by one test, stopped and removed together. */
export class PeerSet {
  readonly #peers: RunningNodePeer[] = [];
  readonly #dirs: (() => Promise<void>)[] = [];
  trust!: TestTrust;

  static async create(): Promise<PeerSet> {
    const set = new PeerSet();
    set.trust = await makeTrust(nodeEd25519);
    return set;
  }

  /** Starts a real Node peer (LevelDB in a temp dir, TCP on 127.0.0.1) serving `scopes`; `verifierThreads` > 0 validates in worker threads. */
  async start(scopes: string[], options: { dial?: string[]; dataDir?: string; role?: string; verifierThreads?: number } = {}): Promise<RunningNodePeer & { dataDir: string }> {
    let dataDir = options.dataDir;
    if (!dataDir) {
      const dir = await tempDir('titip-sync-int-');
      this.#dirs.push(dir.remove);
      dataDir = dir.path;
    }
    const peer = await startNodePeer({
      dataDir,
      scopes,
      root: this.trust.network.root,
      elections: this.trust.network.elections,
      listen: ['/ip4/127.0.0.1/tcp/0'],
      ...(options.dial ? { dial: options.dial } : {}),
      ...(options.role ? { role: options.role } : {}),
      ...(options.verifierThreads !== undefined ? { verifierThreads: options.verifierThreads } : {}),
    });
    this.#peers.push(peer);
    return Object.assign(peer, { dataDir });
  }

  /** A signed submission of `tps` (revision 1 unless given). */
  async submission(tps: string, votes: Record<string, number> = { '1000526': 120, '1000527': 200 }, revision = 1, supersedes: string | null = null): Promise<SubmissionRecord> {
    const operator = await this.trust.operator(tps);
    return createSubmission(
      { keyPair: operator.keyPair, credentials: operator.chain, tps, election: 'pkwkk', form: validKwkForm(votes), photos: [], revision, supersedes },
      nodeEd25519,
    );
  }

  /** A receipt for `submission`, signed by a server credential. */
  async receipt(submission: SubmissionRecord) {
    const server = await this.trust.server();
    return createReceipt({ keyPair: server.keyPair, credentials: server.chain, submission }, nodeEd25519);
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.#peers.map((p) => p.stop()));
    await Promise.all(this.#dirs.map((remove) => remove()));
  }
}

/** Adds a record to a peer's replica as its author would. */
export async function author(peer: RunningNodePeer, record: { id: string; bytes: Uint8Array; kind: string; body: { tps: string } }): Promise<void> {
  await peer.replica.addLocal(docIdOf(record as never), [{ id: record.id, bytes: record.bytes }]);
}
