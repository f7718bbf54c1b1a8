import { sha256 } from '@noble/hashes/sha2.js';
import { openMemoryStore } from '@titip/store';
import type { ObjectEntry, ObjectValidator, ObjectVerdict } from '../../src/replication/object-validator.js';
import { Replica } from '../../src/replication/replica.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Test objects for the replication mechanics: UTF-8 text `docId|payload`, stored under their SHA-256. The signed
 * election records have their own validator (tested with real signatures in the integration tests); this one checks
 * what the merge relies on: the id is the hash of the bytes and the object names its document.
 */
export function testObject(docId: string, payload: string): ObjectEntry {
  const bytes = encoder.encode(`${docId}|${payload}`);
  return { id: hex(sha256(bytes)), bytes };
}

/** Validates {@link testObject}s: hash match, shape `docId|payload`, payload not starting with 'forged'. */
export const testValidator: ObjectValidator = {
  async validate(entries) {
    return entries.map((entry): ObjectVerdict => {
      if (hex(sha256(entry.bytes)) !== entry.id) return { ok: false, code: 'hash-mismatch', message: 'id is not the hash of the bytes' };
      const text = decoder.decode(entry.bytes);
      const bar = text.indexOf('|');
      if (bar < 0) return { ok: false, code: 'malformed', message: 'no document id' };
      if (text.slice(bar + 1).startsWith('forged')) return { ok: false, code: 'bad-signature', message: 'forged' };
      return { ok: true, docId: text.slice(0, bar), kind: 'test' };
    });
  },
};

/** A replica on a fresh memory store. */
export async function memoryReplica(scopes: string[]) {
  const store = await openMemoryStore();
  const replica = await Replica.open({ store, scopes, validator: testValidator });
  return { store, replica };
}

/** Lowercase hex. */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Polls `condition` every 10 ms, at most `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
