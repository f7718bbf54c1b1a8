import { signObject, type Ed25519Provider, type KeyPair } from '@titip/identity';
import { InvalidRecordInputError } from '../errors.js';
import type { RevocationRecord } from '../record/titip-record.js';
import { REVOCATION_KIND, revocationBodySchema, type RevocationBody } from '../schema/revocation-body.js';

/** Arguments of {@link createRevocation}. */
export interface CreateRevocationParams {
  /** The signer: the issuer that signed `revoked`, or the KPU root key. */
  keyPair: KeyPair;
  /** The signer's credential chain (leaf first); empty (the default) when the root key signs. */
  credentials?: Uint8Array[];
  /** The credential envelope revoked. */
  revoked: Uint8Array;
  /** Revoked from (ms). */
  from: number;
  /** Desa code (10 digits) of the document the revocation goes to; must overlap the revoked credential's regions. */
  region: string;
  /** Why, for the people reading the TPS view. */
  reason: string;
  /** Signer's clock (ms). @default Date.now() */
  issuedAt?: number;
}

/**
 * Signs a revocation of a credential. Whether the signer may revoke it (the issuer that signed it, or the root)
 * and whether the desa overlaps its regions is checked when the revocation is verified, as for every record.
 * @throws {InvalidRecordInputError} when the fields do not match the revocation schema.
 */
export async function createRevocation(params: CreateRevocationParams, provider: Ed25519Provider): Promise<RevocationRecord> {
  const body: RevocationBody = {
    revoked: params.revoked,
    from: params.from,
    region: params.region,
    reason: params.reason,
    issuedAt: params.issuedAt ?? Date.now(),
    credentials: params.credentials ?? [],
  };
  const parsed = revocationBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidRecordInputError(`invalid revocation: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  const obj = await signObject(REVOCATION_KIND, parsed.data, params.keyPair, provider);
  return { ...obj, kind: 'revocation', id: obj.hash };
}
