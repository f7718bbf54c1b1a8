import { createCredentialCache } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { createRecordValidator, docIdOf, type TitipRecord } from '@titip/records';
import { openMemoryStore, type KeyValueStore } from '@titip/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { CredentialStanding, type StandingChange } from '../../src/records/credential-standing.js';
import { recordObjectValidator } from '../../src/records/record-object-validator.js';
import { Replica } from '../../src/replication/replica.js';
import { DAY, DESA, HOUR, OTHER_TPS, TPS, TimedTrust } from './standing-fixtures.js';

const ELECTION_DAY = Date.UTC(2026, 10, 27, 7);

let t: TimedTrust;
beforeAll(async () => {
  t = await TimedTrust.create(ELECTION_DAY);
});

/** A replica with the real record validator on a memory store, its standing tracker, and a clock the test moves. */
async function node(store?: KeyValueStore, start = ELECTION_DAY) {
  const s = store ?? (await openMemoryStore());
  const validator = createRecordValidator({ root: t.trust.network.root, provider: nodeEd25519, cache: createCredentialCache() });
  const replica = await Replica.open({ store: s, scopes: [DESA], validator: recordObjectValidator(validator) });
  const clock = { now: start };
  const standing = await CredentialStanding.open({ replica, store: s, root: t.trust.network.root, provider: nodeEd25519, now: () => clock.now });
  const changes: StandingChange[] = [];
  standing.onChange((c) => changes.push(c));
  const add = async (...records: TitipRecord[]) => {
    for (const r of records) await replica.addLocal(docIdOf(r), [{ id: r.id, bytes: r.bytes }]);
    await standing.whenIdle();
  };
  return { store: s, replica, standing, clock, changes, add };
}

