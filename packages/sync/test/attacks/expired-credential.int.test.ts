import { eventually } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY, DESA, HOUR, OTHER_TPS, TPS } from '../records/standing-fixtures.js';
import { author, countedCurrent, CredentialNetwork, judged } from './fixtures/credential-network.js';

let network: CredentialNetwork | undefined;
afterEach(async () => {
  await network?.stop();
  network = undefined;
});

describe('attack: an expired operator credential', () => {
  it('a thief signing with an expired credential and a backdated deviceTime: stored, not counted (expired at first witness), the attacker reported and not banned; honest traffic flows; a restart keeps the verdict', async () => {
    network = await CredentialNetwork.start();
    const { t, sink } = network;
    const now = Date.now();
    const honestOperator = await t.operator(TPS, now - DAY, now + DAY);
    const phone = await network.startPeer([TPS], 'operator', [sink.address]);
    const honest = await t.submission(honestOperator, TPS, now);
    await author(phone, honest);
    await judged(sink, honest.id, 'the honest result');
    expect(sink.standing.counts(honest.id)).toBe(true);

    // The stolen phone's credential ran out an hour ago; the thief claims a deviceTime inside the old window.
    const expired = await t.operator(OTHER_TPS, now - 3 * DAY, now - HOUR);
    const forged = await t.submission(expired, OTHER_TPS, now - 2 * DAY, { '1000526': 1, '1000527': 319 });
    const { attacker, peerId } = await network.attacker(sink);
    await attacker.holds(DESA, sink.replica.heads(DESA));
    await attacker.tamper(DESA, (doc) => void (doc[forged.id] = forged.bytes));
    await judged(sink, forged.id, 'the forged result');

    expect(sink.standing.standingOf(forged.id)).toMatchObject({ counted: false, reason: 'expired', detail: { index: 0 } });
    expect(sink.standing.reports()).toMatchObject([{ id: forged.id, tps: OTHER_TPS, origin: { peer: peerId }, standing: { reason: 'expired' } }]);
    // not a protocol violation: admission is a pure function of the bytes, the same verdict at every honest peer
    expect(attacker.rejected).toBe(false);
    expect(sink.peer.engine.isBanned(peerId)).toBe(false);
    expect(countedCurrent(sink, OTHER_TPS)).toBeNull();
    expect(countedCurrent(sink, TPS)?.id).toBe(honest.id);

    // honest traffic keeps flowing
    const next = await t.submission(honestOperator, TPS, now + HOUR, { '1000526': 130, '1000527': 200 }, 2, honest.id);
    await author(phone, next);
    await judged(sink, next.id, 'the next honest result');
    expect(countedCurrent(sink, TPS)?.id).toBe(next.id);

    // stored state unharmed, and a restart (the witness log on disk) reaches the same verdicts
    const { dataDir } = sink;
    await sink.stop();
    const reopened = await network.startPeer([''], 'server', [], dataDir);
    for (const record of [honest, next, forged]) expect(reopened.replica.object(record.id)).toEqual(record.bytes);
    expect(reopened.standing.counts(honest.id)).toBe(true);
    expect(reopened.standing.counts(next.id)).toBe(true);
    expect(reopened.standing.standingOf(forged.id)).toMatchObject({ counted: false, reason: 'expired' });
  });

  it('an honest relay forwarding an expired result is not banned; the sink names it as where the result came from', async () => {
    network = await CredentialNetwork.start();
    const { t, sink } = network;
    const now = Date.now();
    const relay = await network.startPeer([DESA], 'pps', [sink.address]);
    await eventually(() => relay.peer.sessionWith(sink.peer.peerId)?.phase === 'live', 'relay ↔ sink live');
    const expired = await t.operator(TPS, now - 3 * DAY, now - HOUR);
    const forged = await t.submission(expired, TPS, now - 2 * DAY);
    const { attacker, peerId } = await network.attacker(relay);
    await attacker.tamper(DESA, (doc) => void (doc[forged.id] = forged.bytes));
    await judged(relay, forged.id, 'the forged result at the relay');
    await judged(sink, forged.id, 'the forged result at the sink');
    expect(relay.standing.reports()).toMatchObject([{ id: forged.id, origin: { peer: peerId } }]);
    expect(sink.standing.reports()).toMatchObject([{ id: forged.id, origin: { peer: relay.peer.peerId }, standing: { reason: 'expired' } }]);
    expect(sink.peer.engine.reports()).toEqual([]);
    expect(relay.peer.engine.reports()).toEqual([]);
    expect(relay.peer.sessionWith(sink.peer.peerId)?.phase).toBe('live');
  });

  it('an island result carried to the server days after its credential expired counts, because its PPS attested it in time; an unattested one does not', async () => {
    network = await CredentialNetwork.start();
    const { t } = network;
    const now = Date.now();
    const operator = await t.operator(TPS, now - DAY, now + DAY);
    const late = await t.operator(OTHER_TPS, now - DAY, now + DAY);
    const pps = await t.relay(now - DAY, now + 30 * DAY);
    // On the island: the phones sync with the PPS laptop, which attests what it sees; no link to the server.
    const laptop = await network.startPeer([DESA], 'pps');
    const phone = await network.startPeer([TPS], 'operator', [laptop.address]);
    const island = await t.submission(operator, TPS, now);
    await author(phone, island);
    await judged(laptop, island.id, 'the island result at the PPS');
    await author(laptop, await t.attestation(pps, island, Date.now()));
    const unattested = await t.submission(late, OTHER_TPS, now);
    await author(laptop, unattested);
    // Five days later the laptop reaches a server (its clock five days on): both operator credentials have expired.
    const server = await network.startPeer([''], 'server', [laptop.address], undefined, () => Date.now() + 5 * DAY);
    await judged(server, island.id, 'the island result at the server');
    await judged(server, unattested.id, 'the unattested result at the server');
    await eventually(async () => (await server.standing.whenIdle(), server.standing.counts(island.id) === true), 'the attestation pins the time');
    expect(server.standing.standingOf(island.id)?.witnessedAt).toBeLessThan(now + DAY);
    expect(server.standing.standingOf(unattested.id)).toMatchObject({ counted: false, reason: 'expired' });
    expect(server.peer.engine.reports()).toEqual([]);
  });

  it('a phone whose clock is a year ahead (or in 1970) still has its valid result counted', async () => {
    network = await CredentialNetwork.start();
    const { t, sink } = network;
    const now = Date.now();
    const phone = await network.startPeer([TPS], 'operator', [sink.address]);
    const ahead = await t.submission(await t.operator(TPS, now - DAY, now + DAY), TPS, now + 365 * DAY);
    const behind = await t.submission(await t.operator(OTHER_TPS, now - DAY, now + DAY), OTHER_TPS, 0);
    await author(phone, ahead);
    await author(phone, behind);
    await judged(sink, ahead.id, 'the result dated next year');
    await judged(sink, behind.id, 'the result dated 1970');
    expect(sink.standing.counts(ahead.id)).toBe(true);
    expect(sink.standing.counts(behind.id)).toBe(true);
    expect(sink.standing.reports()).toEqual([]);
  });
});
