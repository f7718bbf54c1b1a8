import { nodeEd25519 } from '@titip/identity/node';
import { createSubmission, docIdOf, type SubmissionRecord } from '@titip/records';
import { makeTrust, testElection, testGovernorElection, validKwkForm, type TestTrust } from '@titip/testkit';

/** TPS per desa in the synthetic kabupaten. */
export const TPS_PER_DESA = 25;

/** A synthetic kabupaten for benchmarks: `tpsCount` TPS, 25 per desa, 20 desa per kecamatan, two elections each. */
export interface SyntheticResults {
  readonly trust: TestTrust;
  readonly submissions: SubmissionRecord[];
  /** Submissions grouped by the desa document they live in. */
  readonly byDoc: Map<string, { id: string; bytes: Uint8Array }[]>;
}

/** TPS code number `i` of the synthetic kabupaten 1906. */
export function syntheticTps(i: number): string {
  const desaIndex = Math.floor(i / TPS_PER_DESA);
  const kecamatan = 1 + Math.floor(desaIndex / 20);
  const desa = 2001 + (desaIndex % 20);
  return `1906${String(kecamatan).padStart(2, '0')}${desa}${String(1 + (i % TPS_PER_DESA)).padStart(3, '0')}`;
}

/**
 * The region scopes of a relay holding the TPS numbers from..to: whole kecamatan where it holds all their desa
 * (20 per kecamatan), desa codes otherwise (as a PPK relay serves its kecamatan).
 */
export function syntheticScopes(from: number, to: number): string[] {
  const scopes: string[] = [];
  const firstDesa = Math.floor(from / TPS_PER_DESA);
  const endDesa = Math.ceil(to / TPS_PER_DESA);
  for (let d = firstDesa; d < endDesa; ) {
    const kecamatanStart = d - (d % 20);
    if (d === kecamatanStart && d + 20 <= endDesa) {
      scopes.push(syntheticTps(d * TPS_PER_DESA).slice(0, 6));
      d += 20;
    } else {
      scopes.push(syntheticTps(d * TPS_PER_DESA).slice(0, 10));
      d += 1;
    }
  }
  return scopes;
}

/**
 * Signs `2 × tpsCount` submissions (one operator key per TPS, both Pilkada elections) with real credentials; with
 * `range`, only those of TPS numbers `from` ≤ i < `to` (the same label gives every process the same trust hierarchy).
 */
export async function syntheticResults(tpsCount: number, label = 'bench', range: { from: number; to: number } = { from: 0, to: tpsCount }): Promise<SyntheticResults> {
  const trust = await makeTrust(nodeEd25519, { label, elections: [testGovernorElection, testElection] });
  const submissions: SubmissionRecord[] = [];
  for (let i = Math.max(0, range.from); i < Math.min(tpsCount, range.to); i++) {
    const tps = syntheticTps(i);
    const operator = await trust.operator(tps);
    for (const election of [testGovernorElection, testElection]) {
      const [a, b] = election.paslon.map((p) => p.id) as [string, string];
      const votes = { [a]: 100 + (i % 97), [b]: 150 + (i % 89) };
      submissions.push(
        await createSubmission(
          { keyPair: operator.keyPair, credentials: operator.chain, tps, election: election.id, form: validKwkForm(votes), photos: [], revision: 1, supersedes: null },
          nodeEd25519,
          election,
        ),
      );
    }
  }
  const byDoc = new Map<string, { id: string; bytes: Uint8Array }[]>();
  for (const s of submissions) {
    const doc = docIdOf(s);
    const list = byDoc.get(doc) ?? [];
    list.push({ id: s.id, bytes: s.bytes });
    byDoc.set(doc, list);
  }
  return { trust, submissions, byDoc };
}

/** How a benchmark peer's documents were built (see {@link holdSynthetic}). */
export type DocumentShape = 'per-tps' | 'per-document';

/**
 * Stores `data` in a replica the way a relay's documents look in the field, `'per-tps'`: one Automerge change per
 * TPS (its two results, as they arrive from its operator's phone); or `'per-document'`: one change per desa
 * document (as a bundle import makes them). The shape matters to sync: Automerge sends a whole document instead of
 * its changes once they are more than a third of it, which documents of a single change always meet.
 */
export async function holdSynthetic(
  replica: { addLocal(docId: string, entries: readonly { id: string; bytes: Uint8Array }[], options?: { trusted?: boolean }): Promise<unknown> },
  data: Pick<SyntheticResults, 'byDoc'>,
  shape: DocumentShape = 'per-tps',
): Promise<void> {
  for (const [docId, entries] of data.byDoc) {
    if (shape === 'per-document') {
      await replica.addLocal(docId, entries, { trusted: true });
      continue;
    }
    // Submissions are signed TPS by TPS, both elections of one TPS next to each other.
    for (let i = 0; i < entries.length; i += 2) await replica.addLocal(docId, entries.slice(i, i + 2), { trusted: true });
  }
}
