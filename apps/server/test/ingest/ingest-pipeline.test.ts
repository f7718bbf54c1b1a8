import { docIdOf, type SubmissionRecord } from '@titip/records';
import { beforeAll, describe, expect, it } from 'vitest';
import { IngestPipeline } from '../../src/ingest/ingest-pipeline.js';
import { ResultsIndex } from '../../src/index/results-index.js';
import { memoryReplica } from '../fixtures/memory-replica.js';
import { bupatiForm, scenario, submit, TPS_A, TPS_B, type Scenario } from '../fixtures/scenario.js';

let s: Scenario;
beforeAll(async () => {
  s = await scenario('ingest-pipeline');
});

describe('IngestPipeline', () => {
  it('indexes the record the validator decoded (no second decoding), and offers each new submission once', async () => {
    const { replica } = await memoryReplica(s.trust.network);
    const index = new ResultsIndex();
    const offered: SubmissionRecord[] = [];
    const pipeline = new IngestPipeline({ source: replica, index, onSubmission: (sub) => offered.push(sub) });
    expect(pipeline.start()).toBe(0);
    const decoded: unknown[] = [];
    replica.onObjectsAdded((e) => decoded.push(...e.added.map((entry) => entry.decoded)));
    const sub = await submit(await s.operator(TPS_A), TPS_A, bupatiForm(100, 200));
    await replica.addLocal(docIdOf(sub), [{ id: sub.id, bytes: sub.bytes }]); // validated by the replica
    expect(offered).toHaveLength(1);
    expect(offered[0]).toBe(decoded[0]); // the very record the validator produced
    expect(offered[0]!.id).toBe(sub.id);
    expect(index.has(sub.id)).toBe(true);
    pipeline.stop();
  });

  it('decodes the bytes when the entry carries no record, or one that is not its own', async () => {
    const a = await submit(await s.operator(TPS_A), TPS_A, bupatiForm(1, 2));
    const b = await submit(await s.operator(TPS_B), TPS_B, bupatiForm(3, 4));
    let listener: ((event: { docId: string; added: { id: string; bytes: Uint8Array; decoded?: unknown }[]; origin: 'local' }) => void) | undefined;
    const source = {
      onObjectsAdded: (l: typeof listener) => ((listener = l), () => (listener = undefined)),
      objects: () => [],
    };
    const index = new ResultsIndex();
    const offered: SubmissionRecord[] = [];
    const pipeline = new IngestPipeline({ source: source as never, index, onSubmission: (sub) => offered.push(sub) });
    pipeline.start();
    listener!({
      docId: docIdOf(a),
      origin: 'local',
      added: [
        { id: a.id, bytes: a.bytes, decoded: b }, // another object's record: ignored
        { id: b.id, bytes: b.bytes, decoded: { id: b.id, kind: 'submission' } }, // not a record: ignored
      ],
    });
    expect(offered.map((o) => o.id)).toEqual([a.id, b.id]);
    expect(offered[0]!.body.tps).toBe(TPS_A);
    expect(offered[1]!.body.tps).toBe(TPS_B);
    expect(pipeline.undecodable).toBe(0);
    pipeline.stop();
  });
});
