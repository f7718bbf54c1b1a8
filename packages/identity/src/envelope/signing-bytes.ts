import { encodeCanonical } from '../canonical/encode-canonical.js';
import type { VerifyItem } from '../crypto/batch-verifier.js';
import { MalformedObjectError } from '../errors.js';
import { SIGNATURE_DOMAIN, type SignedObject } from './signed-object.js';

const DOMAIN_BYTES = encodeCanonical(SIGNATURE_DOMAIN);
/** `5820 <signer 32>  5840 <signature 64>` closes every envelope. */
const TAIL_LENGTH = 2 + 32 + 2 + 64;

/**
 * The exact bytes an envelope's signature covers: `encodeCanonical(['titip/sig/v1', kind, signer, body])`.
 * @throws {CanonicalEncodingError} when `body` is not a canonical value.
 */
export function signingBytes(kind: string, signer: Uint8Array, body: unknown): Uint8Array {
  return encodeCanonical([SIGNATURE_DOMAIN, kind, signer, body]);
}

/** The parts of an envelope's bytes that the signature check needs, sliced without decoding. */
interface EnvelopeParts {
  kind: Uint8Array;
  body: Uint8Array;
  signer: Uint8Array;
  signature: Uint8Array;
}

function partsOf(bytes: Uint8Array): EnvelopeParts {
  // Envelope: 85 01 <kind: text, 1- or 2-byte header> <body> 58 20 <signer> 58 40 <signature>
  const n = bytes.length;
  const bad = (): never => {
    throw new MalformedObjectError('envelope', 'bytes do not have the envelope layout');
  };
  if (n < 4 + TAIL_LENGTH || bytes[0] !== 0x85 || bytes[1] !== 0x01) return bad();
  const head = bytes[2]!;
  let kindLength: number;
  if (head >= 0x60 && head <= 0x77) kindLength = 1 + (head - 0x60);
  else if (head === 0x78) kindLength = 2 + bytes[3]!;
  else return bad();
  if (bytes[n - 100] !== 0x58 || bytes[n - 99] !== 32 || bytes[n - 66] !== 0x58 || bytes[n - 65] !== 64) return bad();
  const bodyStart = 2 + kindLength;
  const bodyEnd = n - TAIL_LENGTH;
  if (bodyEnd <= bodyStart) return bad();
  return {
    kind: bytes.subarray(2, bodyStart),
    body: bytes.subarray(bodyStart, bodyEnd),
    signer: bytes.subarray(n - 98, n - 66),
    signature: bytes.subarray(n - 64),
  };
}

/**
 * The signing input of a signed object, spliced from its envelope bytes (no re-encoding of the body):
 * `84 <'titip/sig/v1'> <kind> 5820 <signer> <body>`. Equal to `signingBytes(kind, signer, body)` for every
 * canonical envelope. Depends only on `obj.bytes`, so a verified object is verified as stored and hashed.
 * @throws {MalformedObjectError} when `obj.bytes` does not have the envelope layout.
 */
export function signingBytesOf(obj: Pick<SignedObject, 'bytes'>): Uint8Array {
  const parts = partsOf(obj.bytes);
  const out = new Uint8Array(1 + DOMAIN_BYTES.length + parts.kind.length + 2 + 32 + parts.body.length);
  let o = 0;
  out[o++] = 0x84; // array of 4
  out.set(DOMAIN_BYTES, o);
  o += DOMAIN_BYTES.length;
  out.set(parts.kind, o);
  o += parts.kind.length;
  out[o++] = 0x58; // byte string with a 1-byte length
  out[o++] = 32;
  out.set(parts.signer, o);
  o += 32;
  out.set(parts.body, o);
  return out;
}

/**
 * The {@link VerifyItem} of a signed object (public key, signing input and signature, all taken from
 * `obj.bytes`), for a batch verifier.
 * @throws {MalformedObjectError} when `obj.bytes` does not have the envelope layout.
 */
export function verifyItemOf(obj: Pick<SignedObject, 'bytes'>): VerifyItem {
  const parts = partsOf(obj.bytes);
  return { publicKey: parts.signer, message: signingBytesOf(obj), signature: parts.signature };
}
