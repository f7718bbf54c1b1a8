import { issueCredential, keyPairFromSeed, sha256, type KeyPair } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { createAttestation, createRevocation, createSubmission, type SubmissionRecord } from '@titip/records';
import { makeTrust, validKwkForm, type Identity, type TestTrust } from '@titip/testkit';

export const TPS = '1906012001001';
export const OTHER_TPS = '1906012001002';
export const DESA = '1906012001';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The trust of the credentials-over-time tests, around a fixed election day `now`. */
export class TimedTrust {
  #counter = 0;
  private constructor(readonly trust: TestTrust, readonly now: number) {}

  static async create(now = Date.now()): Promise<TimedTrust> {
    return new TimedTrust(await makeTrust(nodeEd25519, { now }), now);
  }

  /** An operator of `tps` valid in [from, until). */
  async operator(tps: string, from: number, until: number, name = `op-${this.#counter++}`): Promise<Identity> {
    const keyPair = await key(name);
    const credential = await issueCredential(this.trust.issuer.keyPair, { role: 'operator', subject: keyPair.publicKey, regions: [tps], elections: ['pkwkk'], validFrom: from, validUntil: until }, nodeEd25519);
    return { keyPair, chain: [credential.bytes, ...this.trust.issuer.chain] };
  }

  /** A PPS relay of `DESA` valid in [from, until). */
  async relay(from: number, until: number): Promise<Identity> {
    const keyPair = await key(`relay-${this.#counter++}`);
    const credential = await issueCredential(this.trust.issuer.keyPair, { role: 'relay', subject: keyPair.publicKey, regions: [DESA], elections: ['pkwkk'], validFrom: from, validUntil: until }, nodeEd25519);
    return { keyPair, chain: [credential.bytes, ...this.trust.issuer.chain] };
  }

  /** A submission of `tps` by `operator`, claiming `deviceTime`. */
  submission(operator: Identity, tps: string, deviceTime: number, votes: Record<string, number> = { '1000526': 120, '1000527': 200 }, revision = 1, supersedes: string | null = null): Promise<SubmissionRecord> {
    return createSubmission({ keyPair: operator.keyPair, credentials: operator.chain, tps, election: 'pkwkk', form: validKwkForm(votes), photos: [], revision, supersedes, deviceTime }, nodeEd25519);
  }

  /** A PPS attestation of `submission` seen at `seenAt`. */
  attestation(relay: Identity, submission: SubmissionRecord, seenAt: number) {
    return createAttestation({ keyPair: relay.keyPair, credentials: relay.chain, submission, stage: 'pps', region: DESA, seenAt }, nodeEd25519);
  }

  /** The issuer's revocation of `identity`'s leaf credential from `from`. */
  revocation(identity: Identity, from: number, reason = 'phone stolen') {
    return createRevocation({ keyPair: this.trust.issuer.keyPair, credentials: this.trust.issuer.chain, revoked: identity.chain[0]!, from, region: DESA, reason }, nodeEd25519);
  }
}

function key(name: string): Promise<KeyPair> {
  return keyPairFromSeed(sha256(new TextEncoder().encode(`standing-test:${name}`)), nodeEd25519);
}
