import { describe, expect, it } from 'vitest';
import {
  desaCodeSchema,
  electionRegionSchema,
  kabupatenCodeSchema,
  kecamatanCodeSchema,
  provinsiCodeSchema,
  regionCodeSchema,
  tpsCodeSchema,
} from '../../src/index.js';

describe('region code schemas', () => {
  it('regionCodeSchema accepts every level and rejects the rest', () => {
    for (const ok of ['19', '1906', '190601', '1906012001', '1906012001001']) expect(regionCodeSchema.safeParse(ok).success).toBe(true);
    for (const bad of ['1906010', '', '19.06', 1906, null, '1970']) expect(regionCodeSchema.safeParse(bad).success).toBe(false);
  });

  it('level schemas accept only their own length', () => {
    const cases: Array<[typeof tpsCodeSchema, string]> = [
      [provinsiCodeSchema, '19'],
      [kabupatenCodeSchema, '1906'],
      [kecamatanCodeSchema, '190601'],
      [desaCodeSchema, '1906012001'],
      [tpsCodeSchema, '1906012001001'],
    ];
    for (const [schema, good] of cases) {
      for (const [, other] of cases) expect(schema.safeParse(other).success).toBe(other === good);
    }
  });

  it('explains the problem in the issue message', () => {
    const result = tpsCodeSchema.safeParse('1906010');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/BPS/);
    expect(tpsCodeSchema.safeParse('1906012001').error?.issues[0]?.message).toMatch(/tps code of 13 digits/);
  });

  it("electionRegionSchema also accepts '' (national)", () => {
    expect(electionRegionSchema.safeParse('').success).toBe(true);
    expect(electionRegionSchema.safeParse('19').success).toBe(true);
    expect(electionRegionSchema.safeParse('x').success).toBe(false);
  });
});
