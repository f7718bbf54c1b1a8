import type { TitipPeer } from '@titip/sync';

/**
 * One line on what a peer's links look like now: its sync sessions (remote, phase, bytes in/out) and its libp2p
 * connections (remote, status), remotes named by `nameOf`. Printed for the peers on a path that did not converge.
 */
export function linkState(name: string, peer: TitipPeer, nameOf: (peerId: string) => string): string {
  const sessions = peer.engine.sessions().map((s) => `${nameOf(s.peer)} ${s.phase} ${s.stats.bytesIn}/${s.stats.bytesOut} B`);
  const connections = peer.libp2p.getConnections().map((c) => `${nameOf(c.remotePeer.toString())} ${c.status} ${c.streams.length} streams`);
  const banned = peer.engine.reports().map((r) => `${nameOf(r.peer)} (${r.code})`);
  return `${name}: sessions [${sessions.join('; ')}] connections [${connections.join('; ')}]${banned.length > 0 ? ` reported [${banned.join('; ')}]` : ''}`;
}
