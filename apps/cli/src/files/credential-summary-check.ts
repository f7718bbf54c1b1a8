import { readBoundedFile } from '@titip/config/node';
import type { CredentialChain } from '@titip/config';

/** One field of a credential file's readable summary that says something else than its signed chain. */
export interface SummaryMismatch {
  /** The summary field: `regions`, `elections`, `validFrom`, `validUntil` or `label`. */
  readonly field: string;
  /** What the summary says (as written). */
  readonly summary: unknown;
  /** What the signed leaf credential says (as the summary would write it). */
  readonly signed: unknown;
}

/**
 * The fields of a credential file's readable summary (`regions`, `elections`, `validFrom`, `validUntil`, `label`)
 * that disagree with the signed leaf credential `credential` read from the same file. `@titip/config` only demands
 * that `role` and `subject` agree; a summary edited by hand (or a chain swapped in) misleads whoever reads the file,
 * though verifiers only ever look at the chain. Empty when they agree or the file cannot be read again.
 */
export async function credentialSummaryMismatches(path: string, credential: CredentialChain): Promise<SummaryMismatch[]> {
  let summary: Record<string, unknown>;
  try {
    const json: unknown = JSON.parse((await readBoundedFile(path)).toString('utf8'));
    if (typeof json !== 'object' || json === null) return [];
    summary = json as Record<string, unknown>;
  } catch {
    return [];
  }
  const leaf = credential.leaf;
  const signed: Record<string, unknown> = {
    regions: [...leaf.regions],
    elections: [...leaf.elections],
    validFrom: new Date(leaf.validFrom).toISOString(),
    validUntil: new Date(leaf.validUntil).toISOString(),
    label: leaf.label,
  };
  const mismatches: SummaryMismatch[] = [];
  for (const [field, value] of Object.entries(signed)) {
    const said = summary[field];
    const same = field === 'validFrom' || field === 'validUntil' ? typeof said === 'string' && Date.parse(said) === Date.parse(value as string) : JSON.stringify(said) === JSON.stringify(value);
    if (!same) mismatches.push({ field, summary: said, signed: value });
  }
  return mismatches;
}

/** The warning to print for {@link credentialSummaryMismatches} (empty string when there are none). */
export function summaryMismatchWarning(path: string, mismatches: readonly SummaryMismatch[]): string {
  if (mismatches.length === 0) return '';
  const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));
  const fields = mismatches.map((m) => `${m.field}: the summary says ${show(m.summary)}, the signed chain ${show(m.signed)}`).join('; ');
  return `warning: ${path}: the readable summary does not match the signed credential (${fields}). The signed chain is what counts (verifiers check only it); ask the issuer for an unedited copy of this file.`;
}
