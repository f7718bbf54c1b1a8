import type { CredentialChain, Network } from '@titip/config';
import { readCredentialFile, readKeyFile, readNetworkFile } from '@titip/config/node';
import type { KeyPair } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';

/** The paths of the server's configuration files. */
export interface ServerFilePaths {
  /** The network file (root key and elections). */
  readonly network: string;
  /** The server's key file (keep it secret). */
  readonly key: string;
  /** The server's credential file (root → server). */
  readonly credential: string;
}

/** The server's configuration, read and parsed. */
export interface ServerFiles {
  readonly network: Network;
  readonly keyPair: KeyPair;
  readonly credential: CredentialChain;
}

/**
 * Reads the network, key and credential files.
 * @throws {ConfigFileError} (from `@titip/config`) naming the file that cannot be used.
 */
export async function readServerFiles(paths: ServerFilePaths): Promise<ServerFiles> {
  const [network, keyPair, credential] = await Promise.all([
    readNetworkFile(paths.network),
    readKeyFile(paths.key, nodeEd25519),
    readCredentialFile(paths.credential),
  ]);
  return { network, keyPair, credential };
}
