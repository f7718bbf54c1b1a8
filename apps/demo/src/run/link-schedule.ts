import { createRandom, type Seed } from '../dataset/index.js';

/** One link going down and coming back up. */
export interface LinkFlap {
  /** Which link: `'pps:<desa>'` (PPS ↔ PPK) or `'operator:<tps>'` (operator ↔ PPS). */
  readonly link: string;
  /** When it goes down, after the start. */
  readonly downAtMs: number;
  /** How long it stays down. */
  readonly downForMs: number;
}

/**
 * A seeded schedule of link failures: `count` flaps spread over `withinMs`, each 1–4 s long, on PPS uplinks and
 * operator links (islands have no links to flap).
 */
export function linkSchedule(seed: Seed, links: readonly string[], count: number, withinMs: number): LinkFlap[] {
  const random = createRandom(seed, 'links');
  const flaps: LinkFlap[] = [];
  for (let i = 0; i < count && links.length > 0; i++) {
    flaps.push({
      link: links[Math.floor(random.next() * links.length)]!,
      downAtMs: Math.floor(random.next() * withinMs),
      downForMs: 1000 + Math.floor(random.next() * 3000),
    });
  }
  return flaps.sort((a, b) => a.downAtMs - b.downAtMs);
}
