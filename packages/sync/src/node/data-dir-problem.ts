import { realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Kernel pseudo-filesystems: no place for a store (and Node's recursive mkdir never returns under /proc). */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'] as const;

/**
 * Why `dir` cannot be a data directory, or null: it lies under `/proc`, `/sys` or `/dev`, as written or once
 * symbolic links are followed (checked on the deepest part of the path that exists), or it (or the deepest part
 * of it that exists) is a file, not a directory.
 */
export function dataDirProblem(dir: string): string | null {
  const absolute = resolve(dir);
  for (const path of [absolute, realPathOf(absolute)]) {
    const root = PSEUDO_ROOTS.find((r) => path === r || path.startsWith(`${r}/`));
    if (root !== undefined) {
      return `${dir} is under ${root}, a kernel pseudo-filesystem, not a disk: choose a directory on disk for the store, e.g. /var/lib/titip`;
    }
  }
  const existing = deepestExisting(absolute);
  if (existing !== null && !existing.isDirectory) {
    return existing.path === absolute
      ? `${dir} is a file, not a directory: give a directory for the data dir (or a path that does not exist yet)`
      : `${dir} lies under ${existing.path}, which is a file, not a directory: give a directory for the data dir`;
  }
  return null;
}

/** The deepest part of `path` that exists (links followed), and whether it is a directory; null if none can be read. */
function deepestExisting(path: string): { path: string; isDirectory: boolean } | null {
  for (let p = path; ; p = dirname(p)) {
    let info;
    try {
      info = statSync(p, { throwIfNoEntry: false });
    } catch (error) {
      // ENOTDIR: a part above is a file, found further up; anything else (EACCES…) is left to the open itself.
      if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') return null;
    }
    if (info !== undefined) return { path: p, isDirectory: info.isDirectory() };
    if (dirname(p) === p) return null;
  }
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
