import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/transfer/photo-catalog.js';
import { PriorityList } from '../../src/transfer/priority-list.js';

const entry = (n: number, size: number, signedAt: number): CatalogEntry => ({
  ref: { sha256: n.toString(16).padStart(64, '0'), size, type: 'image/jpeg' },
  pages: [1],
  submissions: [],
  tps: [],
  docIds: [],
  signedAt,
  seen: n,
});

describe('PriorityList', () => {
  it('keeps entries in fetch order whatever the insertion order, and finds and removes them', () => {
    const list = new PriorityList(600_000);
    const entries = Array.from({ length: 200 }, (_, i) => entry(i + 1, 10_000 + ((i * 7919) % 5000), ((i * 104_729) % 50) * 3_600_000));
    const shuffled = [...entries].sort((a, b) => ((a.seen * 31) % 97) - ((b.seen * 31) % 97));
    for (const e of shuffled) list.insert(e);
    list.insert(shuffled[0]!); // twice: no-op
    expect(list.size).toBe(200);
    const order = list.entries();
    for (let i = 1; i < order.length; i++) {
      const [a, b] = [order[i - 1]!, order[i]!];
      const bucketA = Math.floor(a.signedAt / 600_000);
      const bucketB = Math.floor(b.signedAt / 600_000);
      expect(bucketA < bucketB || (bucketA === bucketB && a.ref.size <= b.ref.size)).toBe(true);
    }
    const victim = order[57]!;
    expect(list.rankOf(victim)).toBe(57);
    list.remove(victim);
    expect(list.has(victim.ref.sha256)).toBe(false);
    expect(list.rankOf(victim)).toBe(-1);
    expect(list.size).toBe(199);
    list.remove(victim); // twice: no-op
    expect(list.size).toBe(199);
    // an entry that became older (an older submission references it): removed and put back ahead
    const last = list.entries().at(-1)! as { signedAt: number };
    last.signedAt = -3_600_000;
    list.remove(last as CatalogEntry);
    list.insert(last as CatalogEntry);
    expect(list.entries()[0]).toBe(last);
    expect(list.size).toBe(199);
  });
});
