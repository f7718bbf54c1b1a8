import { bytesEqual } from '../bytes/bytes-equal.js';
import type { Ed25519Provider } from '../crypto/ed25519-provider.js';
import { verifySignature } from '../envelope/verify-signature.js';
import { VerificationError } from '../errors.js';
import { hashHex } from '../hash/sha256.js';
import { keyId } from '../keys/key-id.js';
import type { CredentialBody, CredentialRole } from './credential-body.js';
import type { CredentialCache, VerifiedCredential } from './credential-cache.js';
import { chainWindowFailure } from './chain-window.js';
import { decodeCredential, MAX_CREDENTIAL_BYTES } from './decode-credential.js';
import { regionWithinAny } from './region-scope.js';
import { failure, type VerificationFailure } from './verification-failure.js';

/** Longest chain accepted (leaf first). Today's longest valid chain is 2: operator/relay → issuer → root. */
export const MAX_CHAIN_LENGTH = 3;

/** Options of {@link verifyCredentialChain}. */
export interface VerifyCredentialChainOptions {
  /** The KPU root public key (32 bytes): the trust anchor. */
  root: Uint8Array;
  provider: Ed25519Provider;
  /** Time (ms) at which every credential of the chain must be valid. The window check is skipped when absent. */
  at?: number;
  /** Tolerance (ms) added on both sides of each validity window for the `at` check. @default 0 */
  skewMs?: number;
  /** Cache of verified credential envelopes: repeated chains skip decoding and signature checks. */
  cache?: CredentialCache;
  /** When given, the role (or one of the roles) the leaf must have. */
  role?: CredentialRole | readonly CredentialRole[];
  /** Byte limit of each credential envelope. @default 16384 */
  maxBytes?: number;
}

/** Result of {@link verifyCredentialChain}. */
export type CredentialChainResult =
  | {
      ok: true;
      leaf: CredentialBody;
      chain: CredentialBody[];
      hashes: string[];
      /** The key that signed each credential of the chain (the last one: the root). */
      signers: Uint8Array[];
    }
  | { ok: false; failure: VerificationFailure };

const ROOT_SIGNED: readonly CredentialRole[] = ['issuer', 'server'];

async function open(
  bytes: unknown,
  index: number,
  options: VerifyCredentialChainOptions,
): Promise<{ ok: true; cred: VerifiedCredential; hash: string } | { ok: false; failure: VerificationFailure }> {
  const maxBytes = options.maxBytes ?? MAX_CREDENTIAL_BYTES;
  if (options.cache !== undefined && bytes instanceof Uint8Array && bytes.length <= maxBytes) {
    const hash = hashHex(bytes);
    const cached = options.cache.get(hash);
    if (cached !== undefined) return { ok: true, cred: cached, hash };
  }
  const decoded = decodeCredential(bytes, { maxBytes, index });
  if (!decoded.ok) return decoded;
  const { obj } = decoded;
  if (!(await verifySignature(obj, options.provider))) {
    return { ok: false, failure: failure('bad-signature', `credential ${index} has an invalid signature`, { index, hash: obj.hash }) };
  }
  const cred: VerifiedCredential = { body: obj.body, signer: obj.signer };
  options.cache?.set(obj.hash, cred);
  return { ok: true, cred, hash: obj.hash };
}

function checkLink(child: CredentialBody, parent: CredentialBody, index: number): VerificationFailure | null {
  for (const region of child.regions) {
    if (!regionWithinAny(region, parent.regions)) {
      return failure('outside-region', `credential ${index} region ${JSON.stringify(region)} is outside its issuer's regions`, {
        index,
        region,
        issuerRegions: parent.regions,
      });
    }
  }
  for (const election of child.elections) {
    if (!parent.elections.includes(election)) {
      return failure('election-not-allowed', `credential ${index} election ${election} is not allowed by its issuer`, { index, election });
    }
  }
  if (child.validFrom < parent.validFrom || child.validUntil > parent.validUntil) {
    return failure('window-outside-issuer', `credential ${index} validity window is not inside its issuer's`, { index });
  }
  return null;
}