describe('CredentialStanding', () => {
  it('counts an honest result whatever its phone clock says, and a restart keeps the first sight', async () => {
    const n = await node();
    const operator = await t.operator(TPS, ELECTION_DAY - DAY, ELECTION_DAY + DAY);
    const ahead = await t.submission(operator, TPS, ELECTION_DAY + 400 * DAY);
    const behind = await t.submission(await t.operator(OTHER_TPS, ELECTION_DAY - DAY, ELECTION_DAY + DAY), OTHER_TPS, 0);
    await n.add(ahead, behind);
    expect(n.standing.standingOf(ahead.id)).toEqual({ counted: true, witnessedAt: ELECTION_DAY });
    expect(n.standing.counts(behind.id)).toBe(true);
    expect(n.standing.reports()).toEqual([]);
    // restarted three days later, after the operator credential expired: same first sight, same verdict
    n.standing.close();
    const later = await node(n.store, ELECTION_DAY + 3 * DAY);
    expect(later.standing.standingOf(ahead.id)).toEqual({ counted: true, witnessedAt: ELECTION_DAY });
  });

  it('a thief with an expired credential and a backdated deviceTime: stored, not counted, reported', async () => {
    const n = await node(undefined, ELECTION_DAY + 2 * DAY);
    const operator = await t.operator(TPS, ELECTION_DAY - DAY, ELECTION_DAY + DAY);
    const forged = await t.submission(operator, TPS, ELECTION_DAY, { '1000526': 5, '1000527': 400 });
    await n.add(forged);
    expect(n.replica.object(forged.id)).toEqual(forged.bytes);
    expect(n.standing.standingOf(forged.id)).toMatchObject({ counted: false, reason: 'expired', witnessedAt: ELECTION_DAY + 2 * DAY });
    expect(n.standing.reports()).toMatchObject([{ id: forged.id, kind: 'submission', tps: TPS, origin: 'local', standing: { reason: 'expired' } }]);
    expect(n.standing.notCounted().map((x) => x.record.id)).toEqual([forged.id]);
  });

  it('a late-carried island result stays counted through its PPS attestation, even when the attestation arrives last', async () => {
    const n = await node(undefined, ELECTION_DAY + 5 * DAY);
    const operator = await t.operator(TPS, ELECTION_DAY - DAY, ELECTION_DAY + DAY);
    const relay = await t.relay(ELECTION_DAY - DAY, ELECTION_DAY + 30 * DAY);
    const result = await t.submission(operator, TPS, ELECTION_DAY + HOUR);
    await n.add(result);
    expect(n.standing.counts(result.id)).toBe(false);
    await n.add(await t.attestation(relay, result, ELECTION_DAY + 2 * HOUR));
    expect(n.standing.standingOf(result.id)).toEqual({ counted: true, witnessedAt: ELECTION_DAY + 2 * HOUR });
    const flips = n.changes.filter((c) => c.record.id === result.id).map((c) => c.standing.counted);
    expect(flips).toEqual([false, true]);
  });

  it('a revocation: what was witnessed before T stays counted, what after T does not, and a late revocation re-judges', async () => {
    const n = await node();
    const operator = await t.operator(TPS, ELECTION_DAY - DAY, ELECTION_DAY + 10 * DAY);
    const honest = await t.submission(operator, TPS, ELECTION_DAY);
    await n.add(honest);
    n.clock.now = ELECTION_DAY + 3 * HOUR;
    const stolen = await t.submission(operator, TPS, ELECTION_DAY - HOUR, { '1000526': 1, '1000527': 300 }, 2, honest.id);
    await n.add(stolen);
    expect(n.standing.counts(stolen.id)).toBe(true); // nobody knows yet
    n.clock.now = ELECTION_DAY + 5 * HOUR;
    await n.add(await t.revocation(operator, ELECTION_DAY + 2 * HOUR));
    expect(n.standing.revocationCount).toBe(1);
    expect(n.standing.counts(honest.id)).toBe(true);
    expect(n.standing.standingOf(stolen.id)).toMatchObject({ counted: false, reason: 'revoked', detail: { index: 0, from: ELECTION_DAY + 2 * HOUR } });
    expect(n.standing.reports().map((r) => r.id)).toEqual([stolen.id]);
  });

  it('a revoked relay no longer vouches for what it attests after its revocation', async () => {
    const n = await node(undefined, ELECTION_DAY + 5 * DAY);
    const operator = await t.operator(TPS, ELECTION_DAY - DAY, ELECTION_DAY + DAY);
    const relay = await t.relay(ELECTION_DAY - DAY, ELECTION_DAY + 30 * DAY);
    await n.add(await t.revocation(relay, ELECTION_DAY + 4 * DAY, 'laptop stolen'));
    const result = await t.submission(operator, TPS, ELECTION_DAY);
    await n.add(result, await t.attestation(relay, result, ELECTION_DAY)); // a stolen relay key backdating seenAt
    expect(n.standing.standingOf(result.id)).toMatchObject({ counted: false, reason: 'expired' });
    expect(n.standing.counts(n.standing.notCounted().find((x) => x.record.kind === 'attestation')!.record.id)).toBe(false);
  });

  it('wouldStand judges an admitted record not yet stored as if first seen at a time, with what is held', async () => {
    const n = await node();
    const operator = await t.operator(TPS, ELECTION_DAY - DAY, ELECTION_DAY + DAY);
    const result = await t.submission(operator, TPS, 0);
    expect(n.standing.wouldStand(result, ELECTION_DAY)).toEqual({ counted: true, witnessedAt: ELECTION_DAY });
    expect(n.standing.wouldStand(result, ELECTION_DAY + 2 * DAY)).toMatchObject({ counted: false, reason: 'expired' });
    await n.add(await t.revocation(operator, ELECTION_DAY + HOUR));
    expect(n.standing.wouldStand(result, ELECTION_DAY + 2 * HOUR)).toMatchObject({ counted: false, reason: 'revoked' });
    await n.add(result); // stored at ELECTION_DAY (the clock has not moved): its kept verdict is returned from then on
    expect(n.standing.wouldStand(result, ELECTION_DAY + 9 * DAY)).toEqual({ counted: true, witnessedAt: ELECTION_DAY });
  });
});
