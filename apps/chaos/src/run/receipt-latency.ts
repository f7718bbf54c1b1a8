import type { OperatorPhone } from '@titip/demo';
import type { Relay } from '@titip/relay';
import type { ChaosSchedule } from '../scenario/chaos-schedule.js';

/** The hops of one submission's round trip, in ms after the start of the chaos (null: not seen there). */
export interface ReceiptTrip {
  readonly tps: string;
  readonly submission: string;
  readonly latencyMs: number;
  readonly queuedAtMs: number;
  /** Stored by the PPS of its desa. */
  readonly atPpsMs: number | null;
  /** The server's `receivedAt` in its receipt (the server's clock: same machine). */
  readonly atServerMs: number | null;
  /** The receipt stored by the PPS, then by the operator. */
  readonly receiptAtPpsMs: number | null;
  readonly receiptAtOperatorMs: number;
  /** The scheduled events on its path while it travelled: its operator link, its PPS uplink, its PPK. */
  readonly during: string[];
}

/** Receipt latencies of the linked operators: percentiles and the slowest trip, hop by hop. */
export interface ReceiptLatencies {
  readonly count: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly maxMs: number | null;
  readonly slowest: ReceiptTrip | null;
}

/**
 * Measures, for each submission of a linked operator, the time from queued on the phone to its receipt stored
 * there, and explains the slowest one: when each hop saw it, and what the schedule did to its path meanwhile.
 */
export function receiptLatencies(
  phones: Iterable<OperatorPhone>,
  pps: ReadonlyMap<string, Relay>,
  queuedAt: ReadonlyMap<string, number>,
  schedule: ChaosSchedule,
  t0: number,
): ReceiptLatencies {
  const trips: { phone: OperatorPhone; id: string; latency: number; queued: number; received: number }[] = [];
  for (const phone of phones) {
    for (const [id, entry] of phone.ledger.submissions) {
      if (entry.record.body.tps !== phone.tps.tps) continue;
      const queued = queuedAt.get(id);
      const received = phone.ledger.receipts.get(id)?.[0]?.at;
      if (queued === undefined || received === undefined) continue;
      trips.push({ phone, id, latency: received - queued, queued, received });
    }
  }
  if (trips.length === 0) return { count: 0, p50Ms: null, p95Ms: null, maxMs: null, slowest: null };
  trips.sort((a, b) => a.latency - b.latency);
  const at = (q: number) => trips[Math.min(trips.length - 1, Math.floor(q * trips.length))]!.latency;
  const worst = trips.at(-1)!;
  const { tps, desa, kecamatan } = worst.phone.tps;
  const relay = pps.get(desa);
  const rel = (ms: number | undefined) => (ms === undefined ? null : ms - t0);
  const from = worst.queued - t0;
  const to = worst.received - t0;
  const overlaps = (a: number, b: number) => a <= to && b >= from;
  const during = [
    ...schedule.flaps
      .filter((f) => (f.link === `operator:${tps}` || f.link === `pps:${desa}`) && overlaps(f.downAtMs, f.upAtMs))
      .map((f) => `${f.link} down ${f.downAtMs}–${f.upAtMs}`),
    ...schedule.kills.filter((k) => k.relay === kecamatan && overlaps(k.killAtMs, k.restartAtMs)).map((k) => `ppk-${k.relay} dead ${k.killAtMs}–${k.restartAtMs}`),
  ];
  return {
    count: trips.length,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    maxMs: worst.latency,
    slowest: {
      tps,
      submission: worst.id,
      latencyMs: worst.latency,
      queuedAtMs: from,
      atPpsMs: rel(relay?.ledger.submissions.get(worst.id)?.at),
      atServerMs: rel(relay?.ledger.receipts.get(worst.id)?.[0]?.record.body.receivedAt),
      receiptAtPpsMs: rel(relay?.ledger.receipts.get(worst.id)?.[0]?.at),
      receiptAtOperatorMs: to,
      during,
    },
  };
}
