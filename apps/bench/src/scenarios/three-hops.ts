import { decodeCredential } from '@titip/identity';
import { docIdOf } from '@titip/records';
import { startRelay, type Relay } from '@titip/relay';
import { startServer } from '@titip/server';
import { RecordLedger } from '@titip/sync';
import { startNodePeer } from '@titip/sync/node';
import { eventually, tempDir } from '@titip/testkit';
import type { SyntheticResults } from '../synthetic-results.js';

/** Figures of one new submission crossing operator → PPS → PPK → server, and its receipt back. */
export interface ThreeHopFigures {
  /** From the operator storing its signed result until its receipt is stored on the phone. */
  roundTripMs: number[];
  medianRoundTripMs: number;
  /** Size of one signed submission (its envelope with the embedded credential chain). */
  submissionBytes: number;
  /** Bytes on each link (both directions) for one submission: the result up, attestations and the receipt down. */
  bytesPerHop: { operatorPps: number; ppsPpk: number; ppkServer: number };
}

/** Runs a real chain with a live server, relays that attest, and an operator phone; sends `rounds` results one by one. */
export async function benchThreeHops(data: SyntheticResults, rounds = 10): Promise<ThreeHopFigures> {
  const dirs = await Promise.all([0, 1, 2, 3].map(() => tempDir('titip-bench-hop-')));
  const serverIdentity = await data.trust.server();
  const first = data.submissions[0]!;
  const desa = first.body.tps.slice(0, 10);
  const kecamatan = desa.slice(0, 6);
  const chainOf = async (region: string) => {
    const id = await data.trust.relay(region);
    const leaf = decodeCredential(id.chain[0]);
    if (!leaf.ok) throw new Error(leaf.failure.message);
    return { keyPair: id.keyPair, credential: { chain: id.chain, leaf: leaf.obj.body } };
  };
  const server = await startServer({
    dataDir: dirs[0]!.path,
    network: data.trust.network,
    keyPair: serverIdentity.keyPair,
    credential: { chain: serverIdentity.chain, leaf: (() => { const d = decodeCredential(serverIdentity.chain[0]); if (!d.ok) throw new Error('bad'); return d.obj.body; })() },
    listen: ['/ip4/127.0.0.1/tcp/0'],
    http: false,
    verifierThreads: 0,
  });
  const relays: Relay[] = [];
  const ppk = await startRelay({ dataDir: dirs[1]!.path, network: data.trust.network, scopes: [kecamatan], role: 'ppk', listen: ['/ip4/127.0.0.1/tcp/0'], dial: [server.addresses[0]!], attest: { ...(await chainOf(kecamatan)), stage: 'ppk', region: kecamatan } });
  relays.push(ppk);
  const pps = await startRelay({ dataDir: dirs[2]!.path, network: data.trust.network, scopes: [desa], role: 'pps', listen: ['/ip4/127.0.0.1/tcp/0'], dial: [ppk.node.peer.addresses[0]!], attest: { ...(await chainOf(desa)), stage: 'pps', region: desa } });
  relays.push(pps);
  const operator = await startNodePeer({ dataDir: dirs[3]!.path, scopes: [first.body.tps], root: data.trust.network.root, listen: ['/ip4/127.0.0.1/tcp/0'], dial: [pps.node.peer.addresses[0]!] });
  const ledger = new RecordLedger(operator.replica);
  try {
    await eventually(() => operator.peer.engine.sessions().length === 1 && pps.node.peer.engine.sessions().length === 2 && ppk.node.peer.engine.sessions().length === 2, 'chain connected');
    await eventually(() => [operator.peer, pps.node.peer, ppk.node.peer].every((p) => p.engine.sessions().every((s) => s.phase === 'live')), 'sessions live');
    const sessionBytes = () => {
      const link = (peer: typeof pps.node.peer, remote: string) => {
        const s = peer.sessionWith(remote);
        return s ? s.stats.bytesIn + s.stats.bytesOut : 0;
      };
      return { operatorPps: link(operator.peer, pps.node.peer.peerId), ppsPpk: link(pps.node.peer, ppk.node.peer.peerId), ppkServer: link(ppk.node.peer, server.peerId) };
    };
    const own = data.submissions.filter((s) => s.body.tps === first.body.tps).slice(0, 2);
    const candidates = [...own, ...data.submissions.filter((s) => s.body.tps.startsWith(desa) && s.body.tps !== first.body.tps)].slice(0, rounds);
    const times: number[] = [];
    const perHop: ReturnType<typeof sessionBytes>[] = [];
    for (const submission of candidates) {
      const before = sessionBytes();
      const t0 = performance.now();
      await operator.replica.addLocal(docIdOf(submission), [{ id: submission.id, bytes: submission.bytes }], { trusted: true });
      await ledger.whenReceipt(submission.id, 30_000);
      times.push(Math.round((performance.now() - t0) * 10) / 10);
      await new Promise((r) => setTimeout(r, 300)); // let the attestations settle on every link
      const after = sessionBytes();
      perHop.push({ operatorPps: after.operatorPps - before.operatorPps, ppsPpk: after.ppsPpk - before.ppsPpk, ppkServer: after.ppkServer - before.ppkServer });
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return {
      roundTripMs: times,
      medianRoundTripMs: median(times),
      submissionBytes: first.bytes.byteLength,
      bytesPerHop: { operatorPps: median(perHop.map((h) => h.operatorPps)), ppsPpk: median(perHop.map((h) => h.ppsPpk)), ppkServer: median(perHop.map((h) => h.ppkServer)) },
    };
  } finally {
    ledger.close();
    await operator.stop();
    for (const relay of relays.reverse()) await relay.stop();
    await server.stop();
    await Promise.all(dirs.map((d) => d.remove()));
  }
}
