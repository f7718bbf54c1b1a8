import { describe, expect, it } from 'vitest';
import { statusDisplay } from '../src/status-display.js';

function capture() {
  const chunks: string[] = [];
  return { chunks, write: (text: string) => void chunks.push(text), text: () => chunks.join('') };
}

describe('statusDisplay', () => {
  it('off a terminal prints each distinct status line once, on its own line, and log lines as they are', () => {
    const out = capture();
    const display = statusDisplay(out.write, false);
    display.update('held 0 · forwarded 0');
    display.update('held 0 · forwarded 0');
    display.log('2026-11-27T07:00:00.000Z info  titip-relay: attested\n');
    display.update('held 1 · forwarded 0');
    display.update('held 1 · forwarded 0');
    display.update('held 1 · forwarded 1');
    display.end();
    expect(out.text()).toBe('held 0 · forwarded 0\n2026-11-27T07:00:00.000Z info  titip-relay: attested\nheld 1 · forwarded 0\nheld 1 · forwarded 1\n');
    expect(out.text()).not.toMatch(/\r|\u001b/);
  });

  it('on a terminal redraws the line in place, prints logs above it and ends on a fresh line', () => {
    const out = capture();
    const display = statusDisplay(out.write, true);
    display.log('before\n');
    display.update('held 0');
    display.update('held 1');
    display.log('attested\n');
    display.end();
    display.log('after\n');
    expect(out.chunks).toEqual(['before\n', '\rheld 0\u001b[K', '\rheld 1\u001b[K', '\r\u001b[Kattested\nheld 1\u001b[K', '\n', 'after\n']);
  });
});
