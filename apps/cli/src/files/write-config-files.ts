import { serialiseCredentialFile } from '@titip/config';
import { serialiseKeyFile, type KeyPair } from '@titip/identity';
import { writeFileAtomic } from './write-file-atomic.js';

/** Writes a `titip-key` v1 file (mode 0600: it holds the secret key). @throws {OutputFileError} */
export async function writeKeyFile(path: string, keyPair: KeyPair, options: { label?: string; overwrite?: boolean } = {}): Promise<void> {
  await writeFileAtomic(path, serialiseKeyFile(keyPair, options.label), { mode: 0o600, overwrite: options.overwrite ?? false });
}

/** Writes a `titip-credential` v1 file for a chain (leaf first). @throws {OutputFileError} */
export async function writeCredentialFile(path: string, chain: readonly Uint8Array[], options: { overwrite?: boolean } = {}): Promise<void> {
  await writeFileAtomic(path, serialiseCredentialFile(chain), { overwrite: options.overwrite ?? false });
}
