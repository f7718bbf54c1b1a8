import { levelOfLength } from './region-level.js';

/**
 * Why `code` is not a valid Kemendagri region code, or `null` when it is one.
 * Shared by {@link parseRegionCode} and the zod schemas so both reject the same inputs.
 *
 * Checked per segment: provinsi 11–99 with no zero digit (no province code has one), kabupaten/kota 01–69 or
 * 71–99 (70 and 00 are impossible), kecamatan 01–99, desa 1001–1999 (kelurahan) or 2001–2999 (desa),
 * TPS 001–999.
 */
export function regionCodeProblem(code: unknown): string | null {
  if (typeof code !== 'string') return `expected a string, got ${code === null ? 'null' : typeof code}`;
  if (!/^[0-9]+$/.test(code)) return 'only the digits 0-9 are allowed (write codes without dots)';
  const level = levelOfLength(code.length);
  if (level === undefined) {
    return `a region code has 2, 4, 6, 10 or 13 digits, not ${code.length}` +
      (code.length === 7 ? ' (7 digits looks like a BPS code: do not mix the schemes)' : '');
  }
  if (code[0] === '0' || code[1] === '0') return `provinsi ${code.slice(0, 2)} does not exist`;
  if (code.length >= 4) {
    const kab = Number(code.slice(2, 4));
    if (kab === 0 || kab === 70) return `kabupaten/kota number ${code.slice(2, 4)} is impossible (01-69 kabupaten, 71-99 kota)`;
  }
  if (code.length >= 6 && code.slice(4, 6) === '00') return 'kecamatan number 00 is impossible';
  if (code.length >= 10) {
    const kind = code[6];
    if (kind !== '1' && kind !== '2') return `desa part ${code.slice(6, 10)} must start with 1 (kelurahan) or 2 (desa)`;
    if (code.slice(7, 10) === '000') return 'desa number 000 is impossible';
  }
  if (code.length === 13 && code.slice(10) === '000') return 'TPS number 000 is impossible';
  return null;
}
