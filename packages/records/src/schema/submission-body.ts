import { cHasilSchema, tpsCodeSchema } from '@titip/election';
import { z } from 'zod';
import { credentialChainSchema, electionIdSchema, objectIdSchema, timeMsSchema } from './common.js';
import { overrideSchema } from './override.js';
import { photoRefSchema } from './photo-ref.js';

/** Object kind of a submission. */
export const SUBMISSION_KIND = 'submission';

/** Highest revision number accepted. */
export const MAX_REVISION = 10_000;

/** Most photos and overrides a submission may carry. Internal (shared with the schema-free body check). */
export const MAX_PHOTOS = 32;
export const MAX_OVERRIDES = 32;

/**
 * Body of a submission: the C.Hasil numbers of one election at one TPS, signed by its operator. Cross-field
 * rules: revision 1 has `supersedes: null`, later revisions name the id they replace; photo hashes and
 * override rules are unique.
 */
export const submissionBodySchema = z
  .strictObject({
    tps: tpsCodeSchema,
    election: electionIdSchema,
    form: cHasilSchema,
    photos: z.array(photoRefSchema).max(MAX_PHOTOS),
    revision: z.int().min(1).max(MAX_REVISION),
    supersedes: objectIdSchema.nullable(),
    overrides: z.array(overrideSchema).max(MAX_OVERRIDES),
    /** The device's clock when signing (ms): advisory, but must lie in the operator credential's window. */
    deviceTime: timeMsSchema,
    /** The operator's credential chain, leaf first, so any peer can verify with only the root key. */
    credentials: credentialChainSchema,
  })
  .superRefine((body, ctx) => {
    if (body.revision === 1 && body.supersedes !== null) {
      ctx.addIssue({ code: 'custom', path: ['supersedes'], message: 'revision 1 supersedes nothing (null)' });
    }
    if (body.revision > 1 && body.supersedes === null) {
      ctx.addIssue({ code: 'custom', path: ['supersedes'], message: 'a revision above 1 names the id it supersedes' });
    }
    const hashes = new Set(body.photos.map((p) => p.sha256));
    if (hashes.size !== body.photos.length) ctx.addIssue({ code: 'custom', path: ['photos'], message: 'duplicate photo hash' });
    const rules = new Set(body.overrides.map((o) => o.rule));
    if (rules.size !== body.overrides.length) ctx.addIssue({ code: 'custom', path: ['overrides'], message: 'duplicate override rule' });
  });

/** A submission body (see {@link submissionBodySchema}). */
export type SubmissionBody = z.infer<typeof submissionBodySchema>;
