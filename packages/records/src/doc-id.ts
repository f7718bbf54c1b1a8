import { desaOfTps } from '@titip/election';
import type { TitipRecord } from './record/titip-record.js';

/**
 * The regional document a record lives in: the desa code (10 digits) of its TPS. Submissions, receipts and
 * attestations of one TPS all land in the same document, so a reconnect syncs one desa at a time.
 */
export function docIdOf(record: Pick<TitipRecord, 'body'>): string {
  return desaOfTps(record.body.tps);
}
