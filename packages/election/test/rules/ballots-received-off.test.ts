import { describe, expect, it } from 'vitest';
import { ballotsReceivedBand, checkCHasil } from '../../src/index.js';
import { validKwk, withField, withoutField } from '../helpers/forms.js';
import { findings } from '../helpers/report.js';

describe('ballots-received-off (warning: received far from DPT + 2–2.5% reserve)', () => {
  it('computes the documented band with integer arithmetic', () => {
    expect(ballotsReceivedBand(490)).toEqual([489, 513]); // 490 + 9 - 10, 490 + 13 + 10
    expect(ballotsReceivedBand(200)).toEqual([194, 215]); // 200 + 4 - 10, 200 + 5 + 10
    expect(ballotsReceivedBand(0)).toEqual([0, 10]);
  });

  it('is silent on the band edges', () => {
    const base = validKwk(); // DPT J 490
    for (const received of [489, 513]) {
      let form = withField(base, 'suratSuara.diterima', received);
      form = withField(form, 'suratSuara.tidakDigunakan', received - 403);
      expect(findings(checkCHasil(form), 'ballots-received-off')).toEqual([]);
    }
  });

  it('warns below and above the band with the nearest edge as expected value', () => {
    const low = checkCHasil(withField(validKwk(), 'suratSuara.diterima', 488));
    expect(findings(low, 'ballots-received-off')).toEqual([{ fields: ['suratSuara.diterima', 'pemilih.dpt.j'], expected: 489, actual: 488 }]);
    const high = checkCHasil(withField(validKwk(), 'suratSuara.diterima', 905)); // 105 read as 905 style misread
    expect(findings(high, 'ballots-received-off')).toEqual([{ fields: ['suratSuara.diterima', 'pemilih.dpt.j'], expected: 513, actual: 905 }]);
    expect(high.warnings.find((w) => w.rule === 'ballots-received-off')?.message.id).toContain('wajarnya 489–513 untuk DPT 490');
  });

  it('is unchecked without received ballots', () => {
    expect(checkCHasil(withoutField(validKwk(), 'suratSuara.diterima')).unchecked).toContain('ballots-received-off');
  });
});
