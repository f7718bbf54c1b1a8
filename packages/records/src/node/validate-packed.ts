import { createCredentialCache, hashHex } from '@titip/identity';
import { createNodeEd25519 } from '@titip/identity/node';
import type { ElectionDefinition } from '@titip/election';
import { decodeEntry, hashMismatchFailure } from '../verify/open-entry.js';
import { verifyDecodedRecord, type VerifyRecordOptions } from '../verify/verify-record.js';
import { unpackEntries } from './entry-pack.js';
import type { WireResult, WorkerConfig } from './worker-protocol.js';

/**
 * The validation a worker runs on each pack: for every entry the hash check, strict decoding and schema,
 * signature, credential chain (through the worker's own credential cache), scope and rules, with native
 * Ed25519. Exactly the checks of `createRecordValidator`, by the same functions, in the same order.
 * @throws {RangeError} when the buffer is not a well-formed pack (a bug of the sender, not of an entry).
 */
export function createPackValidator(config: WorkerConfig): (buffer: ArrayBuffer) => Promise<WireResult[]> {
  const elections = new Map<string, ElectionDefinition>(config.elections.map((e) => [e.id, e]));
  const options: VerifyRecordOptions = {
    root: config.root,
    provider: createNodeEd25519(Math.max(4096, config.cacheSize)),
    cache: createCredentialCache(config.cacheSize),
    clockSkewMs: config.clockSkewMs,
    ...(config.checkTimeAt === undefined ? {} : { checkTimeAt: config.checkTimeAt }),
    maxBytes: config.maxBytes,
    elections: (id) => elections.get(id),
  };
  return async (buffer) => {
    const results: WireResult[] = [];
    for (const entry of unpackEntries(buffer)) {
      const bytes = new Uint8Array(buffer, entry.start, entry.end - entry.start);
      const hash = hashHex(bytes);
      if (hash !== entry.id) {
        results.push({ ok: false, failure: hashMismatchFailure(entry.id, hash) });
        continue;
      }
      const opened = decodeEntry(bytes, config.maxBytes);
      if (!opened.ok) {
        results.push(opened);
        continue;
      }
      const verdict = await verifyDecodedRecord(opened.record, options);
      if (!verdict.ok) results.push(verdict);
      else if (verdict.record.kind === 'submission') results.push({ ok: true, kind: 'submission', tps: verdict.record.body.tps, credential: verdict.credential! });
      else results.push({ ok: true, kind: verdict.record.kind, body: verdict.record.body, credential: verdict.credential });
    }
    return results;
  };
}
