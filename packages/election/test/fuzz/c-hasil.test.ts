import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ElectionMismatchError, InvalidCHasilError } from '../../src/errors.js';
import { passesCHasilSchema } from '../../src/form/c-hasil-check.js';
import { parseCHasil } from '../../src/form/c-hasil.js';
import { maxCount } from '../../src/form/count.js';
import { parsePartialCHasil } from '../../src/form/partial-c-hasil.js';
import { checkCHasil } from '../../src/rules/check-c-hasil.js';
import { consistentCHasil } from '../helpers/arbitrary-form.js';
import { pkwkk1906, ppwp2024, validKwk, validPpwp } from '../helpers/forms.js';
import { fuzzParams, fuzzTimeout, mutatedJson, mutatedText, oddJson, typedOutcome } from '@titip/testkit/fuzz';

// The C.Hasil JSON an operator signs (`titip-operator sign --form FILE` reads it with cHasilSchema) and the partial
// forms of imported data.
const valid = [validKwk(), validPpwp(), ...fc.sample(consistentCHasil, { seed: 20241127, numRuns: 6 })];
const texts = valid.map((f) => JSON.stringify(f, null, 1));
const allowed = [InvalidCHasilError];

function numbersOf(value: unknown, out: unknown[] = []): unknown[] {
  if (value !== null && typeof value === 'object') for (const v of Object.values(value)) numbersOf(v, out);
  else out.push(value);
  return out;
}

/**
 * parseCHasil and parsePartialCHasil throw only InvalidCHasilError; a complete form is accepted exactly when the
 * independent zod-free check (passesCHasilSchema) accepts it, and every leaf of an accepted form is a count 0–99,999
 * (the paslon votes included). The rules then run on it without throwing anything but their typed errors.
 */
function check(value: unknown): void {
  const full = typedOutcome(() => parseCHasil(value), allowed);
  const plain = value === null || typeof value !== 'object' || [Object.prototype, null, Array.prototype].includes(Object.getPrototypeOf(value));
  if (plain) expect(full.ok).toBe(passesCHasilSchema(value));
  const partial = typedOutcome(() => parsePartialCHasil(value), allowed);
  if (full.ok) expect(partial.ok).toBe(true);
  for (const outcome of [full, partial]) {
    if (!outcome.ok) {
      expect((outcome.error as InvalidCHasilError).issues.length).toBeGreaterThan(0);
      continue;
    }
    const { form: type, ...sections } = outcome.value;
    expect(['kwk', 'ppwp']).toContain(type);
    for (const n of numbersOf(sections)) expect(Number.isInteger(n) && (n as number) >= 0 && (n as number) <= maxCount).toBe(true);
    const election = outcome.value.form === 'kwk' ? pkwkk1906 : ppwp2024;
    typedOutcome(() => checkCHasil(outcome.value, election), [InvalidCHasilError, ElectionMismatchError]);
  }
}

describe('fuzz: parseCHasil and parsePartialCHasil (C.Hasil JSON files)', () => {
  it('accepts its seeds', () => {
    for (const form of valid) {
      check(form);
      expect(parseCHasil(form)).toEqual(form);
    }
  });
  it('mutated forms (a node replaced by an odd value, removed, or a key added)', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(mutatedJson(valid), check), fuzzParams(2000, 0.55, 261));
  });
  it('mutated JSON texts, parsed as the file reader does', { timeout: fuzzTimeout }, () => {
    fc.assert(
      fc.property(mutatedText(texts), (text) => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          return; // the reader refuses it before the schema (InputFileError)
        }
        check(json);
      }),
      fuzzParams(1500, 0.3, 262),
    );
  });
  it('odd JSON values', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(oddJson, check), fuzzParams(500, 0.15, 263));
  });
});
