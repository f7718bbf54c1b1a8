/** Units `parseByteSize` understands: decimal (kB = 1000) and binary (KiB = 1024). */
const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  k: 1e3,
  mb: 1e6,
  m: 1e6,
  gb: 1e9,
  g: 1e9,
  tb: 1e12,
  t: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** The largest size accepted (1 PB): beyond it a typo is likelier than a disk. */
const MAX_BYTES = 1e15;

/**
 * Parses a size in bytes as people write it: `500000`, `200MB`, `1.5 GB`, `512MiB`, `0` (case-insensitive; kB, MB, GB,
 * TB are powers of 1000, KiB, MiB, GiB, TiB powers of 1024). Returns the whole number of bytes, or a sentence saying
 * why the text is not a size.
 */
export function parseByteSize(text: string): { readonly bytes: number } | { readonly problem: string } {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!match) return { problem: `${JSON.stringify(text)} is not a size (e.g. 200MB, 1.5GB, 500000)` };
  const unit = match[2]!.toLowerCase();
  const factor = unit === '' ? 1 : UNITS[unit];
  if (factor === undefined) return { problem: `unknown unit ${JSON.stringify(match[2])} (use B, kB, MB, GB, TB, KiB, MiB, GiB or TiB)` };
  const bytes = Math.round(Number(match[1]) * factor);
  if (!Number.isSafeInteger(bytes) || bytes > MAX_BYTES) return { problem: `${JSON.stringify(text)} is too large (at most 1 PB)` };
  return { bytes };
}

/** A byte count for people: `812 B`, `3.1 kB`, `20.5 MB`, `201 MB` (decimal units). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '∞';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
