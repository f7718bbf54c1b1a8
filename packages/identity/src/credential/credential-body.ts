import { z } from 'zod';

/** What a credential lets its subject do. */
export const CREDENTIAL_ROLES = ['issuer', 'operator', 'relay', 'server'] as const;

/** `issuer` (a KPU office issuing operator/relay credentials), `operator` (signs TPS submissions),
 * `relay` (signs attestations), `server` (signs receipts). */
export type CredentialRole = (typeof CREDENTIAL_ROLES)[number];

/** Object kind of a credential envelope. */
export const CREDENTIAL_KIND = 'credential';

/** A Kemendagri region code without dots (2, 4, 6, 10 or 13 digits), or `''` for the whole nation. */
export const REGION_CODE_PATTERN = /^(?:\d{2}|\d{4}|\d{6}|\d{10}|\d{13})?$/;

const timeMs = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Zod schema of a credential body (strict: unknown fields are refused). */
export const credentialBodySchema = z
  .strictObject({
    role: z.enum(CREDENTIAL_ROLES),
    subject: z.instanceof(Uint8Array).refine((b) => b.length === 32, 'subject must be a 32-byte public key'),
    regions: z.array(z.string().regex(REGION_CODE_PATTERN, 'region code: 2/4/6/10/13 digits or empty')).min(1).max(1000),
    elections: z.array(z.string().min(1).max(64)).max(100),
    validFrom: timeMs,
    validUntil: timeMs,
    label: z.string().max(200).optional(),
  })
  .refine((b) => b.validFrom < b.validUntil, { message: 'validFrom must be before validUntil', path: ['validUntil'] });

/**
 * The body of a credential: the issuer vouches that `subject` may act as `role` for TPS codes within
 * `regions` and for `elections`, from `validFrom` (inclusive) until `validUntil` (exclusive), both ms since epoch.
 */
export interface CredentialBody {
  role: CredentialRole;
  /** 32-byte public key of the credential holder. */
  subject: Uint8Array;
  /** Region codes the holder may act in; `''` = the whole nation. */
  regions: string[];
  /** Election ids the holder may act in. */
  elections: string[];
  validFrom: number;
  validUntil: number;
  label?: string;
}
