import { describe, expect, it } from 'vitest';
import { missingFields } from '../../src/index.js';
import { ppwp2024, validKwk, validPpwp, withoutField } from '../helpers/forms.js';

describe('missingFields', () => {
  it('is empty for complete forms', () => {
    expect(missingFields(validKwk())).toEqual([]);
    expect(missingFields(validPpwp(), ppwp2024)).toEqual([]);
  });

  it('names whole sections, whole rows or single cells', () => {
    expect(missingFields({ form: 'kwk' })).toEqual(['pemilih', 'pengguna', 'disabilitas', 'suratSuara', 'suara']);
    expect(missingFields(withoutField(validPpwp(), 'suratSuara'))).toEqual(['suratSuara']);
    expect(missingFields(withoutField(validPpwp(), 'pemilih.dpk'))).toEqual(['pemilih.dpk']);
    expect(missingFields(withoutField(validPpwp(), 'pengguna.dpt.l'))).toEqual(['pengguna.dpt.l']);
  });

  it('names missing paslon against the election', () => {
    const form = withoutField(validPpwp(), 'suara.paslon.100027');
    expect(missingFields(form)).toEqual([]);
    expect(missingFields(form, ppwp2024)).toEqual(['suara.paslon.100027']);
    expect(missingFields(withoutField(validPpwp(), 'suara.paslon'))).toEqual(['suara.paslon']);
    expect(missingFields(withoutField(validPpwp(), 'suara.paslon'), ppwp2024)).toEqual(['suara.paslon']);
  });
});
