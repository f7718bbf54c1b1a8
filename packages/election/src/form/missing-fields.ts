import type { ElectionDefinition } from '../election/election-definition.js';
import type { CHasil } from './c-hasil.js';
import { fieldPaths, getField } from './field-paths.js';
import type { PartialCHasil } from './partial-c-hasil.js';

/**
 * What a possibly incomplete form lacks, as the shortest dotted paths that are wholly missing: a whole section
 * (`'suratSuara'`), a whole row (`'pemilih.dptb'`) or single cells (`'pengguna.dpt.l'`). Votes: without an
 * election, `'suara.paslon'` when there are none; with one, each missing `'suara.paslon.<id>'`
 * (or `'suara.paslon'` when all are missing). `[]` for a complete form.
 */
export function missingFields(form: CHasil | PartialCHasil, election?: ElectionDefinition): string[] {
  const present = Object.keys(form.suara?.paslon ?? {});
  const ids = election !== undefined ? election.paslon.map((p) => p.id) : present.length > 0 ? present : ['?'];
  const leaves = fieldPaths(form.form, ids).filter((path) => getField(form, path) === undefined);
  return collapse(leaves, fieldPaths(form.form, ids));
}

/** Replaces every group of missing leaves that covers a whole subtree by the subtree's path. */
function collapse(missing: string[], all: string[]): string[] {
  const missingSet = new Set(missing);
  const out: string[] = [];
  const covered = new Set<string>();
  for (const leaf of missing) {
    if (covered.has(leaf)) continue;
    const parts = leaf.split('.');
    let chosen = leaf;
    for (let depth = 1; depth < parts.length; depth++) {
      const prefix = parts.slice(0, depth).join('.');
      const under = all.filter((p) => p.startsWith(`${prefix}.`));
      if (under.every((p) => missingSet.has(p))) {
        chosen = prefix;
        for (const p of under) covered.add(p);
        break;
      }
    }
    covered.add(leaf);
    out.push(chosen);
  }
  return out;
}
