import { z } from 'zod';
import { fromHex, toHex } from '../bytes/hex.js';
import { bytesEqual } from '../bytes/bytes-equal.js';
import type { Ed25519Provider } from '../crypto/ed25519-provider.js';
import { KeyError, KeyFileError } from '../errors.js';
import type { KeyPair } from './key-pair.js';

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');

/** Zod schema of the JSON key file: `{ kind: 'titip-key', v: 1, publicKey: hex, secretKey: hex, label? }`. */
export const keyFileSchema = z.strictObject({
  kind: z.literal('titip-key'),
  v: z.literal(1),
  publicKey: hex32,
  secretKey: hex32,
  label: z.string().max(200).optional(),
});

/** The parsed JSON key file. */
export type KeyFile = z.infer<typeof keyFileSchema>;

/**
 * Parses the text of a key file (JSON). Does not check that the keys match: use {@link keyPairFromKeyFile}.
 * @throws {KeyFileError} on invalid JSON or a shape that is not `titip-key` v1.
 */
export function parseKeyFile(text: string): KeyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new KeyFileError(`key file is not JSON: ${(error as Error).message}`);
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KeyFileError(`not a titip-key v1 file: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return parsed.data;
}

/** The JSON text of a key file for `keyPair` (pretty-printed, trailing newline). Keep it secret. */
export function serialiseKeyFile(keyPair: KeyPair, label?: string): string {
  const file: KeyFile = { kind: 'titip-key', v: 1, publicKey: toHex(keyPair.publicKey), secretKey: toHex(keyPair.secretKey) };
  if (label !== undefined) file.label = label;
  return `${JSON.stringify(keyFileSchema.parse(file), null, 2)}\n`;
}

/**
 * The key pair in a parsed key file, after checking that its public key belongs to its secret key.
 * @throws {KeyError} when they do not match.
 */
export async function keyPairFromKeyFile(file: KeyFile, provider: Ed25519Provider): Promise<KeyPair> {
  const secretKey = fromHex(file.secretKey, 32);
  const publicKey = fromHex(file.publicKey, 32);
  const derived = await provider.publicKeyOf(secretKey);
  if (!bytesEqual(derived, publicKey)) throw new KeyError('key file public key does not match its secret key');
  return { publicKey, secretKey };
}
