import { describe, expect, it } from 'vitest';
import {
  electionDefinitionSchema,
  InvalidElectionDefinitionError,
  parseElectionDefinition,
  type ElectionDefinition,
} from '../../src/index.js';
import { pkwkk1906, ppwp2024 } from '../helpers/forms.js';

const single: ElectionDefinition = {
  ...pkwkk1906,
  paslon: [
    { id: '1000900', nomorUrut: 1, nama: 'CALON TUNGGAL - WAKIL' },
    { id: 'kolom-kosong', nomorUrut: 0, nama: 'Kolom Kosong', kolomKosong: true },
  ],
};

describe('electionDefinitionSchema', () => {
  it('accepts Pilkada and Pemilu definitions and a single pair with kolom kosong', () => {
    expect(parseElectionDefinition(pkwkk1906)).toEqual(pkwkk1906);
    expect(parseElectionDefinition(ppwp2024)).toEqual(ppwp2024);
    expect(parseElectionDefinition(single)).toEqual(single);
  });

  it('accepts five or more pairs', () => {
    const paslon = Array.from({ length: 6 }, (_, i) => ({ id: `10${i}`, nomorUrut: i + 1, nama: `PASLON ${i + 1}` }));
    expect(electionDefinitionSchema.safeParse({ ...pkwkk1906, paslon }).success).toBe(true);
  });

  const bad: Array<[string, unknown, string]> = [
    ['a single pair without kolom kosong', { ...pkwkk1906, paslon: [pkwkk1906.paslon[0]] }, 'paslon'],
    ['kolom kosong next to two pairs', { ...pkwkk1906, paslon: [...pkwkk1906.paslon, single.paslon[1]] }, 'paslon'],
    ['only a kolom kosong', { ...pkwkk1906, paslon: [single.paslon[1]] }, 'paslon'],
    ['no paslon', { ...pkwkk1906, paslon: [] }, 'paslon'],
    ['duplicate ids', { ...pkwkk1906, paslon: [pkwkk1906.paslon[0], { ...pkwkk1906.paslon[1], id: '1000526' }] }, 'paslon.1.id'],
    ['duplicate ballot numbers', { ...pkwkk1906, paslon: [pkwkk1906.paslon[0], { ...pkwkk1906.paslon[1], nomorUrut: 1 }] }, 'paslon.1.nomorUrut'],
    ['a pair with number 0', { ...pkwkk1906, paslon: [{ ...pkwkk1906.paslon[0], nomorUrut: 0 }, pkwkk1906.paslon[1]] }, 'paslon.0.nomorUrut'],
    ['a bad region', { ...pkwkk1906, region: '1906010' }, 'region'],
    ['a bad date', { ...pkwkk1906, date: '2024-02-30' }, 'date'],
    ['a date with time', { ...pkwkk1906, date: '2024-11-27T00:00:00Z' }, 'date'],
    ['an unknown form', { ...pkwkk1906, form: 'dprd' }, 'form'],
    ['a fractional cap', { ...pkwkk1906, maxVotersPerTps: 600.5 }, 'maxVotersPerTps'],
    ['an unknown key', { ...pkwkk1906, extra: 1 }, ''],
    ['a paslon id with a dot', { ...pkwkk1906, paslon: [{ ...pkwkk1906.paslon[0], id: '10.1' }, pkwkk1906.paslon[1]] }, 'paslon.0.id'],
    ['an upper-case election id', { ...pkwkk1906, id: 'PKWKK' }, 'id'],
  ];
  it.each(bad)('rejects %s with InvalidElectionDefinitionError', (_name, input, path) => {
    try {
      parseElectionDefinition(input);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidElectionDefinitionError);
      const e = err as InvalidElectionDefinitionError;
      expect(e.code).toBe('ELECTION_INVALID_DEFINITION');
      expect(e.issues.map((i) => i.path)).toContain(path);
    }
  });
});
