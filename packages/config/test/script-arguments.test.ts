import { describe, expect, it } from 'vitest';
import { scriptArguments } from '../src/script-arguments.js';

describe('scriptArguments', () => {
  it('drops the `--` pnpm and npm pass on before a script’s own arguments, and nothing else', () => {
    expect(scriptArguments(['--', '--report', 'x.json'])).toEqual(['--report', 'x.json']);
    expect(scriptArguments(['--report', 'x.json'])).toEqual(['--report', 'x.json']);
    expect(scriptArguments(['--seed', '3', '--', 'later'])).toEqual(['--seed', '3', '--', 'later']);
    expect(scriptArguments(['--', '--'])).toEqual(['--']);
    expect(scriptArguments([])).toEqual([]);
  });
});
