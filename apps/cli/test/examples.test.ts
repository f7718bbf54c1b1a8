import { readFileSync } from 'node:fs';
import { checkCHasil, electionFromSirekapPaslon, parseCHasil, parseElectionDefinition } from '@titip/election';
import { describe, expect, it } from 'vitest';
import { examplePath } from './fixtures/forms.js';

const json = (name: string) => JSON.parse(readFileSync(examplePath(name), 'utf8'));

describe('examples/', () => {
  it('elections.json is exactly what electionFromSirekapPaslon builds from the copied paslon-1906.json', () => {
    const source = json('source/paslon-1906.json');
    expect(source._source.repo).toBe('razanfawwaz/pilkada-scrap');
    const built = [electionFromSirekapPaslon(source, { id: 'pkwkp' }), electionFromSirekapPaslon(source, { id: 'pkwkk' })];
    expect(json('elections.json')).toEqual(built);
    for (const e of built) parseElectionDefinition(e);
    expect(built.map((e) => [e.id, e.region, e.paslon.map((p) => p.id)])).toEqual([
      ['pkwkp', '19', ['1000019', '1000020']],
      ['pkwkk', '1906', ['1000526', '1000527']],
    ]);
  });

  it('the source file is an unchanged copy of the shared data', () => {
    const shared = '/work/shared/data/belitung-timur/paslon-1906.json';
    let original: string | undefined;
    try {
      original = readFileSync(shared, 'utf8');
    } catch {
      return; // the shared data is not on every machine
    }
    expect(readFileSync(examplePath('source/paslon-1906.json'), 'utf8')).toBe(original);
  });

  it('the example forms: two pass every rule, the typo breaks gender-total and category-sum', () => {
    const [pkwkp, pkwkk] = json('elections.json');
    expect(checkCHasil(parseCHasil(json('c-hasil-pkwkk.json')), pkwkk)).toEqual({ violations: [], warnings: [], unchecked: [] });
    expect(checkCHasil(parseCHasil(json('c-hasil-pkwkp.json')), pkwkp)).toEqual({ violations: [], warnings: [], unchecked: [] });
    const typo = checkCHasil(parseCHasil(json('c-hasil-pkwkk-typo.json')), pkwkk);
    expect(typo.violations.map((v) => v.rule)).toEqual(['gender-total', 'category-sum']);
    expect(typo.warnings.map((v) => v.rule)).toEqual(['ballots-received-off']);
  });
});
