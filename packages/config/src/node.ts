// @titip/config/node — reading the configuration files from disk.
import { keyPairFromKeyFile, parseKeyFile, type Ed25519Provider, type KeyPair } from '@titip/identity';
import { parseCredentialFile, type CredentialChain } from './credential-file.js';
import { ConfigFileError } from './errors.js';
import { parseNetworkFile, type Network } from './network-file.js';
import { MAX_CONFIG_FILE_BYTES, readBoundedFile } from './read-bounded-file.js';

export { MAX_CONFIG_FILE_BYTES, readBoundedFile } from './read-bounded-file.js';
export { scriptArguments } from './script-arguments.js';

async function readText(file: string): Promise<string> {
  return (await readBoundedFile(file, MAX_CONFIG_FILE_BYTES)).toString('utf8');
}

/** Reads and parses a network file. @throws {ConfigFileError} */
export async function readNetworkFile(file: string): Promise<Network> {
  return parseNetworkFile(await readText(file), file);
}

/** Reads and parses a credential file. @throws {ConfigFileError} */
export async function readCredentialFile(file: string): Promise<CredentialChain> {
  return parseCredentialFile(await readText(file), file);
}

/** Reads a key file and checks its public key matches its secret key. @throws {ConfigFileError} */
export async function readKeyFile(file: string, provider: Ed25519Provider): Promise<KeyPair> {
  const text = await readText(file);
  try {
    return await keyPairFromKeyFile(parseKeyFile(text), provider);
  } catch (error) {
    throw new ConfigFileError('CONFIG_SHAPE', (error as Error).message, file, { cause: error });
  }
}
