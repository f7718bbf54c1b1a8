import { tpsCodeSchema } from '@titip/election';
import { z } from 'zod';
import { credentialChainSchema, electionIdSchema, objectIdSchema, timeMsSchema } from './common.js';

/** Object kind of an attestation. */
export const ATTESTATION_KIND = 'attestation';

/** Stages of the chain of custody a relay attests for, and the length of the region code each sits at. */
export const ATTESTATION_STAGES = { pps: 10, ppk: 6 } as const;

/** A chain-of-custody stage: `pps` (desa committee) or `ppk` (kecamatan committee). */
export type AttestationStage = keyof typeof ATTESTATION_STAGES;

/**
 * Body of an attestation: a PPS/PPK relay states it has seen a submission ("seen at PPK 190601").
 * `region` is the desa (pps, 10 digits) or kecamatan (ppk, 6 digits) code of the relay, and the TPS lies in it.
 */
export const attestationBodySchema = z
  .strictObject({
    submission: objectIdSchema,
    tps: tpsCodeSchema,
    election: electionIdSchema,
    stage: z.enum(['pps', 'ppk']),
    region: z.string().regex(/^\d{6}(?:\d{4})?$/, 'a kecamatan (6) or desa (10) code'),
    /** Relay clock when it saw the submission (ms). */
    seenAt: timeMsSchema,
    /** The relay credential chain, leaf first. */
    credentials: credentialChainSchema,
  })
  .superRefine((body, ctx) => {
    if (body.region.length !== ATTESTATION_STAGES[body.stage]) {
      ctx.addIssue({ code: 'custom', path: ['region'], message: `a ${body.stage} region has ${ATTESTATION_STAGES[body.stage]} digits` });
    } else if (!body.tps.startsWith(body.region)) {
      ctx.addIssue({ code: 'custom', path: ['tps'], message: 'the TPS does not lie in the attesting region' });
    }
  });

/** An attestation body. */
export type AttestationBody = z.infer<typeof attestationBodySchema>;
