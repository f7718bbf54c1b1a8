import type { ApiState } from '../api-state.js';
import { iso } from './format.js';

function photoTotalsView(state: ApiState) {
  const t = state.photos.totals();
  return {
    referenced: t.referenced,
    held: t.held,
    pending: t.pending,
    bytesTotal: t.bytesTotal,
    bytesDone: t.bytesDone,
    rateIn: Math.round(t.rateIn),
    rateOut: Math.round(t.rateOut),
    peers: t.peers.map((p) => ({ peer: p.peer, bytesIn: p.bytesIn, rateIn: Math.round(p.rateIn), connected: p.connected })),
  };
}

/** `GET /api/v1/status`: who this server is and how much it holds (records, receipts, photos). */
export function statusView(state: ApiState) {
  const counts = state.index.counts();
  const held = state.held();
  const receipts = state.receipts();
  return {
    role: 'server',
    network: state.network.name,
    peerId: state.peerId,
    addresses: state.addresses(),
    serverKey: state.serverKey,
    startedAt: iso(state.startedAt),
    uptimeSeconds: Math.max(0, Math.floor((state.now() - state.startedAt) / 1000)),
    sessions: state.sessions(),
    counts: {
      objects: held.objects,
      documents: held.documents,
      submissions: counts.submissions,
      receipts: counts.receipts,
      attestations: counts.attestations,
    },
    receipts: { issued: receipts.issued, pending: receipts.pending, refused: receipts.refused },
    photos: photoTotalsView(state),
    elections: state.network.elections.map((e) => {
      const coverage = state.index.coverage(e.id);
      return { id: e.id, tpsReporting: coverage.reporting, tpsCounted: coverage.counted, tpsContested: state.index.contestedCount(e.id) };
    }),
    misbehaviourReports: state.misbehaviourReports(),
  };
}
