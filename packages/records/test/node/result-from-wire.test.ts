import { decodeCredential } from '@titip/identity';
import { describe, expect, it } from 'vitest';
import { createSubmission } from '../../src/create/create-submission.js';
import { packEntries, unpackEntries } from '../../src/node/entry-pack.js';
import { docIdOf } from '../../src/doc-id.js';
import { resultFromWire } from '../../src/node/result-from-wire.js';
import { decodeRecord } from '../../src/record/decode-record.js';
import { provider, scenario, submissionParams } from '../helpers/scenario.js';

async function setup() {
  const s = await scenario();
  const r = await createSubmission(submissionParams(s), provider);
  const pack = new Uint8Array(packEntries([{ id: r.id, bytes: r.bytes }]));
  const { start, end } = unpackEntries(pack.buffer as ArrayBuffer)[0]!;
  const leaf = decodeCredential(r.body.credentials[0]);
  if (!leaf.ok) throw new Error('unreachable');
  const wire = { ok: true as const, kind: 'submission' as const, tps: r.body.tps, credential: structuredClone(leaf.obj.body) };
  const make = () => resultFromWire(wire, pack, start, end, r.id);
  return { r, make, expected: decodeRecord(r.bytes) };
}

describe('resultFromWire', () => {
  it('rebuilds the record decodeRecord gives, from the pack, with its own bytes', async () => {
    const { make, expected } = await setup();
    const result = make();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.record)).toEqual(Object.keys(expected));
    expect(result.record).toEqual(expected);
    expect(result.record.bytes.buffer.byteLength).toBe(expected.bytes.length);
    expect(Object.isFrozen(result.credential)).toBe(true);
  });

  it('decodes a submission body once, when first read, then holds it as a plain property', async () => {
    const { make, expected } = await setup();
    const result = make();
    if (!result.ok) throw new Error('unreachable');
    const { record } = result;
    expect(Object.getOwnPropertyDescriptor(record, 'body')?.get).toBeTypeOf('function');
    record.bytes.fill(0); // the body comes from the bytes the worker checked, not from this copy
    const body = record.body;
    expect(body).toEqual(expected.body);
    expect(record.body).toBe(body);
    expect(Object.getOwnPropertyDescriptor(record, 'body')).toMatchObject({ value: body, writable: true, enumerable: true });
    const unread = make();
    if (!unread.ok) throw new Error('unreachable');
    expect(structuredClone(unread.record)).toMatchObject({ body: expected.body });
  });

  it('knows the document id without decoding the body, and forgets it when the body is replaced', async () => {
    const { make, expected } = await setup();
    const result = make();
    if (!result.ok) throw new Error('unreachable');
    expect(docIdOf(result.record)).toBe(docIdOf(expected));
    expect(Object.getOwnPropertyDescriptor(result.record, 'body')?.get).toBeTypeOf('function'); // still not decoded
    (result.record as { body: unknown }).body = { ...expected.body, tps: '1906022001001' };
    expect(docIdOf(result.record)).toBe('1906022001');
  });

  it('lets the body be replaced before it is read, and still answers on a frozen record', async () => {
    const { make, expected } = await setup();
    const first = make();
    if (!first.ok) throw new Error('unreachable');
    (first.record as { body: unknown }).body = { replaced: true };
    expect(first.record.body).toEqual({ replaced: true });
    const second = make();
    if (!second.ok) throw new Error('unreachable');
    Object.freeze(second.record);
    expect(second.record.body).toEqual(expected.body);
    expect(second.record.body).toBe(second.record.body);
    expect({ ...make() }).toMatchObject({ ok: true });
    const third = make();
    if (!third.ok) throw new Error('unreachable');
    expect(JSON.stringify(third.record.body)).toBe(JSON.stringify(expected.body)); // same keys in the same order
  });

  it('passes failures through', () => {
    const failure = { code: 'bad-signature' as const, message: 'x' };
    expect(resultFromWire({ ok: false, failure }, new Uint8Array(0), 0, 0, '')).toEqual({ ok: false, failure });
  });
});
