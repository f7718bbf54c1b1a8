import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { serialiseCredentialFile, serialiseNetworkFile } from '@titip/config';
import { serialiseKeyFile, toHex } from '@titip/identity';
import { docIdOf } from '@titip/records';
import { RecordLedger } from '@titip/sync';
import { startNodePeer } from '@titip/sync/node';
import { eventually, tempDir, type TestTrust } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The KPU server from its build output by relative path: @titip/server is not a dependency of the relay (that would
// need a pnpm install); `tsc -b` at the root builds apps/server/dist.
import { startServer, type RunningServer } from '../../server/dist/index.js';
import { getJson } from './fixtures/http-client.js';
import { credentialChainOf, DESA, submit, testElection, TPS_A, trustOf } from './fixtures/scenario.js';

const BIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const STACK_LINE = /^\s+at /m;

let trust: TestTrust;
let dir: { path: string; remove: () => Promise<void> };
let server: RunningServer;
let files: { network: string; key: string; credential: string };
const children: ChildProcess[] = [];

beforeAll(async () => {
  trust = await trustOf('relay-bin');
  dir = await tempDir('titip-relay-bin-');
  files = { network: join(dir.path, 'network.json'), key: join(dir.path, 'pps.key.json'), credential: join(dir.path, 'pps.cred.json') };
  const pps = await trust.relay(DESA);
  await writeFile(files.network, serialiseNetworkFile({ kind: 'titip-network', v: 1, name: 'relay-bin', root: toHex(trust.network.root), elections: [testElection] }));
  await writeFile(files.key, serialiseKeyFile(pps.keyPair), { mode: 0o600 });
  await writeFile(files.credential, serialiseCredentialFile(pps.chain));
  const serverIdentity = await trust.server();
  server = await startServer({
    dataDir: join(dir.path, 'kpu'),
    network: trust.network,
    keyPair: serverIdentity.keyPair,
    credential: credentialChainOf(serverIdentity.chain),
    listen: ['/ip4/127.0.0.1/tcp/0'],
    http: { host: '127.0.0.1', port: 0 },
    verifierThreads: 0,
  });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await server?.stop();
  await dir?.remove();
});

function start(args: string[]): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

/** Runs the bin to completion. */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = start(args);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

/** Starts the bin and waits for its ready line; collects stderr lines. */
async function startReady(args: string[]) {
  const child = start(args);
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) throw new Error(`titip-relay exited before it was ready: ${stderr.join('\n')}`);
  const ready = JSON.parse(String(first.value)) as { ready: boolean; peerId: string; addresses: string[] };
  return { child, stderr, ready };
}

const base = (dataDir: string) => ['--data-dir', join(dir.path, dataDir), '--network', files.network, '--scope', DESA];
const serverTcp = () => server.addresses.find((a) => !a.includes('/ws'))!;

