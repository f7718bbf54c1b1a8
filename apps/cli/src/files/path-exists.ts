import { lstat } from 'node:fs/promises';

/** Whether something (a file, a directory, a dangling link) is at `path`: commands check it before doing work whose output could not be written. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
