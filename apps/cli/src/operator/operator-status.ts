import { bytesEqual } from '@titip/identity';
import { resolveCurrentResult, type SubmissionRecord } from '@titip/records';
import type { Replica } from '@titip/sync';
import { heldRecords } from './held-records.js';
import type { ReceiptCheckOptions } from './receipt-for.js';
import { listSubmissions, type SubmissionStatus } from './submission-status.js';

/** One of the operator's own submissions, with where it stands. */
export interface OwnSubmissionStatus extends SubmissionStatus {
  /** Another, different submission claims the same revision of this TPS and election (an equivocation). */
  readonly equivocated: boolean;
  /** It is the current result of its TPS and election as `resolveCurrentResult` (and so the server) decides. */
  readonly current: boolean;
}

/** An equivocation in the operator's own results, with the warning to show. */
export interface EquivocationWarning {
  readonly tps: string;
  readonly election: string;
  readonly revision: number;
  /** The conflicting submissions, sorted. */
  readonly ids: readonly string[];
  /** All signed by one key: the same credential used twice (another device, a copied key file). */
  readonly sameSigner: boolean;
  /** No later single revision settles it: the server flags the result `contested` and does not count it. */
  readonly contested: boolean;
  /** The current result despite the equivocation (a later revision), or null. */
  readonly current: string | null;
  /** The warning, in Bahasa Indonesia and English. */
  readonly message: { readonly id: string; readonly en: string };
}

/** What `titip-operator status` reports: the operator's own results, and a count of the neighbours' carried. */
export interface OperatorStatus {
  /** The operator's TPS codes. */
  readonly tps: readonly string[];
  /** The submissions of those TPS, sorted by TPS, election, revision. */
  readonly submissions: OwnSubmissionStatus[];
  /** Equivocations among them, by TPS, election, revision. */
  readonly equivocations: EquivocationWarning[];
  /**
   * What the data dir also holds for other TPS (the neighbours of the same desa, carried to relay them): their
   * TPS codes, sorted, and how many submissions.
   */
  readonly neighbours: { readonly tps: string[]; readonly submissions: number };
}

const short = (id: string) => `${id.slice(0, 16)}…`;

/**
 * The status of an operator's own TPS in its replica: every submission of `ownTps` with its receipt, attestations and
 * whether it is current or equivocated (`resolveCurrentResult` of `@titip/records` per TPS and election, as the server
 * decides), a warning per equivocation, and how many results of other TPS the replica also carries.
 */
export async function operatorStatus(
  replica: Pick<Replica, 'doc' | 'docIds'>,
  ownTps: readonly string[],
  options: ReceiptCheckOptions = {},
): Promise<OperatorStatus> {
  const own = new Set(ownTps);
  const groups = new Map<string, SubmissionRecord[]>();
  for (const record of heldRecords(replica)) {
    if (record.kind !== 'submission' || !own.has(record.body.tps)) continue;
    const key = `${record.body.tps}/${record.body.election}`;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [record]);
    else list.push(record);
  }
  const equivocated = new Set<string>();
  const current = new Set<string>();
  const equivocations: EquivocationWarning[] = [];
  for (const submissions of groups.values()) {
    const result = resolveCurrentResult(submissions);
    if (result.current !== null) current.add(result.current.id);
    const next = Math.max(...result.history.map((s) => s.body.revision)) + 1;
    for (const { revision, ids } of result.equivocations) {
      for (const id of ids) equivocated.add(id);
      const signers = result.history.filter((s) => ids.includes(s.id)).map((s) => s.signer);
      const sameSigner = signers.every((k) => bytesEqual(k, signers[0]!));
      const contested = result.current === null || result.current.body.revision < revision;
      const { tps, election } = result.history[0]!.body;
      equivocations.push({
        tps,
        election,
        revision,
        ids,
        sameSigner,
        contested,
        current: contested ? null : result.current!.id,
        message: equivocationMessage({ tps, election, revision, ids, sameSigner, contested, next, current: contested ? null : result.current }),
      });
    }
  }
  const all = await listSubmissions(replica, options);
  const neighbours = all.filter((s) => !own.has(s.tps));
  return {
    tps: [...own].sort(),
    submissions: all.filter((s) => own.has(s.tps)).map((s) => ({ ...s, equivocated: equivocated.has(s.id), current: current.has(s.id) })),
    equivocations: equivocations.sort((a, b) => a.tps.localeCompare(b.tps) || a.election.localeCompare(b.election) || a.revision - b.revision),
    neighbours: { tps: [...new Set(neighbours.map((s) => s.tps))].sort(), submissions: neighbours.length },
  };
}

function equivocationMessage(e: {
  tps: string;
  election: string;
  revision: number;
  ids: readonly string[];
  sameSigner: boolean;
  contested: boolean;
  next: number;
  current: SubmissionRecord | null;
}): { id: string; en: string } {
  const ids = e.ids.map(short).join(', ');
  const idText = [
    `TPS ${e.tps} ${e.election}: ${e.ids.length} kiriman BERBEDA mengaku sebagai revisi ${e.revision} (${ids}), sebuah ekuivokasi`,
    e.sameSigner ? ', ditandatangani dengan kunci yang sama (apakah kunci ini dipakai di perangkat lain?).' : ', ditandatangani dengan kunci yang berbeda.',
    e.contested
      ? ` Server menandai hasil ini "contested" dan TIDAK menghitungnya. Periksa lembar C.Hasil, lalu tandatangani revisi ${e.next} dengan --supersedes <id kiriman yang benar>.`
      : ` Revisi ${e.current!.body.revision} (${short(e.current!.id)}) menggantikannya dan itulah yang dihitung.`,
  ].join('');
  const enText = [
    `TPS ${e.tps} ${e.election}: ${e.ids.length} DIFFERENT submissions claim revision ${e.revision} (${ids}), an equivocation`,
    e.sameSigner ? ', signed with the same key (is this key used on another device?).' : ', signed by different keys.',
    e.contested
      ? ` The server flags this result as contested and does NOT count it. Check the C.Hasil sheet, then sign revision ${e.next} with --supersedes <id of the right submission>.`
      : ` Revision ${e.current!.body.revision} (${short(e.current!.id)}) supersedes it and is the one counted.`,
  ].join('');
  return { id: idText, en: enText };
}
