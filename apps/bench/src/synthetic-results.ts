import { nodeEd25519 } from '@titip/identity/node';
import { createSubmission, docIdOf, type SubmissionRecord } from '@titip/records';
import { makeTrust, testElection, testGovernorElection, validKwkForm, type TestTrust } from '@titip/testkit';

/** A synthetic kabupaten for benchmarks: `tpsCount` TPS, 25 per desa, 20 desa per kecamatan, two elections each. */
export interface SyntheticResults {
  readonly trust: TestTrust;
  readonly submissions: SubmissionRecord[];
  /** Submissions grouped by the desa document they live in. */
  readonly byDoc: Map<string, { id: string; bytes: Uint8Array }[]>;
}

/** TPS code number `i` of the synthetic kabupaten 1906. */
export function syntheticTps(i: number): string {
  const perDesa = 25;
  const desaIndex = Math.floor(i / perDesa);
  const kecamatan = 1 + Math.floor(desaIndex / 20);
  const desa = 2001 + (desaIndex % 20);
  return `1906${String(kecamatan).padStart(2, '0')}${desa}${String(1 + (i % perDesa)).padStart(3, '0')}`;
}

/** Signs `2 × tpsCount` submissions (one operator key per TPS, both Pilkada elections) with real credentials. */
export async function syntheticResults(tpsCount: number, label = 'bench'): Promise<SyntheticResults> {
  const trust = await makeTrust(nodeEd25519, { label, elections: [testGovernorElection, testElection] });
  const submissions: SubmissionRecord[] = [];
  for (let i = 0; i < tpsCount; i++) {
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
