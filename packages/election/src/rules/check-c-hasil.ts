import type { ElectionDefinition } from '../election/election-definition.js';
import { electionDefinitionSchema } from '../election/election-definition.js';
import { ElectionMismatchError, InvalidCHasilError, InvalidElectionDefinitionError } from '../errors.js';
import type { CHasil } from '../form/c-hasil.js';
import { getField } from '../form/field-paths.js';
import { partialCHasilSchema, type PartialCHasil } from '../form/partial-c-hasil.js';
import { toValidationIssues } from '../validation-issues.js';
import { rules } from './registry.js';
import type { RuleContext } from './rule.js';
import type { RuleId } from './rule-ids.js';
import type { RuleReport, Violation } from './violation.js';

/**
 * Runs every hard rule and warning on a (possibly partial) C.Hasil. Pure and synchronous; missing inputs make
 * a rule `unchecked`, never a violation. With `election`, also checks the paslon set and the per-TPS cap.
 * @throws {InvalidCHasilError} when `form` is not a valid (partial) C.Hasil.
 * @throws {InvalidElectionDefinitionError} when `election` is not a valid definition.
 * @throws {ElectionMismatchError} when the form type differs from the election's.
 */
export function checkCHasil(form: CHasil | PartialCHasil, election?: ElectionDefinition): RuleReport {
  const parsed = partialCHasilSchema.safeParse(form);
  if (!parsed.success) throw new InvalidCHasilError(toValidationIssues(parsed.error));
  if (election !== undefined) {
    const def = electionDefinitionSchema.safeParse(election);
    if (!def.success) throw new InvalidElectionDefinitionError(toValidationIssues(def.error));
    if (def.data.form !== parsed.data.form) throw new ElectionMismatchError(parsed.data.form, def.data.form, def.data.id);
  }
  const violations: Violation[] = [];
  const warnings: Violation[] = [];
  const unchecked: RuleId[] = [];
  for (const rule of rules) {
    let incomplete = false;
    const ctx: RuleContext = {
      form: parsed.data,
      election,
      need(paths) {
        const values: number[] = [];
        for (const path of paths) {
          const value = getField(parsed.data, path);
          if (value === undefined) {
            incomplete = true;
            return undefined;
          }
          values.push(value);
        }
        return values;
      },
      skip() {
        incomplete = true;
      },
      fail({ fields, expected, actual, detail }) {
        const target = rule.severity === 'error' ? violations : warnings;
        target.push({
          rule: rule.id,
          severity: rule.severity,
          fields,
          expected,
          actual,
          message: { id: `${detail.id}.`, en: `${detail.en}.` },
        });
      },
    };
    rule.check(ctx);
    if (incomplete) unchecked.push(rule.id);
  }
  return { violations, warnings, unchecked };
}
