import { encodeCanonical, signObject, type KeyPair } from '@titip/identity';
import { provider } from './scenario.js';

/** Signs any body as any kind, bypassing the create functions' checks (what a malicious signer can do). */
export async function signRaw(kind: string, body: object, keyPair: KeyPair): Promise<Uint8Array> {
  return (await signObject(kind, body, keyPair, provider)).bytes;
}

/** The envelope re-encoded canonically with another body but the original signer and signature. */
export function withBody(original: { kind: string; signer: Uint8Array; signature: Uint8Array }, body: object): Uint8Array {
  return encodeCanonical([1, original.kind, body, original.signer, original.signature]);
}

/** The bytes with one bit flipped at `offset` (negative: from the end). */
export function flipBit(bytes: Uint8Array, offset: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  const i = offset < 0 ? out.length + offset : offset;
  out[i]! ^= 1;
  return out;
}

/** Same value, not canonical: the envelope version written as 0x18 0x01 instead of 0x01. */
export function nonCanonical(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 1);
  out.set([bytes[0]!, 0x18, 0x01]);
  out.set(bytes.subarray(2), 3);
  return out;
}
