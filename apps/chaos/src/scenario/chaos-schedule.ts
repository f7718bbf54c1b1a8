import { checkSeed, createRandom, type Seed, type SeededRandom } from '@titip/demo/dataset';
import { ChaosError } from './errors.js';

/** The named peers a schedule is drawn over. Link names: `pps:<desa>` (PPS ↔ PPK), `operator:<tps>` (operator ↔ PPS). */
export interface ChaosTopology {
  /** Relays run as child processes, killed with SIGKILL and restarted (PPK: kecamatan codes). */
  readonly relays: readonly string[];
  /** Desa codes: each PPS has an uplink `pps:<desa>` to its PPK. */
  readonly desa: readonly string[];
  /** TPS codes of linked operators: each has a link `operator:<tps>` to its PPS. */
  readonly tps: readonly string[];
  /** TPS codes of islands: no link, reached only by their carrier. */
  readonly islands: readonly string[];
  /** Election ids every operator signs a result for. */
  readonly elections: readonly string[];
}

/** Options of {@link chaosSchedule}. */
export interface ChaosScheduleOptions {
  readonly seed: Seed;
  readonly topology: ChaosTopology;
  /** Link flaps (down for a while, then up). */
  readonly flaps: number;
  /** SIGKILLs of relays (each followed by a restart from disk). */
  readonly kills: number;
  /** Every event (the last restart and link up included) happens within this window. */
  readonly windowMs: number;
  /** Share of the linked operators' results that get a second revision. @default 0.1 */
  readonly revisionShare?: number;
  /** How long a link stays down, [min, max] ms. @default [500, 6000] */
  readonly flapDownMs?: readonly [number, number];
  /** How long a killed relay stays dead before its restart, [min, max] ms. @default [1000, 6000] */
  readonly killDownMs?: readonly [number, number];
  /** Least time a relay runs after a restart before it is killed again. @default 5000 */
  readonly restartGraceMs?: number;
}

/** A link going down, then up again. */
export interface FlapEvent {
  readonly link: string;
  readonly downAtMs: number;
  readonly upAtMs: number;
}

/** A relay killed with SIGKILL, then restarted from its data directory. */
export interface KillEvent {
  readonly relay: string;
  readonly killAtMs: number;
  readonly restartAtMs: number;
}

/** An operator queueing a signed result on its phone. */
export interface SubmitEvent {
  readonly tps: string;
  readonly election: string;
  /** 1, or 2 for a correction of revision 1 (signed later than it). */
  readonly revision: 1 | 2;
  readonly atMs: number;
}

/** A carrier's voyage: collect at its island, deliver to the PPS, bring the receipts back. */
export interface CarrierTrip {
  readonly carrier: string;
  readonly island: string;
  readonly departAtMs: number;
}

/** What happens when, in ms after the start of the chaos; every list sorted by time. */
export interface ChaosSchedule {
  readonly seed: Seed;
  readonly windowMs: number;
  readonly flaps: FlapEvent[];
  readonly kills: KillEvent[];
  readonly submissions: SubmitEvent[];
  readonly trips: CarrierTrip[];
  /** The time of the last event (link up, restart, submission, departure). */
  readonly lastEventMs: number;
}

/** A link is up at least this long between two flaps of it. */
export const MIN_LINK_UP_MS = 250;
const ATTEMPTS = 1000;

/**
 * The chaos of one seed, as a pure function: the same options give the same schedule, event for event. Links never
 * flap while down (their down intervals are disjoint, with {@link MIN_LINK_UP_MS} up between), a relay is never
 * killed while dead or within `restartGraceMs` of its restart, kills go round the relays before any is killed twice,
 * island operators sign early and each carrier departs after its island signed; everything ends within the window.
 * Each kind of event draws from its own stream of the seed, so changing the number of kills does not move the flaps.
 * @throws {ChaosError} `BAD_SCENARIO` for bad counts or a topology without what the counts need, `UNPLACEABLE` when
 *   the events do not fit in the window.
 */
