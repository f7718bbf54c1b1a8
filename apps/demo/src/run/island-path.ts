import { toHex } from '@titip/identity';
import type { SubmissionRecord } from '@titip/records';
import type { Relay } from '@titip/relay';
import type { CarrierPhone, OperatorPhone } from './field.js';

/** One hop of an island result's journey. */
export interface Hop {
  /** Seconds since the demo started (null when that hop did not happen). */
  readonly atSeconds: number | null;
  readonly where: string;
  readonly what: string;
}

/** The journey of an island TPS's results up to the server and of the receipts back. */
export interface IslandPath {
  readonly tps: string;
  readonly desa: string;
  readonly submission: string;
  readonly hops: Hop[];
}

/**
 * Reconstructs, hop by hop, how an island TPS's result travelled: from the times each in-process peer stored it
 * (operator, carrier, PPS), the PPK's signed attestation (`seenAt`) and the server's signed receipt (`receivedAt`),
 * and back down again for the receipt.
 */
export function islandPath(island: OperatorPhone, submissions: SubmissionRecord[], signedAt: number, carrier: CarrierPhone, pps: Relay, started: number): IslandPath {
  const submission = submissions.find((s) => s.body.election === 'pkwkk') ?? submissions[0]!;
  const id = submission.id;
  const at = (ms: number | undefined) => (ms === undefined ? null : Math.round((ms - started) / 100) / 10);
  const attestations = pps.ledger.attestations.get(id) ?? [];
  const ppk = attestations.find((a) => a.record.body.stage === 'ppk');
  const ppsAttestation = attestations.find((a) => a.record.body.stage === 'pps');
  const receipt = pps.ledger.receipts.get(id)?.[0];
  return {
    tps: island.tps.tps,
    desa: island.tps.desa,
    submission: id,
    hops: [
      { atSeconds: at(signedAt), where: `operator phone, TPS ${island.tps.tps}`, what: 'signed (Bupati form), queued with no link' },
      { atSeconds: at(carrier.ledger.submissions.get(id)?.at), where: 'carrier phone, at sea', what: 'result collected from the island (its photos follow)' },
      { atSeconds: at(pps.ledger.submissions.get(id)?.at), where: `PPS ${island.tps.desa}`, what: 'received from the carrier' },
      { atSeconds: at(ppsAttestation?.record.body.seenAt), where: `PPS ${island.tps.desa}`, what: 'signed attestation (pps)' },
      { atSeconds: at(ppk?.record.body.seenAt), where: `PPK ${ppk?.record.body.region ?? island.tps.kecamatan}`, what: `signed attestation (ppk) ${ppk ? toHex(ppk.record.signer).slice(0, 8) : ''}`.trim() },
      { atSeconds: at(receipt?.record.body.receivedAt), where: 'KPU server', what: 'verified, stored, signed receipt' },
      { atSeconds: at(receipt?.at), where: `PPS ${island.tps.desa}`, what: 'receipt back down' },
      { atSeconds: at(carrier.ledger.receipts.get(id)?.[0]?.at), where: 'carrier phone', what: 'receipt picked up' },
      { atSeconds: at(island.ledger.receipts.get(id)?.[0]?.at), where: `operator phone, TPS ${island.tps.tps}`, what: 'receipt delivered: the operator knows it arrived' },
    ],
  };
}