function checkStructure(creds: VerifiedCredential[], root: Uint8Array): VerificationFailure | null {
  for (let i = 0; i < creds.length; i++) {
    const { body, signer } = creds[i]!;
    const last = i === creds.length - 1;
    if (ROOT_SIGNED.includes(body.role)) {
      if (!bytesEqual(signer, root)) {
        return failure('unknown-root', `${body.role} credential ${i} is not signed by the root key`, { index: i, signer: keyId(signer) });
      }
      if (!last) return failure('chain-broken', `credential ${i} is root-signed but the chain goes on`, { index: i });
      continue;
    }
    if (last) {
      return failure('chain-broken', `${body.role} credential ${i} needs the issuer credential of its signer after it`, { index: i });
    }
    const parent = creds[i + 1]!.body;
    if (parent.role !== 'issuer') {
      return failure('wrong-role', `credential ${i + 1} signs ${withArticle(body.role)} credential but is ${withArticle(parent.role)}, not an issuer`, {
        index: i + 1,
        role: parent.role,
      });
    }
    if (!bytesEqual(signer, parent.subject)) {
      return failure('chain-broken', `credential ${i} is not signed by the subject of credential ${i + 1}`, { index: i });
    }
    const link = checkLink(body, parent, i);
    if (link !== null) return link;
  }
  return null;
}

/**
 * Verifies a credential chain (leaf first, each element a credential envelope) against the root key:
 * every signature; issuer and server credentials signed by the root; operator and relay credentials signed
 * by the subject of the issuer credential that follows them; each leaf's regions within its issuer's,
 * elections a subset, window inside the issuer's; length ≤ {@link MAX_CHAIN_LENGTH}; optionally the leaf's
 * role and validity at `at`. Never throws on bad input: failures come back as `{ ok: false, failure }`.
 */
export async function verifyCredentialChain(
  chain: readonly Uint8Array[],
  options: VerifyCredentialChainOptions,
): Promise<CredentialChainResult> {
  if (!Array.isArray(chain) || chain.length === 0) return { ok: false, failure: failure('malformed', 'credential chain is empty') };
  if (chain.length > MAX_CHAIN_LENGTH) {
    return { ok: false, failure: failure('chain-too-long', `credential chain has ${chain.length} elements, limit ${MAX_CHAIN_LENGTH}`) };
  }
  const creds: VerifiedCredential[] = [];
  const hashes: string[] = [];
  for (let i = 0; i < chain.length; i++) {
    const opened = await open(chain[i], i, options);
    if (!opened.ok) return opened;
    creds.push(opened.cred);
    hashes.push(opened.hash);
  }
  const structural = checkStructure(creds, options.root);
  if (structural !== null) return { ok: false, failure: structural };
  const leaf = creds[0]!.body;
  if (options.role !== undefined) {
    const roles: readonly CredentialRole[] = typeof options.role === 'string' ? [options.role] : options.role;
    if (!roles.includes(leaf.role)) {
      return { ok: false, failure: failure('wrong-role', `leaf credential is ${withArticle(leaf.role)}, expected ${roles.join(' or ')}`, { role: leaf.role }) };
    }
  }
  if (options.at !== undefined) {
    const timing = chainWindowFailure(creds.map((c) => c.body), options.at, options.skewMs ?? 0);
    if (timing !== null) return { ok: false, failure: timing };
  }
  return { ok: true, leaf, chain: creds.map((c) => c.body), hashes, signers: creds.map((c) => c.signer) };
}

/**
 * Throw-style {@link verifyCredentialChain}: the verified leaf and chain, or a {@link VerificationError}.
 * @throws {VerificationError}
 */
export async function assertCredentialChain(
  chain: readonly Uint8Array[],
  options: VerifyCredentialChainOptions,
): Promise<{ leaf: CredentialBody; chain: CredentialBody[]; hashes: string[] }> {
  const result = await verifyCredentialChain(chain, options);
  if (!result.ok) throw new VerificationError(result.failure);
  return { leaf: result.leaf, chain: result.chain, hashes: result.hashes };
}

/** `an operator`, `an issuer`, `a relay`: the role with its English article, for the messages. */
function withArticle(role: string): string {
  return `${/^[aeiou]/i.test(role) ? 'an' : 'a'} ${role}`;
}
