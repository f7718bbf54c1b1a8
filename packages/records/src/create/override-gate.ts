import { unoverridableRuleIds, type RuleReport } from '@titip/election';
import type { RuleOverride } from '../schema/override.js';

/** Distinct ids of the hard rules that fail in `report`, in report order. */
export function failingHardRules(report: RuleReport): string[] {
  return [...new Set(report.violations.filter((v) => v.severity === 'error').map((v) => v.rule))];
}

/**
 * The failing hard rules of `report` that no override (with a non-blank reason) covers. An override of a rule no
 * override lifts (`unoverridableRuleIds` of `@titip/election`: `paslon-set`) covers nothing.
 */
export function unoverriddenRules(report: RuleReport, overrides: readonly RuleOverride[]): string[] {
  const unliftable: readonly string[] = unoverridableRuleIds;
  const covered = new Set(overrides.filter((o) => o.reason.trim().length > 0 && !unliftable.includes(o.rule)).map((o) => o.rule));
  return failingHardRules(report).filter((rule) => !covered.has(rule));
}
