import type { ElectionDefinition } from '../election/election-definition.js';
import { electionDefinitionSchema } from '../election/election-definition.js';
import { ElectionMismatchError, InvalidCHasilError, InvalidElectionDefinitionError } from '../errors.js';
import type { CHasil } from '../form/c-hasil.js';
import { getField } from '../form/field-paths.js';
import { partialCHasilSchema, type PartialCHasil } from '../form/partial-c-hasil.js';
import { toValidationIssues } from '../validation-issues.js';
import { rules } from './registry.js';
import type { Rule, RuleContext } from './rule.js';
import type { RuleId } from './rule-ids.js';
import type { RuleReport, Violation } from './violation.js';

/**
 * Runs every hard rule and warning on a (possibly partial) C.Hasil. Pure and synchronous; missing inputs make
 * a rule `unchecked`, never a violation. With `election`, also checks the paslon set and the per-TPS cap.
 * Validates both inputs with their schemas first (see {@link checkCHasilParsed} for input already validated).
 * @throws {InvalidCHasilError} when `form` is not a valid (partial) C.Hasil.
 * @throws {InvalidElectionDefinitionError} when `election` is not a valid definition.
 * @throws {ElectionMismatchError} when the form type differs from the election's.
 */
export function checkCHasil(form: CHasil | PartialCHasil, election?: ElectionDefinition): RuleReport {
  const parsed = partialCHasilSchema.safeParse(form);
  if (!parsed.success) throw new InvalidCHasilError(toValidationIssues(parsed.error));
  let definition: ElectionDefinition | undefined;
  if (election !== undefined) {
    const def = electionDefinitionSchema.safeParse(election);
    if (!def.success) throw new InvalidElectionDefinitionError(toValidationIssues(def.error));
    definition = def.data;
  }
  return checkCHasilParsed(parsed.data, definition);
}

/**
 * {@link checkCHasil} without re-validating its inputs: for a form that already passed `cHasilSchema` or
 * `partialCHasilSchema` (e.g. the body of a decoded, schema-checked record) and a definition that passed
 * `electionDefinitionSchema`. Runs exactly the same rules and gives the same report; it only skips the two zod
 * parses, which cost most of the time of a check. On unvalidated input use {@link checkCHasil}: here only the
 * form type is checked (anything else is the caller's contract).
 * @throws {InvalidCHasilError} when `form` is not an object with form type `kwk` or `ppwp`.
 * @throws {ElectionMismatchError} when the form type differs from the election's.
 */
export function checkCHasilParsed(form: CHasil | PartialCHasil, election?: ElectionDefinition): RuleReport {
  const type: unknown = typeof form === 'object' && form !== null ? form.form : undefined;
  if (type !== 'kwk' && type !== 'ppwp') {
    throw new InvalidCHasilError([{ path: 'form', message: 'expected a form of type kwk or ppwp' }]);
  }
  if (election !== undefined && election.form !== type) throw new ElectionMismatchError(type, election.form, election.id);
  const violations: Violation[] = [];
  const warnings: Violation[] = [];
  const unchecked: RuleId[] = [];
  // One context for every rule (rules run one after another, synchronously): `rule` and `incomplete` follow.
  let rule: Rule = rules[0]!;
  let incomplete = false;
  const ctx: RuleContext = {
    form,
    election,
    need(paths) {
      const values: number[] = [];
      for (const path of paths) {
        const value = getField(form, path);
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
  for (const current of rules) {
    rule = current;
    incomplete = false;
    rule.check(ctx);
    if (incomplete) unchecked.push(rule.id);
  }
  return { violations, warnings, unchecked };
}
