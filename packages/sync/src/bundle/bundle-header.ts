import { z } from 'zod';
import { MAX_SCOPES } from '../replication/constants.js';

const regionCode = z.string().regex(/^(\d{2,13})?$/, 'a region code of 2–13 digits, or "" for the nation');
const count = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Who wrote a bundle: the exporting replica's scopes and, when given, its peer id, role and a label. */
export const bundleSourceSchema = z.strictObject({
  scopes: z.array(regionCode).min(1).max(MAX_SCOPES),
  peer: z.string().min(1).max(128).optional(),
  role: z.string().min(1).max(32).optional(),
  label: z.string().min(1).max(200).optional(),
});

/**
 * The header of a bundle (canonical CBOR map): when it was written, by whom, which regions it covers, whether it
 * leaves out what another peer already held (`delta`), and how many objects follow.
 */
export const bundleHeaderSchema = z.strictObject({
  createdAt: count,
  source: bundleSourceSchema,
  regions: z.array(regionCode).min(1).max(MAX_SCOPES),
  delta: z.boolean(),
  objects: count,
});

/** The header of a version 2 bundle: version 1's and the number of blobs that follow the objects. */
export const bundleHeaderV2Schema = bundleHeaderSchema.extend({ blobs: count });

/** Who wrote a bundle. */
export type BundleSource = z.infer<typeof bundleSourceSchema>;

/** The header of a bundle; `blobs` is present in version 2 (absent: a version 1 bundle, which carries none). */
export type BundleHeader = z.infer<typeof bundleHeaderSchema> & { readonly blobs?: number };
