import { isRegionCode, parseRegionCode } from '@titip/election';
import { electionIdSchema, MAX_REVISION, objectIdSchema, overrideSchema, photoRefSchema, type PhotoRef, type RuleOverride } from '@titip/records';
import { z } from 'zod';
import { isIsoDateTimeWithZone } from '../issuer/time-input.js';

/** A file path. */
export const filePathArg = z.string().min(1, 'expected a file path');

/** A comma-separated list of region codes; `""` alone is the nation. */
export const regionListArg = z
  .string()
  .transform((s) => s.split(',').map((r) => r.trim()))
  .superRefine((regions, ctx) => {
    for (const region of regions) {
      if (region !== '' && !isRegionCode(region)) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(region)} is not a Kemendagri region code (2, 4, 6, 10 or 13 digits, e.g. 1906 or 1906012001001)` });
    }
    if (regions.includes('') && regions.length > 1) ctx.addIssue({ code: 'custom', message: "'' (the nation) covers everything: give it alone" });
  });

/** A comma-separated list of TPS codes. */
export const tpsListArg = z
  .string()
  .transform((s) => s.split(',').map((r) => r.trim()))
  .superRefine((codes, ctx) => {
    for (const code of codes) {
      if (!isRegionCode(code) || parseRegionCode(code).level !== 'tps') ctx.addIssue({ code: 'custom', message: `${JSON.stringify(code)} is not a TPS code (13 digits, e.g. 1906012001001)` });
    }
  });

/** One TPS code. */
export const tpsArg = z.string().refine((code) => isRegionCode(code) && parseRegionCode(code).level === 'tps', 'expected a TPS code (13 digits, e.g. 1906012001001)');

/** One election id. */
export const electionArg = z.string().refine((id) => electionIdSchema.safeParse(id).success, 'expected an election id such as pkwkk');

/** A comma-separated list of election ids. */
export const electionListArg = z
  .string()
  .transform((s) => s.split(',').map((e) => e.trim()))
  .superRefine((ids, ctx) => {
    for (const id of ids) if (!electionIdSchema.safeParse(id).success) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(id)} is not an election id (e.g. pkwkk, pkwkp)` });
  });

/** An ISO 8601 date-time with a zone, as ms since 1970. */
export const isoTimeArg = z
  .string()
  .refine(isIsoDateTimeWithZone, 'expected an ISO 8601 date-time with a zone, e.g. 2024-11-27T00:00:00+07:00 (a bare date is ambiguous across WIB/WITA/WIT)')
  .transform((s) => Date.parse(s));

/** A duration: `500ms`, `120s`, `2m`, `1h`, or plain seconds. Resolves to ms. */
export const durationArg = z
  .string()
  .regex(/^\d{1,9}(ms|s|m|h)?$/, 'expected a duration such as 120s, 2m or 500ms')
  .transform((s) => {
    const [, n, unit] = /^(\d+)(ms|s|m|h)?$/.exec(s)!;
    return Number(n) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(unit ?? 's') as 'ms' | 's' | 'm' | 'h'];
  })
  .refine((ms) => ms > 0 && ms <= 7 * 24 * 3_600_000, 'a duration between 1 ms and 7 days');

/** A 32-byte public key in hex. */
export const publicKeyHexArg = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits (an Ed25519 public key)');

/** A revision number (1, 2, …). */
export const revisionArg = z
  .string()
  .regex(/^[1-9]\d{0,4}$/, 'expected a revision number 1, 2, 3, …')
  .transform(Number)
  .refine((n) => n <= MAX_REVISION, `at most ${MAX_REVISION}`);

/** An object id (64 hex digits). */
export const objectIdArg = objectIdSchema;

/** `RULE=REASON` overrides, e.g. `gender-total=DPT L/P misprinted on the sheet`. */
export const overridesArg = z
  .array(z.string())
  .transform((values, ctx): RuleOverride[] =>
    values.map((value) => {
      const eq = value.indexOf('=');
      const parsed = overrideSchema.safeParse(eq < 0 ? { rule: value, reason: '' } : { rule: value.slice(0, eq).trim(), reason: value.slice(eq + 1) });
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)}: expected RULE=REASON with a rule id and a reason (${parsed.error.issues[0]?.message ?? ''})` });
        return z.NEVER;
      }
      return parsed.data;
    }),
  );

/** `SHA256:PAGE:SIZE:TYPE` photo references, e.g. `3b…9f:1:245760:image/jpeg`. */
export const photosArg = z
  .array(z.string())
  .transform((values, ctx): PhotoRef[] =>
    values.map((value) => {
      const [sha256, page, size, type, ...more] = value.split(':');
      const parsed = photoRefSchema.safeParse({ sha256, page: Number(page), size: Number(size), type });
      if (more.length > 0 || !parsed.success) {
        const why = parsed.success ? 'too many parts' : `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`;
        ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value.slice(0, 120))}: expected SHA256:PAGE:SIZE:TYPE, e.g. <64 hex>:1:245760:image/jpeg (${why})` });
        return z.NEVER;
      }
      return parsed.data;
    }),
  );

/** A libp2p multiaddr with the peer id. */
export const multiaddrArg = z
  .string()
  .regex(/^\/.+\/p2p\/[1-9A-HJ-NP-Za-km-z]{40,60}$/, 'expected a multiaddr ending in the peer id, e.g. /ip4/10.0.0.5/tcp/4001/p2p/12D3KooW…');
