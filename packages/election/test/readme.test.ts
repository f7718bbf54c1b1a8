import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const srcIndex = new URL('../src/index.ts', import.meta.url).pathname;
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
const dir = mkdtempSync(join(tmpdir(), 'titip-election-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README', () => {
  it('has runnable examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
  });

  it.each(blocks.map((code, i) => [i + 1, code] as const))('example %i runs and its assertions hold', async (i, code) => {
    const file = join(dir, `example-${i}.ts`);
    writeFileSync(file, code.replaceAll("from '@titip/election'", `from ${JSON.stringify(srcIndex)}`));
    await import(file);
  });

  it('documents every rule exactly as the registry has it', () => {
    for (const rule of rules) {
      const row = `| \`${rule.id}\` | ${rule.severity === 'error' ? 'hard' : 'warning'} | ${rule.title.id} | ${rule.title.en} | \`${rule.formula}\` |`;
      expect(readme).toContain(row);
    }
  });
});
