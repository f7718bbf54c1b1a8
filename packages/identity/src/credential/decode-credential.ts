import { decodeSignedObject } from '../envelope/decode-signed-object.js';
import type { SignedObject } from '../envelope/signed-object.js';
import { MalformedObjectError } from '../errors.js';
import { CREDENTIAL_KIND, credentialBodySchema, type CredentialBody } from './credential-body.js';
import { failure, type VerificationFailure } from './verification-failure.js';

/** Default byte limit of one credential envelope. */
export const MAX_CREDENTIAL_BYTES = 16_384;

/** Result of {@link decodeCredential}. */
export type DecodedCredential =
  | { ok: true; obj: SignedObject<CredentialBody> }
  | { ok: false; failure: VerificationFailure };

/**
 * Decodes one credential envelope and checks its body against the schema (not its signature, not its chain).
 * The body is frozen, because verified bodies are shared through the {@link CredentialCache}.
 * Failures are `malformed`, with `detail.reason` (`too-large`, a CBOR reason, `envelope` or `schema`).
 */
export function decodeCredential(bytes: unknown, options: { maxBytes?: number; index?: number } = {}): DecodedCredential {
  const maxBytes = options.maxBytes ?? MAX_CREDENTIAL_BYTES;
  const index = options.index ?? 0;
  const bad = (reason: string, message: string): DecodedCredential => ({
    ok: false,
    failure: failure('malformed', `credential ${index}: ${message}`, { index, reason }),
  });
  if (!(bytes instanceof Uint8Array)) return bad('not-bytes', 'not bytes');
  if (bytes.length > maxBytes) return bad('too-large', `${bytes.length} bytes, limit ${maxBytes}`);
  let obj;
  try {
    obj = decodeSignedObject(bytes, { maxBytes, kind: CREDENTIAL_KIND });
  } catch (error) {
    if (!(error instanceof MalformedObjectError)) throw error;
    return bad(error.reason, error.message);
  }
  const parsed = credentialBodySchema.safeParse(obj.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return bad('schema', `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  Object.freeze(parsed.data.regions);
  Object.freeze(parsed.data.elections);
  return { ok: true, obj: { ...obj, body: Object.freeze(parsed.data) } };
}
