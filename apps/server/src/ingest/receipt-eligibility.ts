import { isWithinRegion } from '@titip/election';
import { regionWithinAny } from '@titip/identity';
import type { Network } from '@titip/config';
import type { SubmissionRecord } from '@titip/records';

/**
 * Why the server does not receipt a (verified) submission:
 * - `unknown-election`: its election is not in the network file;
 * - `outside-election`: its TPS does not lie in the election's region;
 * - `outside-credential`: the server credential does not cover its TPS or election (a receipt would not verify);
 * - `credential-expired`: the server credential is not valid now (install a new one and restart: the missing
 *   receipts are issued on start).
 */
export type ReceiptRefusal = 'unknown-election' | 'outside-election' | 'outside-credential' | 'credential-expired';

/** Every {@link ReceiptRefusal}, for counters and tests. */
export const RECEIPT_REFUSALS: readonly ReceiptRefusal[] = ['unknown-election', 'outside-election', 'outside-credential', 'credential-expired'];

/** Whether the server receipts a submission at time `now`: null when it does, else why not. */
export function receiptRefusal(
  submission: Pick<SubmissionRecord, 'body'>,
  network: Pick<Network, 'election'>,
  credential: { readonly regions: readonly string[]; readonly elections: readonly string[]; readonly validFrom: number; readonly validUntil: number },
  now: number,
): ReceiptRefusal | null {
  const { tps, election } = submission.body;
  const definition = network.election(election);
  if (definition === undefined) return 'unknown-election';
  if (!isWithinRegion(tps, definition.region)) return 'outside-election';
  if (!credential.elections.includes(election) || !regionWithinAny(tps, credential.regions)) return 'outside-credential';
  if (now < credential.validFrom || now >= credential.validUntil) return 'credential-expired';
  return null;
}
