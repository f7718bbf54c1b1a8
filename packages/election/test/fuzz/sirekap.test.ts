import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { electionFromSirekapPaslon } from '../../src/election/from-sirekap-paslon.js';
import { InvalidCHasilError, SirekapFormatError } from '../../src/errors.js';
import { maxCount } from '../../src/form/count.js';
import { readSirekapRekap } from '../../src/sirekap/read-sirekap-rekap.js';
import { readSirekapTps } from '../../src/sirekap/read-sirekap-tps.js';
import { codeOf, fixture, fixtureFiles, fixturesDir } from '../helpers/fixtures.js';
import { fuzzParams, fuzzTimeout, mutatedJson, mutatedText, oddJson, typedOutcome } from '@titip/testkit/fuzz';

const ppwp = electionFromSirekapPaslon(fixture('sirekap-ppwp/paslon.json'), { id: 'ppwp' });
const files = fixtureFiles('sirekap-ppwp').filter((f) => /\/\d+\.json$/.test(f));
const tpsFiles = files.filter((f) => codeOf(f).length === 13);
const rekapFiles = [...files.filter((f) => codeOf(f).length !== 13), ...fixtureFiles('belitung-timur').filter((f) => f.includes('pilkada2024-'))];
const text = (f: string) => readFileSync(join(fixturesDir, f), 'utf8');
const tpsTexts = tpsFiles.map(text);
const tpsValues = tpsTexts.map((t) => JSON.parse(t) as unknown);
const rekapTexts = rekapFiles.map(text);
const rekapValues = rekapTexts.map((t) => JSON.parse(t) as unknown);
// Each TPS file is read as its own TPS; mutated ones as the TPS of the file they came from (or a neighbour).
const tpsCodes = tpsFiles.map(codeOf);

const allowed = [SirekapFormatError, InvalidCHasilError];

/** Every number of a read form is a count; only typed errors otherwise. */
function checkTps(json: unknown, tps: string): void {
  const outcome = typedOutcome(() => readSirekapTps(json, { tps, election: ppwp }), allowed);
  if (!outcome.ok) return;
  const numbers: number[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'number') numbers.push(v);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(outcome.value.form);
  for (const n of numbers) expect(Number.isInteger(n) && n >= 0 && n <= maxCount).toBe(true);
  expect(outcome.value.tps).toBe(tps);
}

function checkRekap(json: unknown): void {
  const outcome = typedOutcome(() => readSirekapRekap(json), [SirekapFormatError]);
  if (!outcome.ok) return;
  for (const votes of [outcome.value.chart ?? {}, ...Object.values(outcome.value.table)]) {
    for (const n of Object.values(votes)) expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
  }
}

/** JSON text that parses (what the readers are given); text that does not parse never reaches them. */
function parsed(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

describe('fuzz: readSirekapTps', () => {
  it('reads every real TPS file', () => {
    expect(tpsFiles.length).toBeGreaterThan(90);
    tpsValues.forEach((v, i) => checkTps(v, tpsCodes[i]!));
  });
  it('real files with values replaced, removed or added', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(mutatedJson(tpsValues), fc.constantFrom(...tpsCodes), checkTps), fuzzParams(2000, 0.6, 61));
  });
  it('real files with their text mutated', { timeout: fuzzTimeout }, () => {
    fc.assert(
      fc.property(mutatedText(tpsTexts), fc.constantFrom(...tpsCodes), (t, tps) => {
        const json = parsed(t);
        if (json.ok) checkTps(json.value, tps);
      }),
      fuzzParams(1000, 0.25, 62),
    );
  });
  it('random JSON', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), oddJson), fc.constantFrom(...tpsCodes), checkTps), fuzzParams(500, 0.15, 63));
  });
});

describe('fuzz: readSirekapRekap', () => {
  it('reads every real rekap file', () => {
    expect(rekapFiles.length).toBeGreaterThan(10);
    rekapValues.forEach(checkRekap);
  });
  it('real files with values replaced, removed or added', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(mutatedJson(rekapValues), checkRekap), fuzzParams(2000, 0.6, 64));
  });
  it('real files with their text mutated', { timeout: fuzzTimeout }, () => {
    fc.assert(
      fc.property(mutatedText(rekapTexts), (t) => {
        const json = parsed(t);
        if (json.ok) checkRekap(json.value);
      }),
      fuzzParams(1000, 0.25, 65),
    );
  });
  it('random JSON', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), oddJson), checkRekap), fuzzParams(500, 0.15, 66));
  });
});
