import { z } from 'zod';

/** Units of {@link byteSizeArg}: decimal (kB = 1000, as on a USB stick's label) and binary (KiB = 1024), as `titip-relay --photo-budget`. */
const UNITS: Readonly<Record<string, number>> = { b: 1, k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** A size in bytes as people write it: `500000`, `200MB`, `1.5 GB`, `512MiB`, `0` (at most 4 GB, a bundle's limit). */
export const byteSizeArg = z.string().transform((text, ctx): number => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  const factor = match ? (match[2] === '' ? 1 : UNITS[match[2]!.toLowerCase()]) : undefined;
  const bytes = match && factor !== undefined ? Math.round(Number(match[1]) * factor) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes > 0xffff_ffff) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(text.slice(0, 40))} is not a size of at most 4GB (e.g. 200MB, 1.5GB, 512MiB, 500000)` });
    return z.NEVER;
  }
  return bytes;
});
