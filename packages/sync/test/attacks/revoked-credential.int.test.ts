import { issueCredential, keyPairFromSeed } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { createRevocation } from '@titip/records';
import { eventually } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY, DESA, HOUR, TPS } from '../records/standing-fixtures.js';
import { author, countedCurrent, CredentialNetwork, judged } from './fixtures/credential-network.js';

let network: CredentialNetwork | undefined;
afterEach(async () => {
  await network?.stop();
  network = undefined;
});

describe('attack: a revoked credential (a stolen phone)', () => {
  it('after the issuer revokes the stolen key, the thief\'s later result (backdated) is stored, not counted, the thief reported; the earlier result stays counted; the revocation reaches the phone\'s desa; the rotated key continues the history', async () => {
    network = await CredentialNetwork.start();
    const { t, sink } = network;
    const now = Date.now();
    const operator = await t.operator(TPS, now - DAY, now + DAY, 'stolen-phone');
    const phone = await network.startPeer([TPS], 'operator', [sink.address]);
    const first = await t.submission(operator, TPS, now);
    await author(phone, first);
    await judged(sink, first.id, 'the result signed before the theft');

    // The phone is stolen; the KPU office revokes its key from now and injects the revocation through a peer of its own.
    const T = Date.now();
    const revocation = await t.revocation(operator, T);
    const office = await network.startPeer([DESA], 'issuer', [sink.address]);
    await author(office, revocation);
    await eventually(() => sink.replica.object(revocation.id) !== undefined, 'the revocation reaches the server');
    await eventually(() => phone.replica.object(revocation.id) !== undefined, 'the revocation reaches the desa (the phone holds it too)');
    await eventually(async () => (await sink.standing.whenIdle(), sink.standing.revocationCount === 1), 'the server applies it');

    // The thief signs a correction with the stolen key, dated before the theft, and pushes it over its own connection.
    await new Promise((resolve) => setTimeout(resolve, 5)); // first witnessed strictly after T
    const stolen = await t.submission(operator, TPS, now - HOUR, { '1000526': 2, '1000527': 318 }, 2, first.id);
    const { attacker, peerId } = await network.attacker(sink);
    await attacker.holds(DESA, sink.replica.heads(DESA));
    await attacker.tamper(DESA, (doc) => void (doc[stolen.id] = stolen.bytes));
    await judged(sink, stolen.id, 'the thief\'s result');

    expect(sink.standing.standingOf(stolen.id)).toMatchObject({ counted: false, reason: 'revoked', detail: { index: 0, revocation: revocation.id, from: T } });
    expect(sink.standing.reports()).toMatchObject([{ id: stolen.id, origin: { peer: peerId }, standing: { reason: 'revoked' } }]);
    expect(sink.standing.counts(first.id)).toBe(true);
    expect(countedCurrent(sink)?.id).toBe(first.id); // the thief's revision 2 does not take over
    expect(attacker.rejected).toBe(false);
    expect(sink.peer.engine.reports()).toEqual([]);
    expect(sink.replica.object(first.id)).toEqual(first.bytes);

    // Key rotation: a new credential for the same TPS; its revision 2 continues the TPS's history and is current.
    const rotated = await t.operator(TPS, T, now + DAY, 'new-phone');
    const correction = await t.submission(rotated, TPS, Date.now(), { '1000526': 125, '1000527': 200 }, 2, first.id);
    await author(phone, correction);
    await judged(sink, correction.id, 'the rotated key\'s result');
    expect(sink.standing.counts(correction.id)).toBe(true);
    expect(countedCurrent(sink)?.id).toBe(correction.id);
  });

  it('a revoked issuer: results its operators sign after the root revokes it are not counted anywhere in the kabupaten', async () => {
    network = await CredentialNetwork.start();
    const { t, sink } = network;
    const now = Date.now();
    const operator = await t.operator(TPS, now - DAY, now + DAY);
    const phone = await network.startPeer([TPS], 'operator', [sink.address]);
    const before = await t.submission(operator, TPS, now);
    await author(phone, before);
    await judged(sink, before.id, 'a result before the issuer is revoked');
    const T = Date.now();
    const revocation = await createRevocation({ keyPair: t.trust.root, revoked: t.trust.issuer.chain[0]!, from: T, region: '1906', reason: 'issuer key leaked' }, nodeEd25519);
    await author(sink, revocation); // filed in the kabupaten document: every peer of 1906 holds it
    await eventually(() => phone.replica.object(revocation.id) !== undefined, 'the kabupaten revocation reaches the phone');
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Whoever holds the leaked issuer key mints a fresh operator credential and signs.
    const minted = await t.operator(TPS, now - DAY, now + DAY, 'minted');
    const forged = await t.submission(minted, TPS, now, { '1000526': 0, '1000527': 320 }, 2, before.id);
    const { attacker, peerId } = await network.attacker(sink);
    await attacker.tamper(DESA, (doc) => void (doc[forged.id] = forged.bytes));
    await judged(sink, forged.id, 'the minted credential\'s result');
    expect(sink.standing.standingOf(forged.id)).toMatchObject({ counted: false, reason: 'revoked', detail: { index: 1, byRoot: true } });
    expect(sink.standing.reports()).toMatchObject([{ id: forged.id, origin: { peer: peerId } }]);
    expect(sink.standing.counts(before.id)).toBe(true);
    expect(countedCurrent(sink)?.id).toBe(before.id);
  });

  it('a forged revocation (an issuer revoking a credential it did not issue) is refused by the merge, the attacker reported and banned, honest traffic flows', async () => {
    network = await CredentialNetwork.start();
    const { t, sink } = network;
    const now = Date.now();
    const operator = await t.operator(TPS, now - DAY, now + DAY);
    const phone = await network.startPeer([TPS], 'operator', [sink.address]);
    const honest = await t.submission(operator, TPS, now);
    await author(phone, honest);
    await judged(sink, honest.id, 'the honest result');
    const heads = sink.replica.heads(DESA);
    // A second, valid issuer of the same kabupaten tries to revoke the first issuer's operator.
    const rogue = await keyPairFromSeed(new Uint8Array(32).fill(9), nodeEd25519);
    const rogueCred = await issueCredential(t.trust.root, { role: 'issuer', subject: rogue.publicKey, regions: ['1906'], elections: ['pkwkk'], validFrom: now - DAY, validUntil: now + DAY }, nodeEd25519);
    const forged = await createRevocation({ keyPair: rogue, credentials: [rogueCred.bytes], revoked: operator.chain[0]!, from: now - DAY, region: DESA, reason: 'grudge' }, nodeEd25519);
    const { attacker, peerId } = await network.attacker(sink);
    await attacker.holds(DESA, heads);
    await attacker.tamper(DESA, (doc) => void (doc[forged.id] = forged.bytes));
    await eventually(() => attacker.rejected, 'the sink refuses');
    const reject = attacker.received.find((m) => m.t === 'reject') as { reason: string; detail: string };
    expect(`${reject.reason} ${reject.detail}`).toContain('revocation-not-allowed');
    expect(sink.peer.engine.reports().map((r) => r.peer)).toEqual([peerId]);
    expect(sink.peer.engine.isBanned(peerId)).toBe(true);
    expect(sink.replica.object(forged.id)).toBeUndefined();
    expect(sink.replica.heads(DESA)).toEqual(heads);
    expect(sink.standing.counts(honest.id)).toBe(true);
    const next = await t.submission(operator, TPS, Date.now(), { '1000526': 121, '1000527': 200 }, 2, honest.id);
    await author(phone, next);
    await judged(sink, next.id, 'an honest result after the attack');
    expect(countedCurrent(sink)?.id).toBe(next.id);
  });
});
