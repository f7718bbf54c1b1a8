import type { RuleId } from './rule-ids.js';

/** A text in Bahasa Indonesia (`id`) and English (`en`). */
export interface LocalizedText {
  /** Bahasa Indonesia. */
  id: string;
  /** English. */
  en: string;
}

/** One failing instance of a rule (one row, one cell, one field). */
export interface Violation {
  /** Which rule. */
  rule: RuleId;
  /** `'error'` for hard rules (blocks signing without an override), `'warning'` otherwise. */
  severity: 'error' | 'warning';
  /** Dotted paths of the fields involved, the field found wrong first (e.g. `['pemilih.dpt.j', 'pemilih.dpt.l', 'pemilih.dpt.p']`). */
  fields: string[];
  /** The value the rule expects for the first field (for a bound, the bound). */
  expected: number;
  /** The value found. */
  actual: number;
  /** What is wrong in this instance, with the numbers; the rule's general text is `ruleMessage(rule)`. */
  message: LocalizedText;
}

/** The outcome of {@link checkCHasil}. */
export interface RuleReport {
  /** Hard-rule failures: signing needs an override for each rule listed here. */
  violations: Violation[];
  /** Warnings: shown, never blocking. */
  warnings: Violation[];
  /**
   * Rules with at least one instance that could not be evaluated because its inputs are missing (partial forms,
   * no election definition). Instances that could be evaluated are still reported.
   */
  unchecked: RuleId[];
}
