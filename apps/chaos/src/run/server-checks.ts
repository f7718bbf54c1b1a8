/** The revisions one operator signed for one election, revision 1 first. */
export interface SignedResult {
  readonly tps: string;
  readonly election: string;
  /** Submission ids, by revision. */
  readonly ids: readonly string[];
}

/** What the server's API shows of the signed results, problem by problem (each entry names tps/election/id). */
export interface ServerFindings {
  /** Signed submissions the server does not show in the TPS's history. */
  readonly missing: string[];
  /** Held without a server receipt. */
  readonly unreceipted: string[];
  /** Held without both a PPS and a PPK attestation. */
  readonly unattested: string[];
  /** A current result other than the last revision signed. */
  readonly wrongCurrent: string[];
  /** Attestations beyond one per stage (a relay that signed again after a SIGKILL lost its first one). */
  readonly extraAttestations: number;
}

interface TpsJson {
  elections: {
    election: string;
    current: { id: string } | null;
    history: { id: string; receipt: unknown; attestations: { stage: string }[] }[];
  }[];
}

/** Asks the server's HTTP API (`/api/v1/tps/:code`) about every signed result. */
export async function checkServerResults(api: string, signed: readonly SignedResult[]): Promise<ServerFindings> {
  const findings = { missing: [] as string[], unreceipted: [] as string[], unattested: [] as string[], wrongCurrent: [] as string[], extraAttestations: 0 };
  const byTps = new Map<string, SignedResult[]>();
  for (const s of signed) byTps.set(s.tps, [...(byTps.get(s.tps) ?? []), s]);
  for (const [tps, results] of byTps) {
    const response = await fetch(`${api}/api/v1/tps/${tps}`);
    const body = response.ok ? ((await response.json()) as TpsJson) : { elections: [] };
    for (const result of results) {
      const view = body.elections.find((e) => e.election === result.election);
      const name = (id: string) => `${tps}/${result.election}/${id.slice(0, 12)}`;
      for (const id of result.ids) {
        const held = view?.history.find((h) => h.id === id);
        if (!held) {
          findings.missing.push(name(id));
          continue;
        }
        if (!held.receipt) findings.unreceipted.push(name(id));
        const stages = held.attestations.map((a) => a.stage);
        if (!stages.includes('pps') || !stages.includes('ppk')) findings.unattested.push(name(id));
        findings.extraAttestations += Math.max(0, stages.length - new Set(stages).size);
      }
      const last = result.ids.at(-1)!;
      if (view && view.current?.id !== last) findings.wrongCurrent.push(name(last));
    }
  }
  return findings;
}

/** The server's totals per kecamatan (`/api/v1/totals/:election/:kabupaten`): votes per paslon. */
export async function serverTotals(api: string, election: string, kabupaten: string): Promise<Record<string, Record<string, number>>> {
  const response = await fetch(`${api}/api/v1/totals/${election}/${kabupaten}`);
  if (!response.ok) return {};
  const body = (await response.json()) as { children: { region: string; paslon: Record<string, number> }[] };
  return Object.fromEntries(body.children.map((row) => [row.region, row.paslon]));
}

/** Submissions the server's status counts (`/api/v1/status`). */
export async function serverSubmissionCount(api: string): Promise<number> {
  const response = await fetch(`${api}/api/v1/status`);
  const body = (await response.json()) as { counts: { submissions: number } };
  return body.counts.submissions;
}
