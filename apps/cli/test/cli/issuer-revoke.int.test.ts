import { join } from 'node:path';
import { nodeEd25519 } from '@titip/identity/node';
import { decodeRecord, verifyRecord } from '@titip/records';
import { startNodePeer } from '@titip/sync/node';
import { eventually, tempDir } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCredentialFile, writeKeyFile } from '../../src/files/write-config-files.js';
import { writeNetworkFile } from '../../src/issuer/network-file.js';
import { readRevocationFile } from '../../src/issuer/revocation-file.js';
import { runBin } from '../fixtures/run-bin.js';
import { exampleElections, makeTestTrust, type TestTrust } from '../fixtures/trust.js';

const TPS = '1906012001001';
let dir: { path: string; remove: () => Promise<void> };
let cwd: string;
let trust: TestTrust;
const stops: (() => Promise<void>)[] = [];
const issuer = (...args: string[]) => runBin('issuer', args, { cwd, timeoutMs: 90_000 });

beforeAll(async () => {
  dir = await tempDir('titip-cli-revoke-');
  cwd = dir.path;
  trust = await makeTestTrust('revoke-int');
  const op = await trust.operator(TPS);
  await writeNetworkFile(join(cwd, 'network.json'), { name: 'test', root: trust.root.publicKey, elections: exampleElections });
  await writeKeyFile(join(cwd, 'kpu.key.json'), trust.issuer.keyPair);
  await writeCredentialFile(join(cwd, 'kpu.cred.json'), trust.issuer.chain);
  await writeKeyFile(join(cwd, 'root.key.json'), trust.root);
  await writeCredentialFile(join(cwd, 'op.cred.json'), op.chain);
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await dir.remove();
});

describe('titip-issuer revoke / inject against a real Node peer', () => {
  it('revoke writes a verified revocation, hands it to the server peer and prints who confirmed; inject hands a file again', async () => {
    const server = await startNodePeer({ dataDir: join(cwd, 'server'), scopes: [''], root: trust.root.publicKey, elections: exampleElections, listen: ['/ip4/127.0.0.1/tcp/0'], standing: true });
    stops.push(() => server.stop());
    const address = server.peer.addresses.find((a) => a.includes('/tcp/') && !a.includes('/ws'))!;

    const run = await issuer('revoke', '--signer', 'kpu.key.json', '--signer-credential', 'kpu.cred.json', '--network', 'network.json', '--credential', 'op.cred.json', '--reason', 'HP KPPS hilang', '--from', new Date().toISOString(), '--out', 'op.revocation.cbor', '--peer', address, '--timeout', '30s');
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed).toMatchObject({ file: 'op.revocation.cbor', revoked: { role: 'operator', regions: [TPS] }, confirmedBy: [server.peer.peerId], pending: [] });
    expect(printed.revocations).toHaveLength(1);
    const [revocation] = await readRevocationFile(join(cwd, 'op.revocation.cbor'));
    expect(revocation!.body.region).toBe('1906012001');
    expect((await verifyRecord(revocation!, { root: trust.root.publicKey, provider: nodeEd25519 })).ok).toBe(true);
    expect(server.replica.object(revocation!.id)).toEqual(revocation!.bytes);
    await eventually(async () => (await server.standing!.whenIdle(), server.standing!.revocationCount === 1), 'the server applies it');

    // The root revokes the issuer; the file is injected in a second step.
    const root = await issuer('revoke', '--signer', 'root.key.json', '--network', 'network.json', '--credential', 'kpu.cred.json', '--reason', 'kunci bocor', '--out', 'kpu.revocation.cbor');
    expect(root.code, root.stderr).toBe(0);
    expect(JSON.parse(root.stdout).revocations.map((r: { region: string }) => r.region)).toEqual(['1906']);
    const inject = await issuer('inject', '--network', 'network.json', '--revocation', 'kpu.revocation.cbor', '--peer', address, '--timeout', '30s');
    expect(inject.code, inject.stderr).toBe(0);
    expect(JSON.parse(inject.stdout).confirmedBy).toEqual([server.peer.peerId]);
    const [held] = [...server.replica.objects()].filter((o) => o.docId === '1906');
    expect(decodeRecord(held!.bytes).kind).toBe('revocation');
  });

  it('refuses an issuer revoking what it did not issue, and a file that is not a revocation file (exit 1, nothing written or sent)', async () => {
    const bad = await issuer('revoke', '--signer', 'kpu.key.json', '--signer-credential', 'kpu.cred.json', '--network', 'network.json', '--credential', 'kpu.cred.json', '--reason', 'x', '--out', 'bad.cbor');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('only its issuer or the root key may revoke it');
    const notFile = await issuer('inject', '--network', 'network.json', '--revocation', 'network.json', '--peer', '/ip4/127.0.0.1/tcp/1/p2p/12D3KooWLRPJAA5o6Z6z5oTr8SqHdzpb8dwLQKrW5jkEfEH5ZMoK');
    expect(notFile.code).toBe(1);
    expect(notFile.stderr).toContain('not a revocation file');
  });
});