describe('titip-relay', () => {
  it('prints its usage with --help (and -h) and exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const result = await run([flag]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: titip-relay --data-dir DIR --network network\.json --scope CODE/);
      for (const option of ['--listen', '--dial', '--mdns', '--key', '--credential', '--stage', '--role', '--browser-relay', '--photo-budget', '--status', '--log-json']) {
        expect(result.stdout).toContain(option);
      }
      expect(result.stderr).toBe('');
    }
  });

  it.each<[string[], RegExp]>([
    [['--bogus'], /^titip-relay: --bogus: unknown option$/m],
    [['--data-dir', 'x', '--network', 'n.json'], /^titip-relay: --scope: is required/m],
    [['--network', 'n.json', '--scope', DESA], /^titip-relay: --data-dir: is required$/m],
    [['--data-dir', 'x', '--network', 'n.json', '--scope', '1906010'], /^titip-relay: --scope: "1906010" is not a region code/m],
    [['--data-dir', 'x', '--network', 'n.json', '--scope', DESA, '--listen', 'localhost:4001'], /^titip-relay: --listen: "localhost:4001": a multiaddr starts with/m],
    [['--data-dir', 'x', '--network', 'n.json', '--scope', DESA, '--dial', '/ip4/127.0.0.1/tcp/4001'], /^titip-relay: --dial: .*must end with \/p2p\/<peer id>/m],
    [['--data-dir', 'x', '--network', 'n.json', '--scope', DESA, '--key', 'k.json'], /^titip-relay: --credential: is required with --key/m],
    [['--data-dir', 'x', '--network', 'n.json', '--scope', DESA, '--key', 'k', '--credential', 'c', '--stage', 'kpps'], /^titip-relay: --stage: expected pps or ppk/m],
    [['--data-dir', 'x', '--network', 'n.json', '--scope', DESA, '--listen', '/ip4/127.0.0.1/udp/1'], /^titip-relay: --listen: "\/ip4\/127\.0\.0\.1\/udp\/1": the relay speaks TCP and WebSockets only/m],
    [['--data-dir', 'x', '--network', 'n.json', '--scope', DESA, '--browser-relay'], /^titip-relay: --browser-relay: needs a WebSockets listen address/m],
    [['--data-dir', 'x', '--network', 'n.json', '--scope', DESA, '--browser-relay', '--listen', '/ip4/127.0.0.1/tcp/0'], /^titip-relay: --browser-relay: needs a WebSockets listen address/m],
  ])('exits 2 with one clear line and no stack trace on %j', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Run 'titip-relay --help' for usage.");
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stdout).toBe('');
  });

  it('exits 1 naming the network file when it is missing or malformed, before creating the data dir', async () => {
    const missing = join(dir.path, 'missing.json');
    const notJson = join(dir.path, 'not-json.json');
    const wrongShape = join(dir.path, 'wrong-shape.json');
    await writeFile(notJson, '{"kind": "titip-network", ');
    await writeFile(wrongShape, serialiseCredentialFile((await trust.relay(DESA)).chain));
    const cases: [string, RegExp][] = [
      [missing, /cannot read: ENOENT/],
      [notJson, /titip-network v1 file is not JSON/],
      [wrongShape, /not a valid titip-network v1 file: kind: /],
    ];
    for (const [file, message] of cases) {
      const dataDir = join(dir.path, 'not-started');
      const result = await run(['--data-dir', dataDir, '--network', file, '--scope', DESA]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^titip-relay: ${file.replace(/[.]/g, '\\.')}: `));
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(result.stdout).toBe('');
      expect(existsSync(dataDir)).toBe(false);
    }
  });

  it('exits 1 naming a binary network file, its control bytes escaped', async () => {
    const binary = join(dir.path, 'binary.json');
    await writeFile(binary, Buffer.concat([Buffer.from('\x1b[31mRED\x00\x07'), Buffer.from([0xff, 0x9b]), Buffer.from('{"a":\x1b]0;x\x07')]));
    const result = await run(['--data-dir', join(dir.path, 'never'), '--network', binary, '--scope', DESA]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('titip-network v1 file is not JSON');
    expect(result.stderr).toContain('\\x1b');
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('exits 1 when the credential is not the key’s, naming the credential file', async () => {
    const otherKey = join(dir.path, 'other.key.json');
    await writeFile(otherKey, serialiseKeyFile((await trust.relay(DESA)).keyPair), { mode: 0o600 });
    const result = await run([...base('mismatch'), '--key', otherKey, '--credential', files.credential]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`titip-relay: ${files.credential}: the key `);
    expect(result.stderr).toContain('is not the subject of the relay credential');
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('exits 1 when given an operator credential, saying a relay needs a relay credential', async () => {
    const operator = await trust.operator(TPS_A);
    const opKey = join(dir.path, 'op.key.json');
    const opCred = join(dir.path, 'op.cred.json');
    await writeFile(opKey, serialiseKeyFile(operator.keyPair), { mode: 0o600 });
    await writeFile(opCred, serialiseCredentialFile(operator.chain));
    const result = await run([...base('operator-credential'), '--key', opKey, '--credential', opCred]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^titip-relay: ${opCred.replace(/[.]/g, '\\.')}: this is an operator credential; a relay needs a relay credential`));
    expect(result.stderr).not.toMatch(/attests for one|credential regions/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('exits 1 with one line per listen address that fails (port taken), without a stack trace', async () => {
    const taken = serverTcp().split('/p2p/')[0]!;
    const result = await run([...base('port-taken'), '--listen', taken]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`titip-relay: cannot listen on ${taken}: EADDRINUSE address already in use ${taken.split('/')[2]}:${taken.split('/')[4]}; the port is taken (another titip-relay on this laptop?): choose another port in --listen\n`);
    expect(result.stdout).toBe('');
  });

  it('a failed start removes the data dir it created, and leaves one that existed as it was', async () => {
    const taken = serverTcp().split('/p2p/')[0]!;
    const fresh = await run(['--data-dir', join(dir.path, 'new-parent', 'r2'), '--network', files.network, '--scope', DESA, '--listen', taken]);
    expect(fresh.code).toBe(1);
    expect(existsSync(join(dir.path, 'new-parent'))).toBe(false);
    const kept = join(dir.path, 'kept');
    await mkdir(kept);
    await writeFile(join(kept, 'note.txt'), 'mine');
    const existing = await run([...base('kept'), '--listen', taken]);
    expect(existing.code).toBe(1);
    expect(await readFile(join(kept, 'note.txt'), 'utf8')).toBe('mine');
  });

  it('runs as a PPS relay: ready line, status lines on stderr, attests, relays the receipt, refuses a second process on its data dir, stops on SIGTERM', async () => {
    const args = [...base('pps'), '--key', files.key, '--credential', files.credential, '--listen', '/ip4/127.0.0.1/tcp/0', '--dial', serverTcp(), '--status'];
    const { child, stderr, ready } = await startReady(args);
    expect(ready).toEqual({ ready: true, peerId: expect.stringMatching(/^12D3KooW/), addresses: [expect.stringMatching(new RegExp(`^/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/${ready.peerId}$`))] });

    const operator = await startNodePeer({ dataDir: join(dir.path, 'operator'), scopes: [TPS_A], root: trust.network.root, role: 'operator', listen: ['/ip4/127.0.0.1/tcp/0'] });
    try {
      await operator.peer.connect(ready.addresses[0]!);
      const ledger = new RecordLedger(operator.replica);
      const submission = await submit(await trust.operator(TPS_A), TPS_A, [100, 200]);
      await operator.replica.addLocal(docIdOf(submission), [{ id: submission.id, bytes: submission.bytes }]);
      await ledger.whenReceipt(submission.id, 30_000);
      await eventually(() => ledger.attestations.get(submission.id)?.length === 1, 'the PPS attestation at the operator');
      // The attestation reaches the server and is judged there a moment after the operator holds it.
      let tps = await getJson(server.httpUrl!, `/api/v1/tps/${TPS_A}`);
      for (let i = 0; i < 100 && tps.body.elections?.[0]?.current?.attestations?.length !== 1; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        tps = await getJson(server.httpUrl!, `/api/v1/tps/${TPS_A}`);
      }
      expect(tps.body.elections[0].current.attestations).toEqual([expect.objectContaining({ stage: 'pps', region: DESA })]);
      await eventually(() => stderr.includes('held 1 · forwarded 1 · acknowledged 1 · photos 0/1 · peers 2 · rejected 0'), 'the status line with the operator connected', 10_000);
    } finally {
      await operator.stop();
    }
    await eventually(() => stderr.includes('held 1 · forwarded 1 · acknowledged 1 · photos 0/1 · peers 1 · rejected 0'), 'the status line after the operator left', 10_000);

    // Not a terminal: one status line per change, never the same line twice in a row.
    const status = stderr.filter((line) => line.startsWith('held '));
    expect(status[0]).toMatch(/^held 0 · forwarded 0 · acknowledged 0 · photos 0\/0 · peers [01] · rejected 0$/);
    for (let i = 1; i < status.length; i++) expect(status[i]).not.toBe(status[i - 1]);
    expect(stderr.join('\n')).not.toMatch(/[\r\u001b]/);
    // Readable log lines around them.
    expect(stderr).toEqual(expect.arrayContaining([expect.stringMatching(/ info  titip-relay: relay ready peerId=12D3KooW/), expect.stringMatching(/ info  titip-relay:attest: attested submission=/)]));

    // A second relay on the same data directory is refused while this one runs.
    const second = await run([...base('pps'), '--listen', '/ip4/127.0.0.1/tcp/0']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`titip-relay: the data directory ${join(dir.path, 'pps')} is in use by another process`);
    expect(second.stdout).toBe('');

    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toEqual(expect.arrayContaining([expect.stringMatching(/titip-relay: stopping signal=SIGTERM/), expect.stringMatching(/titip-relay: relay stopped/)]));
    expect(stderr.join('\n')).not.toMatch(STACK_LINE);
  });

  it('runs as a carrier without a credential, logs JSON lines with --log-json, and stops on SIGINT', async () => {
    const { child, stderr, ready } = await startReady([...base('carrier').slice(0, 4), '--scope', '1906', '--listen', '/ip4/127.0.0.1/tcp/0', '--dial', serverTcp(), '--log-json', '--photo-budget', '200MB']);
    expect(ready.ready).toBe(true);
    await eventually(() => stderr.length > 0, 'a log line');
    const logs = stderr.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logs[0]).toMatchObject({ level: 'info', component: 'titip-relay', msg: 'relay ready', peerId: ready.peerId, role: 'carrier', scopes: ['1906'], photoBudget: 200_000_000 });
    // The carrier receives what the server holds in the kabupaten, signs nothing.
    const exited = exitOf(child);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const all = stderr.map((line) => JSON.parse(line) as { msg: string; component: string });
    expect(all.map((l) => l.msg)).toEqual(expect.arrayContaining(['relay ready', 'stopping', 'relay stopped']));
    expect(all.some((l) => l.msg === 'attested')).toBe(false);
    for (const log of all) expect(log.component).toMatch(/^titip-relay/);
  });
});
