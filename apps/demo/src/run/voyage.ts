import type { Relay } from '@titip/relay';
import type { CarrierPhone, OperatorPhone } from './field.js';

/** What the carrier does, step by step, and when. */
export interface VoyageLog {
  readonly steps: { at: number; what: string }[];
}

/** Options of {@link sail}. */
export interface VoyageOptions {
  /** Time at sea between two stops. */
  readonly sailingMs: number;
  /** Longest wait at one stop. */
  readonly stopTimeoutMs: number;
  readonly log: (line: string) => void;
}

/**
 * The boat: visits each island TPS (the only link those phones ever get), collects what they signed, sails back and
 * meets their PPS laptops; waits there until the receipts have come back down from the KPU server; then sails out
 * again and hands every island operator its receipts.
 */
export async function sail(carrier: CarrierPhone, islands: readonly OperatorPhone[], ppsOf: (island: OperatorPhone) => Relay, options: VoyageOptions): Promise<VoyageLog> {
  const log: VoyageLog = { steps: [] };
  const step = (what: string) => {
    log.steps.push({ at: Date.now(), what });
    options.log(`  carrier: ${what}`);
  };
  const idsOf = (island: OperatorPhone) => ownSubmissions(island);
  // The page photos of an island's results, and whether a store holds them whole.
  const photosOf = (island: OperatorPhone) => idsOf(island).flatMap((id) => island.ledger.submissions.get(id)!.record.body.photos.map((p) => p.sha256));
  const holds = (blobs: { info(sha256: string): { complete: boolean } | undefined }, island: OperatorPhone) => photosOf(island).every((sha256) => blobs.info(sha256)?.complete === true);
  const meet = async (address: string, peerId: string, done: () => boolean, what: string) => {
    await sleep(options.sailingMs);
    // A boat may arrive before the phone answers (the field process is busy): try again, like a crew would.
    for (let attempt = 1; ; attempt++) {
      try {
        await carrier.node.peer.connect(address);
        break;
      } catch (error) {
        if (attempt >= 15) throw error;
        options.log(`  carrier: no answer (${what}, try ${attempt}): ${(error as Error).message.slice(0, 160)}`);
        await sleep(2000);
      }
    }
    await until(done, options.stopTimeoutMs, what);
    await carrier.node.peer.hangUp(peerId);
  };
  for (const island of islands) {
    await meet(island.node.peer.addresses[0]!, island.node.peer.peerId, () => idsOf(island).every((id) => carrier.ledger.submissions.has(id)) && holds(carrier.photos.blobs, island), `collect at ${island.tps.tps}`);
    step(`collected ${idsOf(island).length} signed results and then ${photosOf(island).length} page photos at island TPS ${island.tps.tps}: sailing on`);
  }
  for (const island of islands) {
    const pps = ppsOf(island);
    await meet(pps.node.peer.addresses[0]!, pps.node.peer.peerId, () => idsOf(island).every((id) => pps.ledger.submissions.has(id)) && holds(pps.photos.blobs, island), `deliver to PPS ${island.tps.desa}`);
    step(`handed the results and photos of TPS ${island.tps.tps} to PPS ${island.tps.desa}`);
  }
  // Wait ashore until every island result has its receipt back at its PPS, then collect the receipts.
  for (const island of islands) {
    const pps = ppsOf(island);
    await until(() => idsOf(island).every((id) => pps.ledger.receiptFor(id) !== undefined), options.stopTimeoutMs * 4, `receipts at PPS ${island.tps.desa}`);
    await meet(pps.node.peer.addresses[0]!, pps.node.peer.peerId, () => idsOf(island).every((id) => carrier.ledger.receiptFor(id) !== undefined), `receipts from PPS ${island.tps.desa}`);
    step(`picked up the KPU receipts for TPS ${island.tps.tps} at PPS ${island.tps.desa}`);
  }
  for (const island of islands) {
    await meet(island.node.peer.addresses[0]!, island.node.peer.peerId, () => idsOf(island).every((id) => island.ledger.receiptFor(id) !== undefined), `receipts to ${island.tps.tps}`);
    step(`delivered ${idsOf(island).length} receipts to island TPS ${island.tps.tps}`);
  }
  return log;
}

/** Ids of the results an operator phone signed itself (its desa document also carries its neighbours'). */
export function ownSubmissions(phone: OperatorPhone): string[] {
  return [...phone.ledger.submissions.values()].filter((e) => e.record.body.tps === phone.tps.tps).map((e) => e.record.id);
}

/** Waits for `condition` (polling every 25 ms) at most `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(25);
  }
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
