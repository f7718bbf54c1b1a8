import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeExamples } from './helpers/readme-examples.js';

const dir = mkdtempSync(join(tmpdir(), 'titip-store-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const examples = readmeExamples().filter((example) => !example.usesDisk);

describe('README (in-memory examples)', () => {
  it('has runnable examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples.map((example) => [example.index, example] as const))('example %i runs and its assertions hold', async (index, example) => {
    const file = join(dir, `example-${index}.ts`);
    writeFileSync(file, example.code);
    await import(file);
  });

  it('documents every error code', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const codes = [...readFileSync(new URL('../src/errors.ts', import.meta.url), 'utf8').matchAll(/readonly code = '([A-Z_]+)'/g)];
    expect(codes.length).toBe(10);
    for (const [, code] of codes) expect(readme).toContain(`| \`${code}\` |`);
  });
});
