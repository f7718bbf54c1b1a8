import { describe, expect, it } from 'vitest';
import { durationArg, electionListArg, overridesArg, photosArg, regionListArg, revisionArg, tpsListArg } from '../../src/cli/arg-schemas.js';

describe('argument schemas', () => {
  it('durations: ms, s, m, h and plain seconds', () => {
    expect(durationArg.parse('500ms')).toBe(500);
    expect(durationArg.parse('120s')).toBe(120_000);
    expect(durationArg.parse('2m')).toBe(120_000);
    expect(durationArg.parse('1h')).toBe(3_600_000);
    expect(durationArg.parse('30')).toBe(30_000);
    for (const bad of ['', '0', '-5s', '1.5s', '2d', '9999999h']) expect(durationArg.safeParse(bad).success).toBe(false);
  });

  it('region lists: codes, the nation alone, no BPS codes', () => {
    expect(regionListArg.parse('1906,190601')).toEqual(['1906', '190601']);
    expect(regionListArg.parse('')).toEqual(['']);
    expect(regionListArg.safeParse(',1906').success).toBe(false);
    expect(regionListArg.safeParse('1906010').success).toBe(false);
    expect(tpsListArg.parse('1906012001001, 1906012001002')).toEqual(['1906012001001', '1906012001002']);
    expect(tpsListArg.safeParse('1906012001').success).toBe(false);
  });

  it('election lists', () => {
    expect(electionListArg.parse('pkwkp,pkwkk')).toEqual(['pkwkp', 'pkwkk']);
    expect(electionListArg.safeParse('pkwkk,').success).toBe(false);
    expect(electionListArg.safeParse('PKWKK').success).toBe(false);
  });

  it('overrides: RULE=REASON, the reason may hold = signs', () => {
    expect(overridesArg.parse(['gender-total=J = L + P salah di lembar'])).toEqual([{ rule: 'gender-total', reason: 'J = L + P salah di lembar' }]);
    for (const bad of [['gender-total'], ['gender-total=  '], ['Gender=x'], ['=x']]) expect(overridesArg.safeParse(bad).success).toBe(false);
  });

  it('photos: SHA256:PAGE:SIZE:TYPE', () => {
    const hash = 'ab'.repeat(32);
    expect(photosArg.parse([`${hash}:2:245760:image/jpeg`])).toEqual([{ sha256: hash, page: 2, size: 245760, type: 'image/jpeg' }]);
    for (const bad of [`${hash}:0:1:image/jpeg`, `${hash}:1:1:image/gif`, `${hash}:1:1`, `${hash}:1:1:image/png:x`, `AB:1:1:image/png`]) {
      expect(photosArg.safeParse([bad]).success).toBe(false);
    }
  });

  it('revisions', () => {
    expect(revisionArg.parse('2')).toBe(2);
    for (const bad of ['0', '01', '1.0', '10001', 'x']) expect(revisionArg.safeParse(bad).success).toBe(false);
  });
});
