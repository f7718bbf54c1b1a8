import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cHasilSchema,
  checkCHasil,
  checkCHasilParsed,
  ElectionMismatchError,
  fieldPaths,
  getField,
  hardRuleIds,
  InvalidCHasilError,
  InvalidElectionDefinitionError,
  partialCHasilSchema,
  type CHasil,
} from '../../src/index.js';
import { consistentCHasil } from '../helpers/arbitrary-form.js';
import { pkwkk1906, ppwp2024, validKwk, validPpwp, withField, withoutField } from '../helpers/forms.js';

describe('checkCHasil', () => {
  it('reports nothing on consistent forms; without an election only the election checks are unchecked', () => {
    for (const form of [validKwk(), validPpwp()]) {
      expect(checkCHasil(form)).toEqual({ violations: [], warnings: [], unchecked: ['paslon-set', 'dpt-above-cap'] });
    }
    expect(checkCHasil(validKwk(), pkwkk1906)).toEqual({ violations: [], warnings: [], unchecked: [] });
    expect(checkCHasil(validPpwp(), ppwp2024)).toEqual({ violations: [], warnings: [], unchecked: [] });
  });

  it('marks every rule except box-overflow unchecked on an empty partial form', () => {
    const report = checkCHasil({ form: 'ppwp' }, ppwp2024);
    expect(report.violations).toEqual([]);
    expect(report.unchecked).not.toContain('box-overflow');
    expect(report.unchecked).toContain('gender-total');
    expect(report.unchecked).toHaveLength(14);
  });

  it('orders findings by rule, then by row', () => {
    let form = withField(validPpwp(), 'suara.sah', 251);
    form = withField(form, 'pemilih.dpt.j', 284);
    const rules = checkCHasil(form).violations.map((v) => v.rule);
    expect(rules).toEqual([...rules].sort((a, b) => hardRuleIds.indexOf(a as never) - hardRuleIds.indexOf(b as never)));
    expect(rules[0]).toBe('gender-total');
  });

  it('throws typed errors on bad input instead of crashing', () => {
    expect(() => checkCHasil({ form: 'kwk', suara: { sah: -1 } } as never)).toThrow(InvalidCHasilError);
    expect(() => checkCHasil(null as never)).toThrow(InvalidCHasilError);
    expect(() => checkCHasil({ ...validKwk(), hack: 1 } as never)).toThrow(InvalidCHasilError);
    expect(() => checkCHasil(validKwk(), ppwp2024)).toThrow(ElectionMismatchError);
    expect(() => checkCHasil(validKwk(), { ...pkwkk1906, paslon: [] })).toThrow(InvalidElectionDefinitionError);
  });

  it('does not change its input', () => {
    const form = withField(validKwk(), 'suara.sah', 1);
    const copy = structuredClone(form);
    checkCHasil(form, pkwkk1906);
    expect(form).toEqual(copy);
  });

  it('property: generated consistent forms pass every hard rule (seeded)', () => {
    fc.assert(
      fc.property(consistentCHasil, (form) => {
        expect(checkCHasil(form).violations).toEqual([]);
      }),
      { seed: 20240214, numRuns: 300 },
    );
  });

  it('property: changing any single number is caught by a hard rule that names that field (seeded)', () => {
    fc.assert(
      fc.property(consistentCHasil, fc.nat(), fc.integer({ min: 1, max: 50 }), (form: CHasil, pick, delta) => {
        const paths = fieldPaths(form.form, Object.keys(form.suara.paslon));
        const path = paths[pick % paths.length] as string;
        const value = getField(form, path) as number;
        const changed = withField(form, path, value >= delta ? value - delta : value + delta);
        const { violations } = checkCHasil(changed);
        expect(violations.some((v) => v.fields.includes(path))).toBe(true);
      }),
      { seed: 20241127, numRuns: 500 },
    );
  });
});

describe('checkCHasilParsed', () => {
  const electionFor = (form: CHasil) => (form.form === 'kwk' ? pkwkk1906 : ppwp2024);

  it('gives the same report as checkCHasil on schema-parsed input (complete, broken and partial forms, with and without an election)', () => {
    fc.assert(
      fc.property(consistentCHasil, fc.nat(), fc.integer({ min: -30, max: 30 }), fc.boolean(), fc.nat(), (form: CHasil, pick, delta, drop, dropPick) => {
        const paths = fieldPaths(form.form, Object.keys(form.suara.paslon));
        const path = paths[pick % paths.length] as string;
        let changed: CHasil = withField(form, path, Math.max(0, (getField(form, path) as number) + delta));
        if (drop) changed = withoutField(changed, paths[dropPick % paths.length] as string);
        for (const election of [undefined, electionFor(form)]) {
          const expected = checkCHasil(changed, election);
          expect(checkCHasilParsed(partialCHasilSchema.parse(changed), election)).toEqual(expected);
          if (!drop) expect(checkCHasilParsed(cHasilSchema.parse(changed), election)).toEqual(expected);
        }
      }),
      { seed: 20241203, numRuns: 400 },
    );
    expect(checkCHasilParsed({ form: 'ppwp' }, ppwp2024)).toEqual(checkCHasil({ form: 'ppwp' }, ppwp2024));
    const withUnknownPaslon = withField(validKwk(), 'suara.paslon.999', 0);
    expect(checkCHasilParsed(withUnknownPaslon, pkwkk1906)).toEqual(checkCHasil(withUnknownPaslon, pkwkk1906));
  });

  it('still refuses a form of the other type and a value that is not a form, with typed errors', () => {
    expect(() => checkCHasilParsed(validKwk(), ppwp2024)).toThrow(ElectionMismatchError);
    expect(() => checkCHasilParsed(null as never)).toThrow(InvalidCHasilError);
    expect(() => checkCHasilParsed({ form: 'pilpres' } as never)).toThrow(InvalidCHasilError);
  });
});
