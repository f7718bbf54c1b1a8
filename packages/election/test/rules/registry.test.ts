import { describe, expect, it } from 'vitest';
import { hardRuleIds, isHardRuleId, isOverridableRule, isRuleId, isWarningRuleId, ruleById, ruleMessage, rules, unoverridableRuleIds, warningRuleIds } from '../../src/index.js';

describe('rule registry', () => {
  it('holds every hard rule then every warning, in id order', () => {
    expect(rules.map((r) => r.id)).toEqual([...hardRuleIds, ...warningRuleIds]);
    expect(rules.filter((r) => r.severity === 'error').map((r) => r.id)).toEqual([...hardRuleIds]);
  });

  it('has the 8 domain rules first, with stable ids', () => {
    expect(hardRuleIds.slice(0, 8)).toEqual([
      'gender-total',
      'category-sum',
      'dpt-turnout',
      'ballot-balance',
      'ballots-used-equal-voters',
      'valid-votes-sum',
      'votes-total',
      'votes-equal-ballots-used',
    ]);
    expect(warningRuleIds).toEqual(['box-overflow', 'dpt-above-cap', 'ballots-received-off', 'disabilitas-above-voters', 'votes-above-dpt']);
  });

  it('gives distinct Indonesian and English texts for every rule', () => {
    const ids = new Set<string>();
    for (const id of [...hardRuleIds, ...warningRuleIds]) {
      const text = ruleMessage(id);
      expect(text.id.length).toBeGreaterThan(10);
      expect(text.en.length).toBeGreaterThan(10);
      expect(text.id).not.toBe(text.en);
      ids.add(text.id);
      expect(ruleById(id).formula.length).toBeGreaterThan(5);
    }
    expect(ids.size).toBe(hardRuleIds.length + warningRuleIds.length);
    expect(() => ruleById('nope' as never)).toThrow(RangeError);
  });

  it('guards ids', () => {
    expect(isHardRuleId('gender-total')).toBe(true);
    expect(isWarningRuleId('gender-total')).toBe(false);
    expect(isWarningRuleId('box-overflow')).toBe(true);
    expect(isRuleId('nope')).toBe(false);
  });

  it('lets overrides lift every hard rule but paslon-set (which paslon stand is a fact of the election)', () => {
    expect(unoverridableRuleIds).toEqual(['paslon-set']);
    expect(hardRuleIds.filter((id) => !isOverridableRule(id))).toEqual(['paslon-set']);
    expect(isOverridableRule('gender-total')).toBe(true);
    expect(isOverridableRule('box-overflow')).toBe(false); // a warning: nothing to lift
    expect(isOverridableRule('no-such-rule')).toBe(false);
  });
});
