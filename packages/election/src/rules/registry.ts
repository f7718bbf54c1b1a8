import { ballotBalance } from './ballot-balance.js';
import { ballotsReceivedOff } from './ballots-received-off.js';
import { ballotsUsedEqualVoters } from './ballots-used-equal-voters.js';
import { boxOverflow } from './box-overflow.js';
import { categorySum } from './category-sum.js';
import { disabilitasAboveVoters } from './disabilitas-above-voters.js';
import { dptAboveCap } from './dpt-above-cap.js';
import { dptTurnout } from './dpt-turnout.js';
import { genderTotal } from './gender-total.js';
import { paslonSet } from './paslon-set.js';
import type { Rule } from './rule.js';
import type { RuleId } from './rule-ids.js';
import { validVotesSum } from './valid-votes-sum.js';
import type { LocalizedText } from './violation.js';
import { votesAboveDpt } from './votes-above-dpt.js';
import { votesEqualBallotsUsed } from './votes-equal-ballots-used.js';
import { votesEqualVoters } from './votes-equal-voters.js';
import { votesTotal } from './votes-total.js';

/** Every rule in check order: the hard rules, then the warnings (same order as `hardRuleIds`, `warningRuleIds`). */
export const rules: readonly Rule[] = [
  genderTotal,
  categorySum,
  dptTurnout,
  ballotBalance,
  ballotsUsedEqualVoters,
  validVotesSum,
  votesTotal,
  votesEqualBallotsUsed,
  votesEqualVoters,
  paslonSet,
  boxOverflow,
  dptAboveCap,
  ballotsReceivedOff,
  disabilitasAboveVoters,
  votesAboveDpt,
];

/** The rule with id `id`. */
export function ruleById(id: RuleId): Rule {
  const rule = rules.find((r) => r.id === id);
  if (rule === undefined) throw new RangeError(`unknown rule id ${String(id)}`);
  return rule;
}

/** What rule `id` demands, in Bahasa Indonesia and English, for UIs (e.g. next to an override prompt). */
export function ruleMessage(id: RuleId): LocalizedText {
  const { title } = ruleById(id);
  return { id: title.id, en: title.en };
}
