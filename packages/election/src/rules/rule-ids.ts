/**
 * Ids of the hard rules, in check order. The first eight are domain.md's rules 1–8; `votes-equal-voters`
 * (total suara = total pengguna, implied by rules 5 and 8) is checked only when `suratSuara.digunakan` is
 * missing, as in Sirekap data; `paslon-set` only when an election definition is given.
 */
export const hardRuleIds = [
  'gender-total',
  'category-sum',
  'dpt-turnout',
  'ballot-balance',
  'ballots-used-equal-voters',
  'valid-votes-sum',
  'votes-total',
  'votes-equal-ballots-used',
  'votes-equal-voters',
  'paslon-set',
] as const;

/**
 * Hard rules that no signed override lifts. Overrides exist for forms that are really wrong as written (a human error
 * at the TPS that the sheet shows, domain.md): counts. Which paslon stand in an election is a fact of the election,
 * not a count anyone at the TPS can get wrong: a vote for a paslon that does not stand, or a paslon left out, is
 * never signed, and a submission carrying such an override is refused by every peer.
 */
export const unoverridableRuleIds = ['paslon-set'] as const satisfies readonly HardRuleId[];

/** Ids of the warnings (never block signing), in check order. */
export const warningRuleIds = [
  'box-overflow',
  'dpt-above-cap',
  'ballots-received-off',
  'disabilitas-above-voters',
  'votes-above-dpt',
] as const;

/** A hard rule id. */
export type HardRuleId = (typeof hardRuleIds)[number];
/** A warning id. */
export type WarningRuleId = (typeof warningRuleIds)[number];
/** Any rule id; stable: stored in signed overrides. */
export type RuleId = HardRuleId | WarningRuleId;

/** True for a hard rule id. */
export function isHardRuleId(id: string): id is HardRuleId {
  return (hardRuleIds as readonly string[]).includes(id);
}

/** True for a hard rule a signed override may lift (every hard rule but {@link unoverridableRuleIds}). */
export function isOverridableRule(id: string): boolean {
  return isHardRuleId(id) && !(unoverridableRuleIds as readonly string[]).includes(id);
}

/** True for a warning id. */
export function isWarningRuleId(id: string): id is WarningRuleId {
  return (warningRuleIds as readonly string[]).includes(id);
}

/** True for any rule id. */
export function isRuleId(id: string): id is RuleId {
  return isHardRuleId(id) || isWarningRuleId(id);
}
