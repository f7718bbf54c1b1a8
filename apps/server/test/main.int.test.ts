import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { serialiseCredentialFile, serialiseNetworkFile } from '@titip/config';
import { serialiseKeyFile, toHex } from '@titip/identity';
import { docIdOf } from '@titip/records';
import { RecordLedger } from '@titip/sync';
import { startNodePeer } from '@titip/sync/node';
import { tempDir } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson } from './fixtures/http-client.js';
import { bupatiForm, scenario, submit, testElection, testGovernorElection, TPS_A, type Scenario } from './fixtures/scenario.js';

const BIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

let s: Scenario;
let dir: { path: string; remove: () => Promise<void> };
let files: string[];
const children: ChildProcess[] = [];

beforeAll(async () => {
  s = await scenario('server-cli');
  dir = await tempDir('titip-server-cli-');
  const network = join(dir.path, 'network.json');
  const key = join(dir.path, 'server.key.json');
  const credential = join(dir.path, 'server.cred.json');
  await writeFile(
    network,
    serialiseNetworkFile({ kind: 'titip-network', v: 1, name: 'server-cli', root: toHex(s.trust.network.root), elections: [testElection, testGovernorElection] }),
  );
  await writeFile(key, serialiseKeyFile(s.server.keyPair), { mode: 0o600 });
  await writeFile(credential, serialiseCredentialFile(s.server.credential.chain));
  files = ['--network', network, '--key', key, '--credential', credential];
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
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

describe('titip-server', () => {
  it('prints its usage with --help and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage:');
    for (const flag of ['--data-dir', '--network', '--key', '--credential', '--listen', '--http', '--scope', '--dial', '--verifier-threads', '--log-json']) {
      expect(result.stdout).toContain(flag);
    }
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--data-dir', 'x'], /--network is required/],
    [['--data-dir', 'x', '--network', 'n', '--key', 'k', '--credential', 'c', '--http', 'nonsense'], /--http expected HOST:PORT/],
    [['--data-dir', 'x', '--network', 'n', '--key', 'k', '--credential', 'c', '--verifier-threads', 'many'], /--verifier-threads expected a whole number/],
    [['--data-dir', 'x', '--network', 'n', '--key', 'k', '--credential', 'c', '--verifier-threads', '-1'], /^titip-server: --verifier-threads expected a whole number from 0 to 64, not -1\n/],
    [['--data-dir', 'x', '--network', 'n', '--network', 'm', '--key', 'k', '--credential', 'c'], /^titip-server: --network is given more than once/],
    [['--data-dir', '/proc/xyz', '--network', 'n', '--key', 'k', '--credential', 'c'], /^titip-server: --data-dir \/proc\/xyz is under \/proc, a kernel pseudo-filesystem/],
  ])('exits 2 with a message on bad arguments %j', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Run 'titip-server --help' for usage.");
    expect(result.stdout).toBe('');
  });

  it('exits 1 naming a binary network file, its control bytes escaped', async () => {
    const binary = join(dir.path, 'binary.json');
    await writeFile(binary, Buffer.concat([Buffer.from('\x1b[31mRED\x00\x07'), Buffer.from([0xff, 0x9b]), Buffer.from('{"a":\x1b]0;x\x07')]));
    const result = await run(['--data-dir', join(dir.path, 'never'), '--network', binary, ...files.slice(2)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^titip-server: ${binary.replace(/[.]/g, '\\.')}: titip-network v1 file is not JSON`));
    expect(result.stderr).toContain('\\x1b');
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('exits 1 naming the file when a configuration file cannot be used', async () => {
    const missing = join(dir.path, 'missing.json');
    const result = await run(['--data-dir', join(dir.path, 'unused'), ...files.slice(0, 2), '--key', missing, ...files.slice(4)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(missing);
    expect(result.stdout).toBe('');
  });

  it('exits 1 with one line and a hint when the libp2p or the HTTP port is taken, removing the data dir it created', async () => {
    const holder = createNetServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const p2p = await run(['--data-dir', join(dir.path, 'taken-p2p'), ...files, '--http', '127.0.0.1:0', '--listen', `/ip4/127.0.0.1/tcp/${port}`]);
      expect(p2p.code).toBe(1);
      expect(p2p.stderr).toBe(
        `titip-server: cannot listen on /ip4/127.0.0.1/tcp/${port}: EADDRINUSE address already in use 127.0.0.1:${port}; the port is taken (another titip-server on this laptop?): choose another port in --listen\n`,
      );
      const http = await run(['--data-dir', join(dir.path, 'taken-http'), ...files, '--http', `127.0.0.1:${port}`, '--listen', '/ip4/127.0.0.1/tcp/0']);
      expect(http.code).toBe(1);
      expect(http.stderr).not.toMatch(/\n\s+at /);
      expect(http.stderr).toMatch(new RegExp(`(^|\\n)titip-server: cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE.*; the port is taken \\(another titip-server on this laptop\\?\\): choose another port in --http\\n$`));
      // Neither failed start leaves the data dir it created behind; a data dir that existed keeps what it held.
      expect(existsSync(join(dir.path, 'taken-p2p'))).toBe(false);
      expect(existsSync(join(dir.path, 'taken-http'))).toBe(false);
      const kept = join(dir.path, 'kept');
      await mkdir(kept);
      await writeFile(join(kept, 'note.txt'), 'mine');
      expect((await run(['--data-dir', kept, ...files, '--http', `127.0.0.1:${port}`, '--listen', '/ip4/127.0.0.1/tcp/0'])).code).toBe(1);
      expect(await readFile(join(kept, 'note.txt'), 'utf8')).toBe('mine');
      expect(existsSync(join(kept, 'store'))).toBe(true);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('runs: prints the ready line, serves, receipts, logs JSON lines, and stops cleanly on SIGTERM', async () => {
    const child = start(['--data-dir', join(dir.path, 'kpu'), ...files, '--http', '127.0.0.1:0', '--verifier-threads', '1', '--log-json', '--listen', '/ip4/127.0.0.1/tcp/0']);
    const stderrLines: string[] = [];
    createInterface({ input: child.stderr! }).on('line', (line) => stderrLines.push(line));
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const first = await lines.next();
    const ready = JSON.parse(String(first.value));
    expect(ready).toEqual({ ready: true, peerId: expect.any(String), addresses: [expect.stringContaining(`/p2p/${ready.peerId}`)], http: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });

    const status = await getJson(ready.http, '/api/v1/status');
    expect(status.body).toMatchObject({ peerId: ready.peerId, role: 'server', network: 'server-cli' });

    const operator = await startNodePeer({ dataDir: join(dir.path, 'operator'), scopes: [TPS_A], root: s.trust.network.root, role: 'operator', listen: ['/ip4/127.0.0.1/tcp/0'] });
    try {
      await operator.peer.connect(ready.addresses[0]);
      const ledger = new RecordLedger(operator.replica);
      const sub = await submit(await s.operator(TPS_A), TPS_A, bupatiForm(10, 20));
      await operator.replica.addLocal(docIdOf(sub), [{ id: sub.id, bytes: sub.bytes }]);
      await ledger.whenReceipt(sub.id, 30_000);
    } finally {
      await operator.stop();
    }
    // The receipt leaves in the write that stores the result; the totals count it once it is judged, a moment later.
    let totals = await getJson(ready.http, '/api/v1/totals/pkwkk/1906');
    for (let i = 0; i < 100 && totals.body.totals?.tps !== 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      totals = await getJson(ready.http, '/api/v1/totals/pkwkk/1906');
    }
    expect(totals.body.totals).toMatchObject({ tps: 1, paslon: { '1000526': 10, '1000527': 20 } });

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const logs = stderrLines.map((line) => JSON.parse(line));
    expect(logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['server ready', 'stopping', 'server stopped']));
    for (const log of logs) expect(log).toMatchObject({ time: expect.any(String), level: expect.any(String), component: expect.stringMatching(/^titip-server/) });
  });
});
