import { decodeCredential, toHex } from '@titip/identity';
import { withIsoTimes } from '@titip/log';
import type { SubmissionRecord } from '@titip/records';
import { ApiError } from '../../errors.js';
import type { ApiState } from '../api-state.js';
import { iso } from './format.js';
import { photoRefView } from './photo-ref-view.js';

/**
 * `GET /api/v1/tps/:code`: per election at the TPS, the current submission and every revision, each with its
 * numbers, photo references (each saying whether this server holds the photo, or how far its transfer is), overrides
 * and receipt chain (attestations + receipt), and the equivocations; `notCounted`: the submissions held but not counted
 * (their credential expired or revoked when first witnessed), each with its reason.
 * @throws {ApiError} 404 `TPS_NOT_FOUND` when nothing is held for the TPS.
 */
export function tpsView(state: ApiState, tps: string) {
  const elections = state.index.electionsAt(tps);
  if (elections.length === 0) throw new ApiError(404, 'TPS_NOT_FOUND', `no submission is held for TPS ${tps}`);
  return {
    tps,
    desa: tps.slice(0, 10),
    elections: elections.map((id) => {
      const result = state.index.result(tps, id)!;
      const equivocated = new Set(result.equivocations.flatMap((e) => e.ids));
      return {
        election: id,
        known: state.network.election(id) !== undefined,
        counted: result.current !== null && !result.contested, // a contested TPS is held out of the totals
        contested: result.contested,
        current: result.current === null ? null : submissionJson(state, result.current, false),
        equivocations: result.equivocations,
        history: result.history.map((s) => submissionJson(state, s, equivocated.has(s.id))),
        notCounted: state.index.uncountedOf(tps, id).map(({ record, standing }) => ({
          ...submissionJson(state, record, false),
          reason: standing.reason,
          detail: withIsoTimes(standing.message), // its times as ISO times
          firstWitnessed: iso(standing.witnessedAt),
        })),
      };
    }),
  };
}

function submissionJson(state: ApiState, s: SubmissionRecord, equivocated: boolean) {
  const receipts = state.index.receiptsOf(s.id).map((r) => ({ id: r.id, signer: r.signer, receivedAt: iso(r.receivedAt) }));
  const ours = receipts.find((r) => r.signer === state.serverKey) ?? receipts[0] ?? null;
  return {
    id: s.id,
    revision: s.body.revision,
    supersedes: s.body.supersedes,
    deviceTime: iso(s.body.deviceTime),
    operator: operatorOf(s),
    equivocated,
    numbers: s.body.form,
    photos: s.body.photos.map((ref) => photoRefView(state, ref)),
    overrides: s.body.overrides,
    attestations: state.index.attestationsOf(s.id).map((a) => ({ id: a.id, stage: a.stage, region: a.region, signer: a.signer, seenAt: iso(a.seenAt) })),
    receipt: ours,
    receipts,
    object: `/api/v1/objects/${s.id}`,
  };
}

function operatorOf(s: SubmissionRecord): { key: string; label?: string } {
  const leaf = decodeCredential(s.body.credentials[0]);
  const label = leaf.ok ? leaf.obj.body.label : undefined;
  return { key: toHex(s.signer), ...(label !== undefined ? { label } : {}) };
}
