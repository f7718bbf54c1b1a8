import * as A from '@automerge/automerge';
import { encode } from 'cborg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WireMessageError, WireVersionError } from '../../src/replication/errors.js';
import { decodeWireMessage, encodeWireMessage } from '../../src/replication/message-codec.js';
import { wireMessageSchema, type WireMessage } from '../../src/replication/messages.js';
import { deepCbor, fuzzParams, fuzzTimeout, mutatedBytes, oddJson, randomBytes, rawCbor, typedOutcome } from '@titip/testkit/fuzz';

const head = (n: number) => n.toString(16).padStart(64, '0');
let doc = A.init<Record<string, Uint8Array>>();
doc = A.change(doc, (d) => {
  d['a'.repeat(64)] = new Uint8Array([1, 2, 3]);
});
const [, firstSync] = A.generateSyncMessage(doc, A.initSyncState());

const valid: WireMessage[] = [
  { t: 'hello', v: 1, scopes: ['1906', '190601', ''], digest: new Uint8Array(32).fill(7), role: 'pps' },
  { t: 'hello', v: 1, scopes: ['1906012001001'], digest: new Uint8Array(32) },
  { t: 'digest', v: 1, digest: new Uint8Array(32).fill(255) },
  { t: 'heads', v: 1, docs: [['1906012001', [head(1), head(2)]], ['1906012002', []]] },
  { t: 'sync', v: 1, doc: '1906012001', data: firstSync! },
  { t: 'reject', v: 1, doc: '1906012001', reason: 'invalid-object', detail: 'bad-signature: object 0f…' },
  { t: 'reject', v: 1, reason: 'malformed', detail: '' },
];
const seeds = valid.map(encodeWireMessage);
const allowed = [WireMessageError, WireVersionError];

/** Every input either decodes to a schema-valid message that round-trips, or is refused with a typed error. */
function check(frame: Uint8Array): void {
  const outcome = typedOutcome(() => decodeWireMessage(frame), allowed);
  if (!outcome.ok) return;
  expect(wireMessageSchema.safeParse(outcome.value).success).toBe(true);
  expect(decodeWireMessage(encodeWireMessage(outcome.value))).toEqual(outcome.value);
}

const field = fc.oneof(
  fc.constantFrom('t', 'v', 'scopes', 'digest', 'role', 'docs', 'doc', 'data', 'reason', 'detail', '__proto__', 'constructor'),
  fc.string({ maxLength: 6 }),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('hello', 'digest', 'heads', 'sync', 'reject', '1906012001', '', 1, 2, 0, -1, null, true, 1.5),
  fc.uint8Array({ maxLength: 40 }),
  fc.array(fc.oneof(fc.string({ maxLength: 14 }), fc.tuple(fc.string({ maxLength: 13 }), fc.array(fc.constantFrom(head(1), 'x'), { maxLength: 2 }))), { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 2 }),
  oddJson,
);
/** Maps shaped like messages: a known or unknown type, any version, fields from the protocol with any values. */
const structured = fc
  .tuple(fc.constantFrom('hello', 'digest', 'heads', 'sync', 'reject', 'x', 1), fc.constantFrom(1, 1, 1, 2, 0, '1', null), fc.dictionary(field, value, { maxKeys: 5 }))
  .map(([t, v, rest]) => {
    const object: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(rest)) Object.defineProperty(object, k, { value: x, enumerable: true, writable: true, configurable: true });
    object['t'] = t;
    object['v'] = v;
    return encode(object);
  });

describe('fuzz: decodeWireMessage', () => {
  it('checks its seeds', () => {
    for (const frame of seeds) check(frame);
    expect(seeds.map((s) => decodeWireMessage(s).t)).toEqual(valid.map((m) => m.t));
  });
  it('refuses mutated valid frames with typed errors or decodes them to valid messages', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(mutatedBytes(seeds), check), fuzzParams(2000, 0.5, 1));
  });
  it('random bytes', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(randomBytes(256), check), fuzzParams(500, 0.15, 2));
  });
  it('random CBOR items (all major types, non-canonical widths, tags, floats, indefinite lengths)', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(rawCbor, check), fuzzParams(1000, 0.15, 3));
  });
  it('deep nesting', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(deepCbor, check), fuzzParams(100, 0.05, 4));
  });
  it('message-shaped maps with wrong fields and values', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(structured, check), fuzzParams(1000, 0.15, 5));
  });

  // Found by this fuzzing: a version that is a map with its own `toString`/`valueOf` key used to make
  // WireVersionError's message call it, so decodeWireMessage threw a TypeError against its contract.
  it('a map as the version gives a typed error', () => {
    for (const v of [{ toString: 1 }, { valueOf: 1, toString: 2 }]) {
      expect(typedOutcome(() => decodeWireMessage(encode({ t: 'hello', v })), allowed).ok).toBe(false);
    }
  });
});
