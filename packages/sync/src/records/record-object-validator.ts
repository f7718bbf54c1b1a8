import { docIdOf, type RecordValidator } from '@titip/records';
import type { ObjectValidator, ObjectVerdict } from '../replication/object-validator.js';

/**
 * The object validator of a Titip peer: every object must be a well-formed, correctly signed election record
 * (submission, receipt, attestation) whose credential chain leads to the KPU root, stored under its own hash.
 * Its document is the desa of its TPS. The verdict carries the decoded `TitipRecord` on to the replica's listeners.
 */
export function recordObjectValidator(validator: RecordValidator): ObjectValidator {
  return {
    async validate(entries) {
      const results = await validator.batch(entries);
      return results.map((result): ObjectVerdict =>
        result.ok
          ? { ok: true, docId: docIdOf(result.record), kind: result.record.kind, decoded: result.record }
          : { ok: false, code: result.failure.code, message: result.failure.message },
      );
    },
  };
}
