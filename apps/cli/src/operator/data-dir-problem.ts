import { realpathSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Kernel pseudo-filesystems: no place for a store (and Node's recursive mkdir never returns under /proc). */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'] as const;

/**
 * Why `dir` cannot be a data directory, or null: it lies under `/proc`, `/sys` or `/dev`, as written or once
 * symbolic links are followed (checked on the deepest part of the path that exists).
 */
export function dataDirProblem(dir: string): string | null {
  const absolute = resolve(dir);
  for (const path of [absolute, realPathOf(absolute)]) {
    const root = PSEUDO_ROOTS.find((r) => path === r || path.startsWith(`${r}/`));
    if (root !== undefined) {
      return `${dir} is under ${root}, a kernel pseudo-filesystem, not a disk: choose a directory on disk for the store, e.g. /var/lib/titip`;
    }
  }
  return null;
}

/** `path` with symbolic links resolved in its deepest existing ancestor (the rest appended as written). */
function realPathOf(path: string): string {
  let existing = path;
  for (;;) {
    try {
      return join(realpathSync.native(existing), relative(existing, path));
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return path;
      existing = parent;
    }
  }
}
