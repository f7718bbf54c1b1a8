import type { RuleId, RuleReport, Violation } from '../../src/index.js';

/** The violations and warnings of one rule, as `{fields, expected, actual}` (texts checked separately). */
export function findings(report: RuleReport, rule: RuleId): Array<Pick<Violation, 'fields' | 'expected' | 'actual'>> {
  return [...report.violations, ...report.warnings]
    .filter((v) => v.rule === rule)
    .map(({ fields, expected, actual }) => ({ fields, expected, actual }));
}

/** The distinct rule ids reported (hard and warnings), in report order. */
export function reportedRules(report: RuleReport): RuleId[] {
  return [...new Set([...report.violations, ...report.warnings].map((v) => v.rule))];
}