export function chaosSchedule(options: ChaosScheduleOptions): ChaosSchedule {
  const seed = checkSeedOrThrow(options.seed);
  const { topology, flaps: flapCount, kills: killCount, windowMs } = options;
  const revisionShare = options.revisionShare ?? 0.1;
  const flapDown = options.flapDownMs ?? [500, 6000];
  const killDown = options.killDownMs ?? [1000, 6000];
  const grace = options.restartGraceMs ?? 5000;
  count(flapCount, 'flaps');
  count(killCount, 'kills');
  if (!Number.isSafeInteger(windowMs) || windowMs < 10_000) bad(`windowMs must be an integer of at least 10000, got ${windowMs}`);
  if (!(revisionShare >= 0 && revisionShare <= 1)) bad(`revisionShare must be within [0, 1], got ${revisionShare}`);
  range(flapDown, 'flapDownMs', windowMs);
  range(killDown, 'killDownMs', windowMs);
  if (!Number.isSafeInteger(grace) || grace < 0) bad(`restartGraceMs must be a non-negative integer, got ${grace}`);
  const links = [...topology.desa.map((d) => `pps:${d}`), ...topology.tps.map((t) => `operator:${t}`)];
  if (flapCount > 0 && links.length === 0) bad('flaps need links: the topology has no desa and no linked TPS');
  if (killCount > 0 && topology.relays.length === 0) bad('kills need relays: the topology has none');
  if (topology.elections.length === 0) bad('the topology has no election');
  if (new Set(links).size !== links.length) bad('the topology names a desa or TPS twice');

  // Link flaps: disjoint down intervals per link.
  const flapRandom = createRandom(seed, 'chaos/flaps');
  const down = new Map<string, { from: number; to: number }[]>();
  const flaps: FlapEvent[] = [];
  for (let i = 0; i < flapCount; i++) {
    flaps.push(place(`flap ${i + 1} of ${flapCount}`, () => {
      const link = pick(flapRandom, links);
      const length = flapRandom.int(flapDown[0], flapDown[1]);
      const at = flapRandom.int(0, windowMs - length);
      const taken = down.get(link) ?? [];
      if (taken.some((t) => at < t.to + MIN_LINK_UP_MS && t.from < at + length + MIN_LINK_UP_MS)) return null;
      taken.push({ from: at, to: at + length });
      down.set(link, taken);
      return { link, downAtMs: at, upAtMs: at + length };
    }));
  }

  // Kills: round the relays (in a seeded order) before any is killed twice; never while dead or just restarted.
  const killRandom = createRandom(seed, 'chaos/kills');
  const order = shuffle(killRandom, topology.relays);
  const dead = new Map<string, { from: number; to: number }[]>();
  const kills: KillEvent[] = [];
  for (let i = 0; i < killCount; i++) {
    const relay = order[i % order.length]!;
    kills.push(place(`kill ${i + 1} of ${killCount} (${relay})`, () => {
      const length = killRandom.int(killDown[0], killDown[1]);
      const at = killRandom.int(Math.floor(windowMs * 0.05), windowMs - length);
      const taken = dead.get(relay) ?? [];
      if (taken.some((t) => at < t.to + grace && t.from < at + length + grace)) return null;
      taken.push({ from: at, to: at + length });
      dead.set(relay, taken);
      return { relay, killAtMs: at, restartAtMs: at + length };
    }));
  }

  // Submissions: linked operators through most of the window, islands early (their carrier must find them signed).
  const submitRandom = createRandom(seed, 'chaos/submissions');
  const submissions: SubmitEvent[] = [];
  for (const tps of topology.tps) {
    for (const election of topology.elections) {
      const first = submitRandom.int(0, Math.floor(windowMs * 0.6));
      submissions.push({ tps, election, revision: 1, atMs: first });
      if (submitRandom.next() < revisionShare) submissions.push({ tps, election, revision: 2, atMs: submitRandom.int(first + 1000, windowMs) });
    }
  }
  const tripRandom = createRandom(seed, 'chaos/trips');
  const trips: CarrierTrip[] = [];
  topology.islands.forEach((island, i) => {
    let signed = 0;
    for (const election of topology.elections) {
      const at = tripRandom.int(0, Math.floor(windowMs * 0.2));
      signed = Math.max(signed, at);
      submissions.push({ tps: island, election, revision: 1, atMs: at });
    }
    trips.push({ carrier: `carrier-${i + 1}`, island, departAtMs: tripRandom.int(signed + 1000, Math.floor(windowMs * 0.5)) });
  });

  const byTime = <T>(time: (e: T) => number, key: (e: T) => string) => (a: T, b: T) => time(a) - time(b) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  flaps.sort(byTime((e) => e.downAtMs, (e) => e.link));
  kills.sort(byTime((e) => e.killAtMs, (e) => e.relay));
  submissions.sort(byTime((e) => e.atMs, (e) => `${e.tps}/${e.election}/${e.revision}`));
  trips.sort(byTime((e) => e.departAtMs, (e) => e.carrier));
  const lastEventMs = Math.max(0, ...flaps.map((f) => f.upAtMs), ...kills.map((k) => k.restartAtMs), ...submissions.map((s) => s.atMs), ...trips.map((t) => t.departAtMs));
  return { seed, windowMs, flaps, kills, submissions, trips, lastEventMs };
}

function place<T>(what: string, attempt: () => T | null): T {
  for (let i = 0; i < ATTEMPTS; i++) {
    const event = attempt();
    if (event !== null) return event;
  }
  throw new ChaosError('UNPLACEABLE', `${what}: found no free time in ${ATTEMPTS} draws (too many events for the window?)`);
}

function pick<T>(random: SeededRandom, items: readonly T[]): T {
  return items[random.int(0, items.length - 1)]!;
}

function shuffle<T>(random: SeededRandom, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function checkSeedOrThrow(seed: unknown): Seed {
  try {
    return checkSeed(seed);
  } catch (error) {
    throw new ChaosError('BAD_SCENARIO', (error as Error).message);
  }
}

function count(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) bad(`${name} must be a non-negative integer, got ${value}`);
}

function range(value: readonly [number, number], name: string, windowMs: number): void {
  const [min, max] = value;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || max < min || max > windowMs) {
    bad(`${name} must be [min, max] integers with 0 <= min <= max <= windowMs, got [${min}, ${max}]`);
  }
}

function bad(message: string): never {
  throw new ChaosError('BAD_SCENARIO', message);
}
