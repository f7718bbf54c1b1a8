import { dataDirProblem } from '@titip/sync/node';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreLockedError, type KeyValueStore } from '@titip/store';
import { openNodeStore } from '@titip/store/node';
import { Replica, type ObjectValidator } from '@titip/sync';
import { DataDirError } from '../errors.js';

/** A replica opened straight on a data dir's store, without networking. */
export interface DataDirReplica {
  readonly replica: Replica;
  /** The data dir's key-value store (the replica's documents, and the photos under `photos/`). */
  readonly store: KeyValueStore;
  /** The data dir as given. */
  readonly dataDir: string;
  /** True when the data dir (or its store) did not exist and was created (`create` only). */
  readonly created: boolean;
  /** Closes the store (and so releases the data dir's lock). Safe to call twice. */
  close(): Promise<void>;
}

/** Options of {@link openDataDir}. */
export interface OpenDataDirOptions {
  /**
   * Judges every object added. Without one the replica is read-only: any addition is refused (`read-only`).
   * @default refuse everything
   */
  readonly validator?: ObjectValidator;
  /** The scopes the replica serves (what an import accepts). @default `['']` (every document held) */
  readonly scopes?: readonly string[];
  /** Create the data dir and its store when missing (import). @default false (a missing store is a {@link DataDirError}) */
  readonly create?: boolean;
}

/** The store's directory inside a data dir, where `startNodePeer` (titip-relay, titip-operator, titip-server) keeps it. */
export const STORE_SUBDIR = 'store';

const readOnly: ObjectValidator = {
  validate: async (entries) => entries.map(() => ({ ok: false as const, code: 'read-only', message: 'the data dir was opened read-only' })),
};

/**
 * Opens the replica of a stopped peer's data dir (the `store/` LevelDB that `startNodePeer` keeps for titip-relay,
 * titip-operator and titip-server) without libp2p: the documents load as the peer itself would load them.
 * @throws {DataDirError} when the dir is under /proc, /sys or /dev, holds no store (unless `create`), or is locked
 *   by a running peer.
 */
export async function openDataDir(dataDir: string, options: OpenDataDirOptions = {}): Promise<DataDirReplica> {
  const problem = dataDirProblem(dataDir);
  if (problem !== null) throw new DataDirError(dataDir, problem.slice(dataDir.length + 1));
  const storeDir = join(dataDir, STORE_SUBDIR);
  const existed = await isStore(storeDir);
  if (!existed) {
    if (!options.create) {
      const dir = await stat(dataDir).catch(() => undefined);
      if (dir === undefined) throw new DataDirError(dataDir, 'no such data dir');
      if (!dir.isDirectory()) throw new DataDirError(dataDir, 'is not a directory');
      throw new DataDirError(dataDir, `holds no Titip store (no ${STORE_SUBDIR}/ of a titip-relay, titip-operator or titip-server data dir)`);
    }
    try {
      await mkdir(dataDir, { recursive: true });
    } catch (error) {
      throw new DataDirError(dataDir, `cannot create: ${(error as Error).message}`, { cause: error });
    }
  }
  let store;
  try {
    store = await openNodeStore(storeDir);
  } catch (error) {
    if (error instanceof StoreLockedError) {
      throw new DataDirError(
        dataDir,
        'is in use by a running peer (titip-relay, titip-operator or titip-server on this data dir): stop it first, then run this again',
        { cause: error },
      );
    }
    throw error;
  }
  try {
    const replica = await Replica.open({ store, scopes: options.scopes ?? [''], validator: options.validator ?? readOnly });
    let closed: Promise<void> | undefined;
    return { replica, store, dataDir, created: !existed, close: () => (closed ??= store.close()) };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** True when `dir` is a LevelDB directory (it has the `CURRENT` file LevelDB writes on creation). */
async function isStore(dir: string): Promise<boolean> {
  const current = await stat(join(dir, 'CURRENT')).catch(() => undefined);
  return current !== undefined && current.isFile();
}
