import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseNetworkFile } from '@titip/config';
import { toHex } from '@titip/identity';
import { tempDir } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { IssueRefusedError, OutputFileError } from '../../src/errors.js';
import { buildNetworkFile, writeNetworkFile } from '../../src/issuer/network-file.js';
import { exampleElections, seededKeyPair } from '../fixtures/trust.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('buildNetworkFile / writeNetworkFile', () => {
  it('writes a network file that parseNetworkFile reads back, root as hex', async () => {
    const dir = await tempDir();
    cleanup = dir.remove;
    const root = await seededKeyPair('root');
    const path = join(dir.path, 'network.json');
    const file = await writeNetworkFile(path, { name: 'Pilkada 2024 Belitung Timur', root: root.publicKey, elections: exampleElections });
    expect(file.root).toBe(toHex(root.publicKey));
    const network = parseNetworkFile(await readFile(path, 'utf8'));
    expect(network.root).toEqual(root.publicKey);
    expect(network.election('pkwkk')?.paslon.map((p) => p.id)).toEqual(['1000526', '1000527']);
    expect(network.election('pkwkp')?.region).toBe('19');
  });

  it('never replaces an existing file unless asked', async () => {
    const dir = await tempDir();
    cleanup = dir.remove;
    const root = await seededKeyPair('root');
    const other = await seededKeyPair('other');
    const path = join(dir.path, 'network.json');
    await writeNetworkFile(path, { name: 'a', root: root.publicKey, elections: exampleElections });
    await expect(writeNetworkFile(path, { name: 'b', root: other.publicKey, elections: exampleElections })).rejects.toThrow(OutputFileError);
    expect(parseNetworkFile(await readFile(path, 'utf8')).name).toBe('a');
    await writeNetworkFile(path, { name: 'b', root: other.publicKey, elections: exampleElections }, { overwrite: true });
    expect(parseNetworkFile(await readFile(path, 'utf8')).name).toBe('b');
  });

  it('refuses duplicate election ids, invalid definitions, an empty name and a bad root key', async () => {
    const root = await seededKeyPair('root');
    const pkwkk = exampleElections[1]!;
    expect(() => buildNetworkFile({ name: 'x', root: root.publicKey, elections: [pkwkk, pkwkk] })).toThrow(/pkwkk is defined twice/);
    expect(() => buildNetworkFile({ name: 'x', root: root.publicKey, elections: [{ ...pkwkk, paslon: [] }] })).toThrow(IssueRefusedError);
    expect(() => buildNetworkFile({ name: '', root: root.publicKey, elections: [pkwkk] })).toThrow(/name/);
    expect(() => buildNetworkFile({ name: 'x', root: 'nothex', elections: [pkwkk] })).toThrow(/root public key/);
  });
});
