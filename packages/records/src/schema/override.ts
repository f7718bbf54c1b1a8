import { z } from 'zod';

/** Longest override reason accepted. */
export const MAX_OVERRIDE_REASON = 500;

/** The pattern of an overridden rule id. Internal (shared with the schema-free body check). */
export const RULE_ID_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;

/**
 * A signed override of one failing hard rule: the operator states why the form is right as written
 * (e.g. "DPT L/P misprinted on the sheet, total checked against the list"). Visible to everyone downstream.
 * `rule` is any rule-id-shaped string, not only today's ids, so a verifier with an older rule set still
 * accepts overrides of rules it does not know (it does not evaluate those rules either).
 */
export const overrideSchema = z.strictObject({
  /** The hard rule id, e.g. `'gender-total'`. */
  rule: z.string().regex(RULE_ID_PATTERN, 'a rule id'),
  /** Why; not blank, at most 500 characters. */
  reason: z
    .string()
    .max(MAX_OVERRIDE_REASON)
    .refine((r) => r.trim().length > 0, 'an override needs a reason'),
});

/** One override of a failing hard rule. */
export type RuleOverride = z.infer<typeof overrideSchema>;
