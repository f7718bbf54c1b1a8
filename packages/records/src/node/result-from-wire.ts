import { decodeCanonical, type CredentialBody } from '@titip/identity';
import type { TitipRecord } from '../record/titip-record.js';
import type { RecordVerification } from '../verify/verify-record.js';
import type { WireResult } from './worker-protocol.js';

/** Envelope tail: `58 20 <signer 32> 58 40 <signature 64>`. */
const SIGNER_FROM_END = 98;
const SIGNATURE_FROM_END = 64;

/**
 * Rebuilds a verdict on the main thread from a worker's answer and the pack it validated: a valid record gets
 * its own copy of the bytes the worker checked (`pack[start, end)`), signer and signature cut from them (the
 * tail of every canonical envelope), its body (sent by the worker, or for a submission decoded here from
 * those bytes: the same value, see {@link WireResult}), and the leaf credential the worker sent (frozen like
 * those of the credential cache). Failures pass through.
 */
export function resultFromWire(wire: WireResult, pack: Uint8Array, start: number, end: number, id: string): RecordVerification {
  if (!wire.ok) return wire;
  const bytes = pack.slice(start, end);
  const n = bytes.length;
  const body = wire.body ?? ((decodeCanonical(bytes, { maxBytes: n }) as unknown[])[2] as TitipRecord['body']);
  const record = {
    kind: wire.kind,
    body,
    signer: bytes.slice(n - SIGNER_FROM_END, n - SIGNER_FROM_END + 32),
    signature: bytes.slice(n - SIGNATURE_FROM_END),
    bytes,
    hash: id,
    id,
  } as TitipRecord;
  return { ok: true, record, credential: frozen(wire.credential) };
}

function frozen(credential: CredentialBody): CredentialBody {
  if (Object.isFrozen(credential)) return credential; // the same leaf met earlier in this message
  Object.freeze(credential.regions);
  Object.freeze(credential.elections);
  return Object.freeze(credential);
}
