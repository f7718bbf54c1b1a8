import type { ElectionDefinition } from '../election/election-definition.js';
import type { CHasil } from '../form/c-hasil.js';
import type { PartialCHasil } from '../form/partial-c-hasil.js';
import type { RuleId } from './rule-ids.js';
import type { LocalizedText } from './violation.js';

/** What a rule sees while it runs (built by {@link checkCHasil}). */
export interface RuleContext {
  /** The form being checked. */
  readonly form: CHasil | PartialCHasil;
  /** The election, when given. */
  readonly election: ElectionDefinition | undefined;
  /** The values at `paths`, or `undefined` (and the rule is marked unchecked) when any is missing. */
  need(paths: readonly string[]): number[] | undefined;
  /** Marks the rule unchecked (an input other than a form field is missing). */
  skip(): void;
  /** Reports one failing instance. */
  fail(failure: { fields: string[]; expected: number; actual: number; detail: LocalizedText }): void;
}

/** One consistency rule: identity, texts for UIs, and its check. */
export interface Rule {
  /** Stable id. */
  id: RuleId;
  /** Hard rule (`'error'`) or warning. */
  severity: 'error' | 'warning';
  /** What the rule demands, for UIs and the README. */
  title: LocalizedText;
  /** The rule as a formula (documentation). */
  formula: string;
  /** Runs the rule on `ctx.form`. */
  check(ctx: RuleContext): void;
}
