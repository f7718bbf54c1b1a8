import { describe, expect, it } from 'vitest';
import { chaosSchedule, MIN_LINK_UP_MS, type ChaosScheduleOptions, type ChaosTopology } from '../../src/scenario/chaos-schedule.js';
import { ChaosError } from '../../src/scenario/errors.js';

const desa = Array.from({ length: 39 }, (_, i) => `1906${String(1 + (i % 7)).padStart(2, '0')}${String(2001 + i)}`);
const tps = desa.flatMap((d) => Array.from({ length: 5 }, (_, j) => `${d}${String(j + 1).padStart(3, '0')}`));
const topology: ChaosTopology = {
  relays: ['190601', '190602', '190603', '190604', '190605', '190606', '190607'],
  desa,
  tps: tps.slice(3),
  islands: tps.slice(0, 3),
  elections: ['pkwkp', 'pkwkk'],
};
const long: ChaosScheduleOptions = { seed: 1, topology, flaps: 1000, kills: 12, windowMs: 240_000 };

function expectError(run: () => unknown, code: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ChaosError);
    expect((error as ChaosError).code).toBe(code);
    return;
  }
  throw new Error('expected a ChaosError');
}

describe('chaosSchedule', () => {
  it('gives the same schedule for the same seed, and another for another seed', () => {
    const a = chaosSchedule(long);
    const b = chaosSchedule({ ...long, topology: { ...topology, desa: [...desa], tps: [...topology.tps] } });
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = chaosSchedule({ ...long, seed: 2 });
    expect(c.flaps).not.toEqual(a.flaps);
    expect(chaosSchedule({ ...long, seed: 'one' })).toEqual(chaosSchedule({ ...long, seed: 'one' }));
    expect(chaosSchedule({ ...long, seed: '1' }).flaps).not.toEqual(a.flaps);
  });

  it('honours the counts: flaps, kills, one revision 1 per TPS and election, a trip per island', () => {
    const s = chaosSchedule(long);
    expect(s.flaps).toHaveLength(1000);
    expect(s.kills).toHaveLength(12);
    const firsts = s.submissions.filter((e) => e.revision === 1);
    expect(firsts).toHaveLength((topology.tps.length + topology.islands.length) * 2);
    expect(new Set(firsts.map((e) => `${e.tps}/${e.election}`)).size).toBe(firsts.length);
    const corrections = s.submissions.filter((e) => e.revision === 2);
    expect(corrections.length).toBeGreaterThan(0.05 * topology.tps.length * 2);
    expect(corrections.length).toBeLessThan(0.15 * topology.tps.length * 2);
    expect(s.trips.map((t) => t.island).sort()).toEqual([...topology.islands].sort());
    expect(new Set(s.trips.map((t) => t.carrier)).size).toBe(topology.islands.length);
    expect(chaosSchedule({ ...long, flaps: 0, kills: 0, revisionShare: 0 })).toMatchObject({ flaps: [], kills: [] });
    expect(chaosSchedule({ ...long, revisionShare: 0 }).submissions.every((e) => e.revision === 1)).toBe(true);
  });

  it('never flaps a link while it is down, and flaps only links of the topology', () => {
    for (const seed of [1, 2, 3, 'x']) {
      const s = chaosSchedule({ ...long, seed });
      const links = new Set([...desa.map((d) => `pps:${d}`), ...topology.tps.map((t) => `operator:${t}`)]);
      const byLink = new Map<string, { downAtMs: number; upAtMs: number }[]>();
      for (const f of s.flaps) {
        expect(links.has(f.link)).toBe(true);
        expect(f.upAtMs).toBeGreaterThan(f.downAtMs);
        byLink.set(f.link, [...(byLink.get(f.link) ?? []), f]);
      }
      for (const list of byLink.values()) {
        list.sort((a, b) => a.downAtMs - b.downAtMs);
        for (let i = 1; i < list.length; i++) expect(list[i]!.downAtMs).toBeGreaterThanOrEqual(list[i - 1]!.upAtMs + MIN_LINK_UP_MS);
      }
      // islands have no link
      expect(s.flaps.some((f) => topology.islands.some((i) => f.link.endsWith(i)))).toBe(false);
    }
  });

  it('kills every relay before any twice, never while dead or just restarted', () => {
    const s = chaosSchedule({ ...long, restartGraceMs: 5000 });
    const counts = new Map<string, number>();
    for (const k of s.kills) counts.set(k.relay, (counts.get(k.relay) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...topology.relays].sort());
    expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    for (const relay of topology.relays) {
      const list = s.kills.filter((k) => k.relay === relay).sort((a, b) => a.killAtMs - b.killAtMs);
      for (const k of list) expect(k.restartAtMs).toBeGreaterThan(k.killAtMs);
      for (let i = 1; i < list.length; i++) expect(list[i]!.killAtMs).toBeGreaterThanOrEqual(list[i - 1]!.restartAtMs + 5000);
    }
  });

  it('keeps every event in the window, in time order; corrections after their first revision; carriers after their island signed', () => {
    const s = chaosSchedule(long);
    const times = [...s.flaps.flatMap((f) => [f.downAtMs, f.upAtMs]), ...s.kills.flatMap((k) => [k.killAtMs, k.restartAtMs]), ...s.submissions.map((e) => e.atMs), ...s.trips.map((t) => t.departAtMs)];
    expect(Math.min(...times)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...times)).toBeLessThanOrEqual(long.windowMs);
    const ends = [...s.flaps.map((f) => f.upAtMs), ...s.kills.map((k) => k.restartAtMs), ...s.submissions.map((e) => e.atMs), ...s.trips.map((t) => t.departAtMs)];
    expect(s.lastEventMs).toBe(Math.max(...ends));
    const sorted = (list: number[]) => list.every((t, i) => i === 0 || t >= list[i - 1]!);
    expect(sorted(s.flaps.map((f) => f.downAtMs))).toBe(true);
    expect(sorted(s.kills.map((k) => k.killAtMs))).toBe(true);
    expect(sorted(s.submissions.map((e) => e.atMs))).toBe(true);
    for (const c of s.submissions.filter((e) => e.revision === 2)) {
      const first = s.submissions.find((e) => e.tps === c.tps && e.election === c.election && e.revision === 1)!;
      expect(c.atMs).toBeGreaterThanOrEqual(first.atMs + 1000);
      expect(topology.islands).not.toContain(c.tps);
    }
    for (const trip of s.trips) {
      const signedAt = Math.max(...s.submissions.filter((e) => e.tps === trip.island).map((e) => e.atMs));
      expect(trip.departAtMs).toBeGreaterThanOrEqual(signedAt + 1000);
    }
  });

  it('draws each kind of event from its own stream: more kills do not move the flaps', () => {
    const a = chaosSchedule(long);
    const b = chaosSchedule({ ...long, kills: 3 });
    expect(b.flaps).toEqual(a.flaps);
    expect(b.submissions).toEqual(a.submissions);
  });

  it('refuses bad counts, windows, ranges and topologies with a typed error', () => {
    expectError(() => chaosSchedule({ ...long, flaps: -1 }), 'BAD_SCENARIO');
    expectError(() => chaosSchedule({ ...long, kills: 1.5 }), 'BAD_SCENARIO');
    expectError(() => chaosSchedule({ ...long, windowMs: 999 }), 'BAD_SCENARIO');
    expectError(() => chaosSchedule({ ...long, seed: Number.NaN }), 'BAD_SCENARIO');
    expectError(() => chaosSchedule({ ...long, revisionShare: 2 }), 'BAD_SCENARIO');
    expectError(() => chaosSchedule({ ...long, flapDownMs: [5000, 1000] }), 'BAD_SCENARIO');
    expectError(() => chaosSchedule({ ...long, topology: { ...topology, relays: [] } }), 'BAD_SCENARIO');
    expectError(() => chaosSchedule({ ...long, topology: { ...topology, desa: [], tps: [] } }), 'BAD_SCENARIO');
    expectError(() => chaosSchedule({ ...long, topology: { ...topology, desa: [desa[0]!, desa[0]!] } }), 'BAD_SCENARIO');
    expectError(() => chaosSchedule({ ...long, topology: { ...topology, elections: [] } }), 'BAD_SCENARIO');
  });

  it('says so when the events do not fit in the window', () => {
    // One link, 10 s: at most a handful of 3-second flaps fit.
    const tiny: ChaosTopology = { relays: ['190601'], desa: ['1906012001'], tps: [], islands: [], elections: ['pkwkk'] };
    expectError(() => chaosSchedule({ seed: 1, topology: tiny, flaps: 20, kills: 0, windowMs: 10_000, flapDownMs: [3000, 3000] }), 'UNPLACEABLE');
    expectError(() => chaosSchedule({ seed: 1, topology: tiny, flaps: 0, kills: 5, windowMs: 10_000 }), 'UNPLACEABLE');
  });
});
