import { tpsCodeSchema } from '@titip/election';
import { z } from 'zod';
import { credentialChainSchema, electionIdSchema, objectIdSchema, timeMsSchema } from './common.js';
import { MAX_REVISION } from './submission-body.js';

/** Object kind of a receipt. */
export const RECEIPT_KIND = 'receipt';

/** Body of a receipt: the KPU server acknowledges that it received and verified one submission. */
export const receiptBodySchema = z.strictObject({
  /** Id of the submission acknowledged. */
  submission: objectIdSchema,
  tps: tpsCodeSchema,
  election: electionIdSchema,
  revision: z.int().min(1).max(MAX_REVISION),
  /** Server clock at receipt (ms). */
  receivedAt: timeMsSchema,
  /** The server credential chain (a root-signed server credential). */
  credentials: credentialChainSchema,
});

/** A receipt body. */
export type ReceiptBody = z.infer<typeof receiptBodySchema>;
