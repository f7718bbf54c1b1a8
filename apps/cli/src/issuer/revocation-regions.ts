import { REVOCATION_REGION_PATTERN } from '@titip/records';

/**
 * The regions whose documents a revocation of a credential with `regions` goes to by default: the desa of each TPS
 * (an operator), the region itself when it is a provinsi, kabupaten, kecamatan or desa code (a relay, an issuer),
 * deduplicated. `null` when some region has no document of its own (`''`, the nation): then the caller must name them.
 */
export function revocationRegionsOf(regions: readonly string[]): string[] | null {
  const out = new Set<string>();
  for (const region of regions) {
    const code = region.length === 13 ? region.slice(0, 10) : region;
    if (!REVOCATION_REGION_PATTERN.test(code)) return null;
    out.add(code);
  }
  return [...out];
}
