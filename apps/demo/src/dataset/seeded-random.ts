import { InvalidArgumentError } from './errors.js';

/** A seed: a safe integer or a string of 1–256 characters. */
export type Seed = number | string;

/** A small deterministic pseudo-random generator (sfc32 seeded by a cyrb128 hash). Not for cryptography. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  uniform(min: number, max: number): number;
  /** A standard normal deviate (Box–Muller). */
  normal(): number;
}

/**
 * Checks a seed and returns it; `label` names the argument in the error.
 * @throws {InvalidArgumentError} unless the seed is a safe integer or a string of 1–256 characters.
 */
export function checkSeed(seed: unknown, label = 'seed'): Seed {
  if (typeof seed === 'number' && Number.isSafeInteger(seed)) return seed;
  if (typeof seed === 'string' && seed.length >= 1 && seed.length <= 256) return seed;
  throw new InvalidArgumentError(label, 'expected a safe integer or a string of 1–256 characters');
}

/**
 * A generator for `seed`, optionally for a named stream of it (`createRandom(7, 'weights/190601')`): streams with
 * different names are independent, so one part of a computation does not shift the numbers of another.
 * @throws {InvalidArgumentError} for a bad seed.
 */
export function createRandom(seed: Seed, stream = ''): SeededRandom {
  const checked = checkSeed(seed);
  const [a0, b0, c0, d0] = cyrb128(`${typeof checked}:${String(checked)}/${stream}`);
  let a = a0;
  let b = b0;
  let c = c0;
  let d = d0;
  const nextUint32 = (): number => {
    // sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 32-bit variant).
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i += 1) nextUint32();
  const next = (): number => nextUint32() / 4294967296;
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    uniform: (min, max) => min + next() * (max - min),
    normal: () => {
      const u = 1 - next(); // (0, 1]
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}

/** cyrb128: a fast 128-bit string hash, used only to seed sfc32. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i += 1) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
