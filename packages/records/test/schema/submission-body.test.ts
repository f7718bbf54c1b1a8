import { describe, expect, it } from 'vitest';
import { submissionBodySchema } from '../../src/schema/submission-body.js';
import { photoRefSchema } from '../../src/schema/photo-ref.js';
import { overrideSchema } from '../../src/schema/override.js';
import { ELECTION_DAY, TPS, photos, validForm } from '../helpers/scenario.js';

const base = () => ({
  tps: TPS,
  election: 'pkwkk',
  form: validForm(),
  photos: photos(),
  revision: 1,
  supersedes: null as string | null,
  overrides: [] as { rule: string; reason: string }[],
  deviceTime: ELECTION_DAY,
  credentials: [Uint8Array.of(1)],
});

describe('submissionBodySchema', () => {
  it('accepts a first revision', () => {
    expect(submissionBodySchema.safeParse(base()).success).toBe(true);
  });

  it('ties revision and supersedes together', () => {
    expect(submissionBodySchema.safeParse({ ...base(), supersedes: 'a'.repeat(64) }).success).toBe(false);
    expect(submissionBodySchema.safeParse({ ...base(), revision: 2 }).success).toBe(false);
    expect(submissionBodySchema.safeParse({ ...base(), revision: 2, supersedes: 'a'.repeat(64) }).success).toBe(true);
    expect(submissionBodySchema.safeParse({ ...base(), revision: 2, supersedes: 'A'.repeat(64) }).success).toBe(false);
    expect(submissionBodySchema.safeParse({ ...base(), revision: 0 }).success).toBe(false);
  });

  it.each([
    ['a 10-digit TPS', { tps: '1906012001' }],
    ['an unknown field', { extra: 1 }],
    ['a fractional device time', { deviceTime: 1.5 }],
    ['no credentials', { credentials: [] }],
    ['nine credentials', { credentials: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => Uint8Array.of(n)) }],
    ['duplicate photos', { photos: [photos()[0], photos()[0]] }],
    ['duplicate overrides', { overrides: [{ rule: 'gender-total', reason: 'x' }, { rule: 'gender-total', reason: 'y' }] }],
    ['an invalid form', { form: { ...validForm(), form: 'xyz' } }],
    ['an election id with capitals', { election: 'PKWKK' }],
  ])('refuses %s', (_, change) => {
    expect(submissionBodySchema.safeParse({ ...base(), ...change }).success).toBe(false);
  });
});

describe('photoRefSchema', () => {
  const ok = { sha256: 'ab'.repeat(32), page: 1, size: 1, type: 'image/png' };
  it('accepts jpeg/png/webp up to 20 MB and refuses the rest', () => {
    expect(photoRefSchema.safeParse(ok).success).toBe(true);
    expect(photoRefSchema.safeParse({ ...ok, size: 20_000_000, type: 'image/webp' }).success).toBe(true);
    for (const bad of [{ size: 20_000_001 }, { size: 0 }, { page: 0 }, { type: 'image/gif' }, { sha256: 'ab' }, { sha256: 'AB'.repeat(32) }]) {
      expect(photoRefSchema.safeParse({ ...ok, ...bad }).success).toBe(false);
    }
  });
});

describe('overrideSchema', () => {
  it('needs a non-blank reason of at most 500 characters', () => {
    expect(overrideSchema.safeParse({ rule: 'gender-total', reason: 'L/P misprinted' }).success).toBe(true);
    expect(overrideSchema.safeParse({ rule: 'gender-total', reason: 'x'.repeat(500) }).success).toBe(true);
    expect(overrideSchema.safeParse({ rule: 'gender-total', reason: 'x'.repeat(501) }).success).toBe(false);
    expect(overrideSchema.safeParse({ rule: 'gender-total', reason: '   ' }).success).toBe(false);
    expect(overrideSchema.safeParse({ rule: 'Gender Total', reason: 'x' }).success).toBe(false);
  });
});
