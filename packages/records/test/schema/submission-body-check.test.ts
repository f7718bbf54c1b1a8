import { describe, expect, it } from 'vitest';
import { createSubmission } from '../../src/create/create-submission.js';
import { decodeRecord } from '../../src/record/decode-record.js';
import { submissionBodySchema } from '../../src/schema/submission-body.js';
import { passesSubmissionBodySchema } from '../../src/schema/submission-body-check.js';
import { genderBrokenForm, photos, provider, scenario, submissionParams } from '../helpers/scenario.js';

const ID = 'ab'.repeat(32);

/** Values that break (or, in some places, keep) a field. */
const junk: unknown[] = [
  -1, 0, 1, 1.5, 99, 100, 10_000, 10_001, 20_000_000, 20_000_001, 2 ** 53, Number.NaN, 12n, '', '1', 'x', ID, ID.toUpperCase(),
  '1906012001001', '1906012001000', 'pkwkk', 'PKWKK', 'image/jpeg', 'image/gif', 'gender-total', null, undefined, true, [], [1],
  {}, new Uint8Array(0), new Uint8Array(3), new Uint8Array(16_385), [new Uint8Array(3)], new Map(),
];

function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return [prefix];
  return [prefix, ...Object.keys(value).flatMap((k) => paths((value as Record<string, unknown>)[k], [...prefix, k]))];
}

function edited(body: unknown, path: string[], edit: (parent: Record<string, unknown>, key: string) => void): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  edit(node, path[path.length - 1]!);
  return copy;
}

function decoderLike(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every(decoderLike);
}

/** Never passes what the schema refuses; on decoder-like input, the same verdict as the schema. */
function agree(body: unknown): boolean {
  const passes = passesSubmissionBodySchema(body);
  const schema = submissionBodySchema.safeParse(body).success;
  if (passes) expect(schema).toBe(true);
  if (decoderLike(body)) expect(passes, JSON.stringify(body, (_, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? `bytes(${v.length})` : v))).toBe(schema);
  return schema;
}

async function bodies() {
  const s = await scenario();
  const plain = await createSubmission(submissionParams(s), provider);
  const overridden = await createSubmission({ ...submissionParams(s), form: genderBrokenForm(), overrides: [{ rule: 'gender-total', reason: 'as written' }] }, provider);
  const revised = await createSubmission({ ...submissionParams(s), revision: 2, supersedes: plain.id, photos: [] }, provider);
  return [plain, overridden, revised].map((r) => decodeRecord(r.bytes).body);
}

describe('passesSubmissionBodySchema', () => {
  it('passes valid bodies, as decoded', async () => {
    for (const body of await bodies()) expect(passesSubmissionBodySchema(body)).toBe(true);
  });

  it('agrees with submissionBodySchema on every field replaced, removed or joined by another key', async () => {
    let refused = 0;
    for (const body of await bodies()) {
      for (const path of paths(body).filter((p) => p.length > 0)) {
        for (const value of junk) if (!agree(edited(body, path, (parent, key) => void (parent[key] = value)))) refused++;
        agree(edited(body, path, (parent, key) => void delete parent[key]));
        agree(edited(body, path, (parent, key) => {
          const target = parent[key];
          if (typeof target === 'object' && target !== null && !(target instanceof Uint8Array)) (target as Record<string, unknown>).extra = 1;
        }));
      }
      for (const value of junk) agree(value);
    }
    expect(refused).toBeGreaterThan(1000);
  });

  it('agrees on the cross-field rules and the length limits', async () => {
    const [body] = (await bodies()) as Record<string, unknown>[];
    const withField = (field: string, value: unknown) => ({ ...body!, [field]: value });
    const reason = (r: string) => withField('overrides', [{ rule: 'gender-total', reason: r }]);
    const astral = '😀';
    const cases = [
      { ...body!, revision: 1, supersedes: ID },
      { ...body!, revision: 2, supersedes: null },
      { ...body!, revision: 2, supersedes: ID },
      withField('photos', [...photos('a'), photos('a')[0]]),
      withField('photos', Array.from({ length: 32 }, (_, i) => ({ ...photos('a')[0]!, sha256: i.toString(16).padStart(64, '0') }))),
      withField('photos', Array.from({ length: 33 }, (_, i) => ({ ...photos('a')[0]!, sha256: i.toString(16).padStart(64, '0') }))),
      withField('overrides', [{ rule: 'gender-total', reason: 'a' }, { rule: 'gender-total', reason: 'b' }]),
      reason(' \n\t '),
      reason('x'.repeat(500)),
      reason('x'.repeat(501)),
      reason(astral.repeat(500)),
      reason(astral.repeat(501)),
      reason(`${astral.repeat(499)}xx`),
      withField('credentials', []),
      withField('credentials', new Array(8).fill(new Uint8Array(5))),
      withField('credentials', new Array(9).fill(new Uint8Array(5))),
      withField('credentials', [new Uint8Array(16_384)]),
      withField('deviceTime', Number.MAX_SAFE_INTEGER),
      withField('tps', '1906012001'),
      withField('election', 'a'.repeat(64)),
      withField('election', 'a'.repeat(65)),
    ];
    for (const c of cases) agree(c);
    expect(cases.map((c) => passesSubmissionBodySchema(c))).toEqual(cases.map((c) => submissionBodySchema.safeParse(c).success));
  });
});
