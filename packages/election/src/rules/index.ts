export {
  hardRuleIds,
  warningRuleIds,
  isHardRuleId,
  isWarningRuleId,
  isRuleId,
  isOverridableRule,
  unoverridableRuleIds,
  type RuleId,
  type HardRuleId,
  type WarningRuleId,
} from './rule-ids.js';
export type { Violation, RuleReport, LocalizedText } from './violation.js';
export type { Rule, RuleContext } from './rule.js';
export { rules, ruleById, ruleMessage } from './registry.js';
export { checkCHasil, checkCHasilParsed } from './check-c-hasil.js';
export { ballotsReceivedTolerance, ballotsReceivedBand } from './ballots-received-off.js';
