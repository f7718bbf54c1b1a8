import { describe, expect, it } from 'vitest';
import { printable } from '../../src/cli/printable.js';

describe('printable', () => {
  it('escapes C0 and C1 controls, DEL, bidi and zero-width marks, separators, the BOM and lone surrogates', () => {
    expect(printable('\x1b[31mred\x00\x07\t\r\x7f\x9b')).toBe('\\x1b[31mred\\x00\\x07\\x09\\x0d\\x7f\\x9b');
    expect(printable('a\u202eb\u200bc\u2028d\ufeffe\u2066f')).toBe('a\\u{202e}b\\u{200b}c\\u{2028}d\\u{feff}e\\u{2066}f');
    expect(printable('x\ud800y\udc00z')).toBe('x\\u{d800}y\\u{dc00}z');
  });

  it('keeps line feeds, Indonesian text, the replacement character and emoji', () => {
    const text = 'Pelanggaran aturan wajib / hard-rule violations:\n  ✗ gender-total … \ufffd 😀 Rp1.000 “kutip”';
    expect(printable(text)).toBe(text);
  });
});
