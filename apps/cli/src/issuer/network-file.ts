import { networkFileSchema, serialiseNetworkFile, type NetworkFile } from '@titip/config';
import type { ElectionDefinition } from '@titip/election';
import { toHex } from '@titip/identity';
import { IssueRefusedError } from '../errors.js';
import { writeFileAtomic } from '../files/write-file-atomic.js';
import { publicKeyOf, type PublicKeyInput } from './credential-scope.js';

/** What a network file is made of. */
export interface NetworkFileParams {
  /** A name people recognise (`'Pilkada 2024 Belitung Timur'`). */
  readonly name: string;
  /** The KPU root public key (or its key pair's `publicKey`). */
  readonly root: PublicKeyInput;
  /** The election definitions (candidates as data), unique ids. */
  readonly elections: readonly ElectionDefinition[];
}

/**
 * The contents of a network file, validated (the schema of `@titip/config`, plus unique election ids).
 * @throws {IssueRefusedError} (reason `invalid-input`)
 */
export function buildNetworkFile(params: NetworkFileParams): NetworkFile {
  const root = toHex(publicKeyOf(params.root, 'root public key'));
  const ids = params.elections.map((e) => e?.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) throw new IssueRefusedError('invalid-input', `election ${duplicate} is defined twice`);
  const parsed = networkFileSchema.safeParse({ kind: 'titip-network', v: 1, name: params.name, root, elections: params.elections });
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new IssueRefusedError('invalid-input', `not a valid network file: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/**
 * Writes the network file every peer is given (root public key + elections), atomically.
 * @returns the file's contents.
 * @throws {IssueRefusedError} on invalid contents, {@link OutputFileError} when it cannot be written.
 */
export async function writeNetworkFile(path: string, params: NetworkFileParams, options: { overwrite?: boolean } = {}): Promise<NetworkFile> {
  const file = buildNetworkFile(params);
  await writeFileAtomic(path, serialiseNetworkFile(file), { overwrite: options.overwrite ?? false });
  return file;
}
