import { describe, expect, it } from 'vitest';
import { createSubmission } from '../../src/create/create-submission.js';
import { InvalidRecordInputError } from '../../src/errors.js';
import type { SubmissionRecord } from '../../src/record/titip-record.js';
import { resolveCurrentResult } from '../../src/resolve/resolve-current-result.js';
import { ELECTION_DAY, provider, scenario, submissionParams, validForm } from '../helpers/scenario.js';

type Scenario = Awaited<ReturnType<typeof scenario>>;

async function revision(s: Scenario, n: number, supersedes: string | null, votes: number): Promise<SubmissionRecord> {
  const form = validForm();
  if (form.form !== 'kwk') throw new Error('unreachable');
  // move votes between the two pairs; totals stay consistent
  form.suara.paslon = { '1000526': votes, '1000527': 390 - votes };
  return createSubmission({ ...submissionParams(s), form, revision: n, supersedes, deviceTime: ELECTION_DAY + n * 60_000 }, provider);
}

describe('resolveCurrentResult', () => {
  it('nothing yet', () => {
    expect(resolveCurrentResult([])).toEqual({ current: null, history: [], equivocations: [], contested: false });
  });

  it('the highest revision is current, whatever the arrival order; duplicates count once', async () => {
    const s = await scenario();
    const r1 = await revision(s, 1, null, 150);
    const r2 = await revision(s, 2, r1.id, 151);
    const r3 = await revision(s, 3, r2.id, 152);
    const result = resolveCurrentResult([r3, r1, r2, r1]);
    expect(result.current?.id).toBe(r3.id);
    expect(result.history.map((r) => r.body.revision)).toEqual([1, 2, 3]);
    expect(result.equivocations).toEqual([]);
    expect(result.contested).toBe(false);
  });

  it('two different objects with the same top revision: both kept and flagged, current falls back and is contested', async () => {
    const s = await scenario();
    const r1 = await revision(s, 1, null, 150);
    const r2a = await revision(s, 2, r1.id, 151);
    const r2b = await revision(s, 2, r1.id, 200);
    const result = resolveCurrentResult([r2b, r1, r2a]);
    expect(result.current?.id).toBe(r1.id);
    expect(result.contested).toBe(true);
    expect(result.equivocations).toEqual([{ revision: 2, ids: [r2a.id, r2b.id].sort() }]);
    expect(result.history.map((r) => r.id)).toEqual(expect.arrayContaining([r1.id, r2a.id, r2b.id]));
  });

  it('an unambiguous later revision is current again, with the equivocation still reported', async () => {
    const s = await scenario();
    const r1 = await revision(s, 1, null, 150);
    const r2a = await revision(s, 2, r1.id, 151);
    const r2b = await revision(s, 2, r1.id, 200);
    const r3 = await revision(s, 3, r2a.id, 152);
    const result = resolveCurrentResult([r1, r2a, r2b, r3]);
    expect(result.current?.id).toBe(r3.id);
    expect(result.contested).toBe(false);
    expect(result.equivocations).toHaveLength(1);
  });

  it('equivocation at revision 1 only: no current', async () => {
    const s = await scenario();
    const a = await revision(s, 1, null, 150);
    const b = await revision(s, 1, null, 151);
    const result = resolveCurrentResult([a, b]);
    expect(result.current).toBeNull();
    expect(result.contested).toBe(true);
  });

  it('refuses submissions of different TPS or elections', async () => {
    const s = await scenario();
    const a = await revision(s, 1, null, 150);
    const other = { ...a, id: 'b'.repeat(64), body: { ...a.body, tps: '1906012001002' } };
    expect(() => resolveCurrentResult([a, other])).toThrow(InvalidRecordInputError);
  });
});
