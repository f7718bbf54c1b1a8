import { CREDENTIAL_ROLES, decodeCredential, fromBase64, toBase64, toHex, type CredentialBody } from '@titip/identity';
import { z } from 'zod';
import { ConfigFileError } from './errors.js';
import { parseJsonFile } from './parse-json-file.js';

/**
 * A credential file: the signed chain (leaf first, base64 envelopes) with a readable summary of the leaf.
 * `{ kind: 'titip-credential', v: 1, role, subject, regions, elections, validFrom, validUntil, label?, chain }`.
 * The chain is authoritative; the summary must agree with it.
 */
export const credentialFileSchema = z.strictObject({
  kind: z.literal('titip-credential'),
  v: z.literal(1),
  role: z.enum(CREDENTIAL_ROLES),
  subject: z.string().regex(/^[0-9a-f]{64}$/),
  regions: z.array(z.string()),
  elections: z.array(z.string()),
  validFrom: z.iso.datetime(),
  validUntil: z.iso.datetime(),
  label: z.string().optional(),
  chain: z.array(z.string().min(1)).min(1).max(3),
});

/** The parsed credential file. */
export type CredentialFile = z.infer<typeof credentialFileSchema>;

/** A credential chain ready to embed in records. */
export interface CredentialChain {
  /** Envelopes, leaf first. */
  readonly chain: Uint8Array[];
  /** The leaf credential's body. */
  readonly leaf: CredentialBody;
}

/** Parses a credential file and checks its summary against the decoded leaf. @throws {ConfigFileError} */
export function parseCredentialFile(text: string, file?: string): CredentialChain {
  const parsed = parseJsonFile(text, credentialFileSchema, 'titip-credential v1 file', file);
  let chain: Uint8Array[];
  try {
    chain = parsed.chain.map((b) => fromBase64(b));
  } catch (error) {
    throw new ConfigFileError('CONFIG_SHAPE', `credential chain is not base64: ${(error as Error).message}`, file, { cause: error });
  }
  const leaf = leafOf(chain, file);
  const summary = summarise(leaf);
  if (summary.role !== parsed.role || summary.subject !== parsed.subject) {
    throw new ConfigFileError('CONFIG_INCONSISTENT', 'the summary does not match the signed credential', file);
  }
  return { chain, leaf };
}

/** The text of a credential file for a chain (leaf first). */
export function serialiseCredentialFile(chain: readonly Uint8Array[]): string {
  const leaf = leafOf(chain);
  const file: CredentialFile = { kind: 'titip-credential', v: 1, ...summarise(leaf), chain: chain.map((c) => toBase64(c)) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function leafOf(chain: readonly Uint8Array[], file?: string): CredentialBody {
  for (let index = 0; index < chain.length; index++) {
    const decoded = decodeCredential(chain[index], { index });
    if (!decoded.ok) throw new ConfigFileError('CONFIG_SHAPE', `credential chain does not decode: ${decoded.failure.message}`, file);
  }
  const leaf = decodeCredential(chain[0]);
  if (!leaf.ok) throw new ConfigFileError('CONFIG_SHAPE', leaf.failure.message, file);
  return leaf.obj.body;
}

function summarise(leaf: CredentialBody) {
  return {
    role: leaf.role,
    subject: toHex(leaf.subject),
    regions: [...leaf.regions],
    elections: [...leaf.elections],
    validFrom: new Date(leaf.validFrom).toISOString(),
    validUntil: new Date(leaf.validUntil).toISOString(),
    ...(leaf.label !== undefined ? { label: leaf.label } : {}),
  };
}
