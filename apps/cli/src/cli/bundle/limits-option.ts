import type { BundleLimits } from '@titip/sync';

/** The bundle limits of `--max-bytes` (absent: the defaults of `@titip/sync`, 256 MiB). */
export function limitsOf(maxBytes: number | undefined): BundleLimits {
  return maxBytes === undefined ? {} : { maxBytes };
}
