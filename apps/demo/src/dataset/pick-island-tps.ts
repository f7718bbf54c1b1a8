import type { PilkadaTps } from './distribute-pilkada-tps.js';
import { InvalidArgumentError } from './errors.js';
import { createRandom, type Seed } from './seeded-random.js';

/** How many TPS the island scenario cuts off. */
export const islandTpsCount = 3;

/**
 * The TPS of the demo's island scenario: {@link islandTpsCount} TPS in as many different desa, drawn from `tpsList`
 * by a seeded shuffle (the same list and seed give the same picks, in draw order).
 * @throws {InvalidArgumentError} for a bad seed or when `tpsList` spans fewer than three desa.
 */
export function pickIslandTps(tpsList: readonly PilkadaTps[], seed: Seed): PilkadaTps[] {
  const random = createRandom(seed, 'island');
  const order = tpsList.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const picked: PilkadaTps[] = [];
  const desa = new Set<string>();
  for (const i of order) {
    const tps = tpsList[i]!;
    if (desa.has(tps.desa)) continue;
    desa.add(tps.desa);
    picked.push(tps);
    if (picked.length === islandTpsCount) return picked;
  }
  throw new InvalidArgumentError('tpsList', `needs TPS in at least ${islandTpsCount} desa, has ${desa.size}`);
}
