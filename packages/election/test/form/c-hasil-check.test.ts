import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cHasilSchema, passesCHasilSchema, type CHasil } from '../../src/index.js';
import { consistentCHasil } from '../helpers/arbitrary-form.js';
import { validKwk, validPpwp } from '../helpers/forms.js';

class Box {
  l = 1;
  p = 1;
  j = 2;
}

/** Values that break (or, for some positions, keep) a field of the form. */
const junk: unknown[] = [
  -1, 1.5, 100_000, 99_999, 0, -0, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, 12n, '1', '', null, undefined, true,
  [], [1], {}, { l: 1, p: 1, j: 2 }, new Uint8Array(3), new Map(), new Box(), Object.assign(Object.create(null), { l: 1, p: 1, j: 2 }),
  'kwk', 'ppwp',
];

/** Every path to an object or a value in `value`, as key lists. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return [prefix, ...Object.keys(value).flatMap((k) => paths((value as Record<string, unknown>)[k], [...prefix, k]))];
}

function setAt(form: unknown, path: string[], edit: (parent: Record<string, unknown>, key: string) => void): unknown {
  const copy = structuredClone(form) as Record<string, unknown>;
  if (path.length === 0) return copy;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  edit(node, path[path.length - 1]!);
  return copy;
}

/** Only what a decoder or JSON.parse makes: plain objects, arrays, byte arrays, primitives. */
function decoderLike(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every(decoderLike);
}

/** Never accepts what the schema refuses; on decoder-like input, the same verdict as the schema. */
function agree(value: unknown): void {
  const passes = passesCHasilSchema(value);
  const schema = cHasilSchema.safeParse(value).success;
  const shown = JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
  if (passes) expect(schema, shown).toBe(true);
  if (decoderLike(value)) expect(passes, shown).toBe(schema);
}

describe('passesCHasilSchema', () => {
  it('agrees with cHasilSchema on consistent forms of both layouts (seeded)', () => {
    fc.assert(
      fc.property(consistentCHasil, (form) => {
        expect(passesCHasilSchema(form)).toBe(true);
      }),
      { seed: 20241204, numRuns: 300 },
    );
    expect(passesCHasilSchema(validKwk())).toBe(true);
    expect(passesCHasilSchema(validPpwp())).toBe(true);
  });

  it('agrees with cHasilSchema on every field replaced, removed, or joined by another key (and never passes what it refuses)', () => {
    for (const form of [validKwk(), validPpwp()] as CHasil[]) {
      for (const path of paths(form)) {
        for (const value of junk) agree(path.length === 0 ? value : setAt(form, path, (parent, key) => void (parent[key] = value)));
        if (path.length > 0) agree(setAt(form, path, (parent, key) => void delete parent[key]));
        agree(setAt(form, path, (parent, key) => {
          const target = path.length === 0 ? parent : parent[key];
          if (typeof target === 'object' && target !== null) (target as Record<string, unknown>).extra = 1;
        }));
        agree(setAt(form, path, (parent, key) => {
          const target = path.length === 0 ? parent : parent[key];
          if (typeof target === 'object' && target !== null) Object.defineProperty(target, '__proto__', { value: 1, enumerable: true, configurable: true, writable: true });
        }));
      }
    }
  });

  it('agrees with cHasilSchema on paslon votes: counts, ids and their limits', () => {
    const withVotes = (votes: unknown) => ({ ...validKwk(), suara: { ...validKwk().suara, paslon: votes } });
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, 1]));
    for (const votes of [{}, many(1), many(100), many(101), { a: 1, 'b.c': 1 }, { '-a': 1 }, { _a: 1 }, { ['x'.repeat(40)]: 1 }, { ['x'.repeat(41)]: 1 }, { 'é': 1 }, { 'a b': 1 }, { '': 1 }, [1, 2], new Uint8Array(2)]) {
      agree(withVotes(votes));
    }
    agree(withVotes(Object.assign(Object.create(null), { a: 1 })));
  });
});
