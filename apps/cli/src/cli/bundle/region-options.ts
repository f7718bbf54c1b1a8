import { z } from 'zod';
import { regionListArg } from '../arg-schemas.js';

/**
 * Repeated `--region CODE` (each may be a comma-separated list): the region codes, deduplicated in the order given;
 * absent stays absent (the command's default: everything held).
 */
export const repeatedRegionsArg = z
  .array(regionListArg)
  .transform((lists) => [...new Set(lists.flat())])
  .refine((regions) => !(regions.includes('') && regions.length > 1), "'' (the nation) covers everything: give it alone")
  .refine((regions) => regions.length <= 64, 'at most 64 regions')
  .optional();

