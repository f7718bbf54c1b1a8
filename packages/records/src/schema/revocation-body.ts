import { MAX_CREDENTIAL_BYTES } from '@titip/identity';
import { z } from 'zod';
import { MAX_EMBEDDED_CHAIN, timeMsSchema } from './common.js';

/** Object kind of a revocation. */
export const REVOCATION_KIND = 'revocation';

/** Longest reason a revocation may give. */
export const MAX_REVOCATION_REASON = 200;

const envelope = z
  .custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes')
  .refine((b) => b.length > 0 && b.length <= MAX_CREDENTIAL_BYTES, 'credential envelope size');

/** The region codes a revocation may be filed under: provinsi, kabupaten, kecamatan or desa (2, 4, 6, 10 digits). */
export const REVOCATION_REGION_PATTERN = /^(?:\d{2}|\d{4}|\d{6}|\d{10})$/;

/**
 * Body of a revocation: the signer withdraws the credential `revoked` (the credential envelope itself, so any
 * peer can check who issued it without another lookup) from time `from` on. Signed by the issuer that signed
 * `revoked` (with the issuer's chain in `credentials`) or by the KPU root key (`credentials` empty). It lives in
 * the document of region `region` (a provinsi, kabupaten, kecamatan or desa code), which must overlap the revoked
 * credential's regions. Every peer holds the documents of the ancestors of the regions it serves, so a
 * revocation filed in the desa of an operator's TPS reaches every replica holding that TPS's results, and one
 * filed in an issuer's kabupaten reaches every replica of that kabupaten.
 */
export const revocationBodySchema = z.strictObject({
  /** The credential envelope revoked: its subject is the revoked key, its signer the issuer. */
  revoked: envelope,
  /** From this time (ms) on, what the revoked key signs and is first witnessed is not counted. */
  from: timeMsSchema,
  /** Region code (2, 4, 6 or 10 digits): the document the revocation lives in. */
  region: z.string().regex(REVOCATION_REGION_PATTERN, 'a provinsi, kabupaten, kecamatan or desa code (2, 4, 6 or 10 digits)'),
  /** Why (stolen phone, key rotation, …), for people reading the TPS view. */
  reason: z.string().min(1).max(MAX_REVOCATION_REASON),
  /** Signer's clock when signing (ms); informational. */
  issuedAt: timeMsSchema,
  /** The signer's credential chain, leaf first (an issuer credential); empty when the root key signs. */
  credentials: z.array(envelope).max(MAX_EMBEDDED_CHAIN),
});

/** A revocation body. */
export type RevocationBody = z.infer<typeof revocationBodySchema>;
