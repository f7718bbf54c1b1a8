import { MAX_CREDENTIAL_BYTES } from '@titip/identity';
import { z } from 'zod';

/** 64 lowercase hex digits: an object id or a photo hash. Internal (shared with the schema-free body check). */
export const HEX_SHA256_PATTERN = /^[0-9a-f]{64}$/;
/** The pattern of an election id. Internal (shared with the schema-free body check). */
export const ELECTION_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** An object id: lowercase hex SHA-256 of the object's envelope bytes. */
export const objectIdSchema = z.string().regex(HEX_SHA256_PATTERN, 'expected an object id (64 lowercase hex digits)');

/** An election id, as `@titip/election` defines them (e.g. `'pkwkk'`, `'ppwp'`). */
export const electionIdSchema = z.string().regex(ELECTION_ID_PATTERN, 'an election id is 1-64 lower-case letters, digits, _ or -');

/** A time in ms since 1970 (integer, not negative). */
export const timeMsSchema = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Most credential envelopes an embedded chain may list. Internal (shared with the schema-free body check). */
export const MAX_EMBEDDED_CHAIN = 8;

/**
 * An embedded credential chain, leaf first: 1–8 credential envelopes (each ≤ 16 KiB). Its validity, including
 * the real length limit of 3 (`chain-too-long`), is checked by the credential chain verification.
 */
export const credentialChainSchema = z
  .array(
    z
      .custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes')
      .refine((b) => b.length > 0 && b.length <= MAX_CREDENTIAL_BYTES, 'credential envelope size'),
  )
  .min(1)
  .max(MAX_EMBEDDED_CHAIN);
