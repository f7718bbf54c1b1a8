import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRegionCode } from '@titip/election';
import { tempDir } from '@titip/testkit';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { haveFileSchema, parseHaveFile, readHaveFile, type HaveFile } from '../../src/bundle/have-file.js';
import { InputFileError } from '../../src/errors.js';
import { fuzzParams, fuzzTimeout, mutatedJson, mutatedText, oddJson, randomBytes, typedOutcome, typedOutcomeAsync } from '@titip/testkit/fuzz';

const dir = await tempDir('titip-fuzz-have-');
afterAll(() => dir.remove());
const file = join(dir.path, 'input.have.json');

const id = (n: number) => n.toString(16).padStart(2, '0').repeat(32);
const valid: HaveFile[] = [
  { kind: 'titip-have', v: 1, createdAt: '2024-11-28T00:00:00.000Z', regions: [''], label: 'PPS Lalang Jaya laptop', ids: [id(1), id(2), id(171)] },
  { kind: 'titip-have', v: 1, createdAt: '2024-11-27T21:15:00+07:00', regions: ['1906', '1906012001', '1906012001001'], ids: [] },
  { kind: 'titip-have', v: 1, createdAt: '2024-11-28T01:00:00Z', regions: ['19', '190601'], ids: [id(255)] },
];
const texts = [...valid.map((h) => `${JSON.stringify(h)}\n`), JSON.stringify(valid[0], null, 2)];
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Through the file: written, then read back by readHaveFile (slower; a share of the inputs). */
async function checkFile(content: string | Uint8Array): Promise<void> {
  await writeFile(file, content);
  checkOutcome(await typedOutcomeAsync(() => readHaveFile(file), [InputFileError]));
}

/** The text as readHaveFile reads it, checked by parseHaveFile. */
function check(content: string | Uint8Array): void {
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  checkOutcome(typedOutcome(() => parseHaveFile(text, file), [InputFileError]));
}

/** Only InputFileError; an accepted file has every field of its documented shape, and nothing more. */
function checkOutcome(outcome: { ok: true; value: HaveFile } | { ok: false; error: Error }): void {
  if (!outcome.ok) {
    expect((outcome.error as InputFileError).code).toBe('CLI_INPUT_FILE');
    expect(outcome.error.message.length).toBeLessThan(2000);
    return;
  }
  const have = outcome.value;
  expect(Object.keys(have).every((k) => ['kind', 'v', 'createdAt', 'regions', 'label', 'ids'].includes(k))).toBe(true);
  expect(have.kind).toBe('titip-have');
  expect(have.v).toBe(1);
  expect(have.createdAt).toMatch(ISO_WITH_OFFSET);
  expect(Number.isNaN(Date.parse(have.createdAt))).toBe(false);
  expect(have.regions.length >= 1 && have.regions.length <= 64).toBe(true);
  for (const r of have.regions) expect(r === '' || isRegionCode(r)).toBe(true);
  if (have.label !== undefined) expect(typeof have.label === 'string' && have.label.length >= 1 && have.label.length <= 200).toBe(true);
  for (const x of have.ids) expect(x).toMatch(/^[0-9a-f]{64}$/);
  expect(new Set(have.ids).size).toBe(have.ids.length);
  expect(haveFileSchema.safeParse(JSON.parse(JSON.stringify(have))).success).toBe(true);
}

const keys = fc.constantFrom('kind', 'v', 'createdAt', 'regions', 'label', 'ids', '__proto__', 'constructor', 'extra');
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('titip-have', 'titip-bundle', 1, 2, '1', '2024-11-28T00:00:00Z', '2024-11-28T00:00:00', '2024-13-28T00:00:00Z', 'now', '', ['', ''], [''], ['1906'], ['19060'], ['1971'], [id(1), id(1)], [id(1).toUpperCase()], [id(1).slice(1)], []),
  fc.array(fc.constantFrom('', '19', '1906', '190601', '1906012001', '1906012001001', '1', 'x', id(3)), { maxLength: 70 }),
  fc.string({ maxLength: 210 }),
  oddJson,
);
/** Have-shaped objects: every field present or not, with any value. */
const structured = fc.dictionary(keys, fieldValue, { maxKeys: 7 }).map((fields) => {
  const object: Record<string, unknown> = { ...valid[0] };
  for (const [k, x] of Object.entries(fields)) Object.defineProperty(object, k, { value: x, enumerable: true, writable: true, configurable: true });
  return JSON.stringify(object);
});

describe('fuzz: readHaveFile (titip-have v1 files)', () => {
  it('accepts its seeds', async () => {
    for (const text of texts) await checkFile(text);
    for (const text of texts) expect((await readHaveFile((await writeFile(file, text), file))).kind).toBe('titip-have');
  });
  it('mutated texts (characters inserted, deleted, spliced)', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(mutatedText(texts), check), fuzzParams(1500, 0.4, 231));
  });
  it('mutated JSON documents (a node replaced, removed or added)', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(mutatedJson(valid).map((v) => JSON.stringify(v) ?? 'undefined'), check), fuzzParams(1500, 0.29, 232));
  });
  it('have-shaped objects with wrong fields and values', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(structured, check), fuzzParams(1000, 0.2, 233));
  });
  it('random bytes and random JSON', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(fc.oneof(randomBytes(256), oddJson.map((v) => JSON.stringify(v) ?? '')), check), fuzzParams(500, 0.1, 234));
  });
  it('through the file: mutated texts and random bytes written and read back', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(mutatedText(texts), randomBytes(256)), checkFile), fuzzParams(200, 0.01, 235));
  });
});
