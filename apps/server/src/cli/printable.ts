/**
 * Characters that must not reach a terminal raw: C0 controls but the line feed (ESC would start a terminal escape
 * sequence, NUL and BEL garble or beep), DEL, C1 controls, bidirectional and zero-width formatting marks, line and
 * paragraph separators, the byte order mark, and lone surrogates.
 */
const UNPRINTABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `text` safe to print on a terminal: every non-printable character (see above) is shown as an escape, `\x1b` below
 * U+0100 and `\u{202e}` above, so a binary or hostile file named in an error cannot inject control sequences.
 * Line feeds are kept (multi-line messages).
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
