import { mkdir, rm } from 'node:fs/promises';

/** A data dir made ready by {@link createDataDir}. */
export interface CreatedDataDir {
  /** Removes what {@link createDataDir} created (nothing when the directory existed): for a start that fails. */
  removeIfCreated(): Promise<void>;
}

/**
 * Creates a peer's data dir (and missing parents) and remembers the topmost directory it created, so that a start
 * that fails leaves no half-made data dir behind while a data dir that existed is left as it was.
 */
export async function createDataDir(path: string): Promise<CreatedDataDir> {
  const created = await mkdir(path, { recursive: true });
  return {
    async removeIfCreated() {
      if (created !== undefined) await rm(created, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
