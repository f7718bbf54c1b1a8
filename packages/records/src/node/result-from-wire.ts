import { desaOfTps } from '@titip/election';
import { decodeCanonical, type CredentialBody } from '@titip/identity';
import { rememberDocId } from '../doc-id.js';
import type { TitipRecord } from '../record/titip-record.js';
import type { RecordVerification } from '../verify/verify-record.js';
import type { WireResult } from './worker-protocol.js';

/** Envelope tail: `58 20 <signer 32> 58 40 <signature 64>`. */
const SIGNER_FROM_END = 98;
const SIGNATURE_FROM_END = 64;

/**
 * Rebuilds a verdict on the main thread from a worker's answer and the pack it validated: a valid record gets
 * its own copy of the bytes the worker checked (`pack[start, end)`), signer and signature cut from them (the
 * tail of every canonical envelope), its body, and the leaf credential the worker sent (frozen like those of
 * the credential cache). Failures pass through.
 *
 * A submission's body is not sent (it is exactly the decoded CBOR, see {@link WireResult}): it is decoded from
 * the pack when first read, through an enumerable getter that then turns into a plain data property; its
 * document id is known from the TPS the worker sends, so the sync layer, which reads only the kind and
 * `docIdOf` of a verdict, never pays for it. The pack is private to the validator (transferred back by the
 * worker), so what is decoded is what was checked.
 */
export function resultFromWire(wire: WireResult, pack: Uint8Array, start: number, end: number, id: string): RecordVerification {
  if (!wire.ok) return wire;
  const bytes = pack.slice(start, end);
  const n = bytes.length;
  const record = {
    kind: wire.kind,
    body: wire.kind === 'submission' ? undefined : wire.body,
    signer: bytes.slice(n - SIGNER_FROM_END, n - SIGNER_FROM_END + 32),
    signature: bytes.slice(n - SIGNATURE_FROM_END),
    bytes,
    hash: id,
    id,
  } as TitipRecord;
  if (wire.kind === 'submission') {
    lazyBody(record, pack.subarray(start, end));
    rememberDocId(record, desaOfTps(wire.tps));
  }
  return { ok: true, record, credential: frozen(wire.credential) };
}

/** Makes `record.body` the body decoded from `envelope` on first read (see {@link resultFromWire}). */
function lazyBody(record: TitipRecord, envelope: Uint8Array): void {
  let body: TitipRecord['body'] | undefined;
  const read = (): TitipRecord['body'] => {
    if (body === undefined) {
      body = (decodeCanonical(envelope, { maxBytes: envelope.length }) as unknown[])[2] as TitipRecord['body'];
      try {
        Object.defineProperty(record, 'body', { value: body, writable: true, enumerable: true, configurable: true });
      } catch {
        // A frozen record keeps the getter, which answers from `body`.
      }
    }
    return body;
  };
  const write = (value: TitipRecord['body']): void => {
    Object.defineProperty(record, 'body', { value, writable: true, enumerable: true, configurable: true });
    body = value;
    rememberDocId(record, null);
  };
  Object.defineProperty(record, 'body', { get: read, set: write, enumerable: true, configurable: true });
}

function frozen(credential: CredentialBody | null): CredentialBody | null {
  if (credential === null || Object.isFrozen(credential)) return credential; // the same leaf met earlier in this message
  Object.freeze(credential.regions);
  Object.freeze(credential.elections);
  return Object.freeze(credential);
}
