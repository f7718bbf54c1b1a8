import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeExamples } from './helpers/readme-examples.js';

const dir = mkdtempSync(join(tmpdir(), 'titip-store-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const examples = readmeExamples().filter((example) => example.usesDisk);

describe('README (on-disk examples)', () => {
  it('has an on-disk example', () => {
    expect(examples.length).toBeGreaterThanOrEqual(1);
  });

  it.each(examples.map((example) => [example.index, example] as const))('example %i runs and its assertions hold', async (index, example) => {
    const file = join(dir, `example-${index}.ts`);
    writeFileSync(file, example.code);
    await import(file);
  });
});
