import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCredentialFile, parseNetworkFile } from '@titip/config';
import { nodeEd25519 } from '@titip/identity/node';
import { verifyRecord } from '@titip/records';
import { tempDir } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePath } from '../fixtures/forms.js';
import { runBin, type BinResult } from '../fixtures/run-bin.js';

const DAY = 86_400_000;
const TPS = '1906012001001';
let dir: { path: string; remove: () => Promise<void> };
let cwd: string;
const from = new Date(Date.now() - DAY).toISOString();
const until = new Date(Date.now() + 30 * DAY).toISOString();
const issuerFrom = new Date(Date.now() - 2 * DAY).toISOString();
const issuerUntil = new Date(Date.now() + 60 * DAY).toISOString();

const issuer = (...args: string[]) => runBin('issuer', args, { cwd });
const operator = (...args: string[]) => runBin('operator', args, { cwd });
const noStack = (r: BinResult) => expect(r.stderr).not.toMatch(/\n\s+at /);
const signArgs = (form: string, out: string, ...extra: string[]) => [
  'sign', '--key', 'op.key.json', '--credential', 'op.cred.json', '--network', 'network.json',
  '--form', form, '--tps', TPS, '--election', 'pkwkk', ...extra, '--out', out,
];

beforeAll(async () => {
  dir = await tempDir('titip-cli-flow-');
  cwd = dir.path;
});
afterAll(async () => {
  await dir.remove();
});

describe('titip-issuer → titip-operator, as child processes', () => {
  it('init-root, network, keygen', async () => {
    const root = await issuer('init-root', '--out', 'root.key.json');
    expect(root.code).toBe(0);
    const rootKey = JSON.parse(root.stdout).publicKey as string;
    expect(root.stderr).toContain('Keep it offline');
    const network = await issuer('network', '--root', 'root.key.json', '--elections', examplePath('elections.json'), '--name', 'Pilkada 2024 Belitung Timur', '--out', 'network.json');
    expect(network.code, network.stderr).toBe(0);
    const parsed = parseNetworkFile(await readFile(join(cwd, 'network.json'), 'utf8'));
    expect(Buffer.from(parsed.root).toString('hex')).toBe(rootKey);
    expect(parsed.elections.map((e) => e.id)).toEqual(['pkwkp', 'pkwkk']);
    for (const [bin, file] of [['issuer', 'kpu.key.json'], ['issuer', 'server.key.json'], ['operator', 'op.key.json'], ['operator', 'other-op.key.json']] as const) {
      const made = await runBin(bin, ['keygen', '--out', file, '--label', file], { cwd });
      expect(made.code).toBe(0);
      expect(JSON.parse(made.stdout)).toMatchObject({ file, label: file });
    }
  });

  it('issue issuer, server and operator credentials', async () => {
    const common = ['--network', 'network.json', '--elections', 'pkwkp,pkwkk'];
    const kpu = await issuer('issue', '--role', 'issuer', '--signer', 'root.key.json', '--subject', 'kpu.key.json', '--regions', '1906', ...common, '--valid-from', issuerFrom, '--valid-until', issuerUntil, '--label', 'KPU Kabupaten Belitung Timur', '--out', 'kpu.cred.json');
    expect(kpu.code, kpu.stderr).toBe(0);
    expect(JSON.parse(kpu.stdout)).toMatchObject({ role: 'issuer', regions: ['1906'], chainLength: 1 });
    const server = await issuer('issue', '--role', 'server', '--signer', 'root.key.json', '--subject', 'server.key.json', '--regions', '', ...common, '--valid-from', issuerFrom, '--valid-until', issuerUntil, '--out', 'server.cred.json');
    expect(server.code, server.stderr).toBe(0);
    expect(JSON.parse(server.stdout)).toMatchObject({ role: 'server', regions: [''] });
    const publicKey = JSON.parse(await readFile(join(cwd, 'op.key.json'), 'utf8')).publicKey as string;
    for (const [subject, out] of [['op.key.json', 'op.cred.json'], ['other-op.key.json', 'other-op.cred.json']] as const) {
      const op = await issuer('issue', '--role', 'operator', '--signer', 'kpu.key.json', '--signer-credential', 'kpu.cred.json', '--subject', subject, '--regions', TPS, ...common, '--valid-from', from, '--valid-until', until, '--label', 'KPPS TPS 001 Lalang Jaya', '--out', out);
      expect(op.code, op.stderr).toBe(0);
    }
    const cred = parseCredentialFile(await readFile(join(cwd, 'op.cred.json'), 'utf8'));
    expect(cred.chain).toHaveLength(2);
    expect(Buffer.from(cred.leaf.subject).toString('hex')).toBe(publicKey);
    // The same with --subject-public gives the same scope.
    const byHex = await issuer('issue', '--role', 'operator', '--signer', 'kpu.key.json', '--signer-credential', 'kpu.cred.json', '--subject-public', publicKey, '--regions', TPS, ...common, '--valid-from', from, '--valid-until', until, '--out', 'op2.cred.json');
    expect(byHex.code, byHex.stderr).toBe(0);
  });

  it('issue refuses what would not verify, writes nothing, and says why (exit 1)', async () => {
    const base = ['issue', '--role', 'operator', '--signer', 'kpu.key.json', '--signer-credential', 'kpu.cred.json', '--network', 'network.json', '--subject', 'op.key.json', '--out', 'refused.cred.json'];
    const cases: [string[], RegExp][] = [
      [['--regions', '1971011001001', '--elections', 'pkwkp', '--valid-from', from, '--valid-until', until], /outside the issuer's regions/],
      [['--regions', TPS, '--elections', 'ppwp', '--valid-from', from, '--valid-until', until], /election ppwp is not in the issuer's elections/],
      [['--regions', TPS, '--elections', 'pkwkk', '--valid-from', from, '--valid-until', new Date(Date.now() + 90 * DAY).toISOString()], /not inside the issuer's/],
    ];
    for (const [extra, message] of cases) {
      const r = await issuer(...base, ...extra);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      noStack(r);
    }
    // Wrong signer for the role: the root key signing an operator credential; the issuer key signing an issuer credential.
    const rootSigns = await issuer('issue', '--role', 'operator', '--signer', 'root.key.json', '--signer-credential', 'kpu.cred.json', '--network', 'network.json', '--subject', 'op.key.json', '--regions', TPS, '--elections', 'pkwkk', '--valid-from', from, '--valid-until', until, '--out', 'refused.cred.json');
    expect(rootSigns.code).toBe(1);
    expect(rootSigns.stderr).toContain('is not the subject');
    const issuerSigns = await issuer('issue', '--role', 'issuer', '--signer', 'kpu.key.json', '--network', 'network.json', '--subject', 'op.key.json', '--regions', '1906', '--elections', 'pkwkk', '--valid-from', from, '--valid-until', until, '--out', 'refused.cred.json');
    expect(issuerSigns.code).toBe(1);
    expect(issuerSigns.stderr).toContain('signed by the KPU root key');
    const operatorSigns = await issuer('issue', '--role', 'operator', '--signer', 'op.key.json', '--signer-credential', 'op.cred.json', '--network', 'network.json', '--subject', 'other-op.key.json', '--regions', TPS, '--elections', 'pkwkk', '--valid-from', from, '--valid-until', until, '--out', 'refused.cred.json');
    expect(operatorSigns.code).toBe(1);
    expect(operatorSigns.stderr).toContain('only an issuer credential may sign');
    expect(existsSync(join(cwd, 'refused.cred.json'))).toBe(false);
  });

  it('check: a valid form passes (exit 0), a typo is reported in both languages (exit 1), --json', async () => {
    const ok = await operator('check', '--form', examplePath('c-hasil-pkwkk.json'), '--election', 'pkwkk', '--network', 'network.json');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('ready to sign');
    const typo = await operator('check', '--form', examplePath('c-hasil-pkwkk-typo.json'), '--election', 'pkwkk', '--network', 'network.json');
    expect(typo.code).toBe(1);
    expect(typo.stdout).toContain('pemilih.dpt: J = 409, padahal L + P = 250 + 240 = 490.');
    expect(typo.stdout).toContain('pemilih.dpt: J = 409 but L + P = 250 + 240 = 490.');
    expect(typo.stdout).toContain("--override 'gender-total=");
    const json = await operator('check', '--form', examplePath('c-hasil-pkwkk-typo.json'), '--election', 'pkwkk', '--network', 'network.json', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).violations.map((v: { rule: string }) => v.rule)).toEqual(['gender-total', 'category-sum']);
    const unknown = await operator('check', '--form', examplePath('c-hasil-pkwkk.json'), '--election', 'ppwp', '--network', 'network.json');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('election ppwp is not defined here (defined: pkwkp, pkwkk)');
  });

  it('sign: writes a submission that verifies under the root', async () => {
    const signed = await operator(...signArgs(examplePath('c-hasil-pkwkk.json'), 'tps-001-pkwkk.cbor'));
    expect(signed.code, signed.stderr).toBe(0);
    const summary = JSON.parse(signed.stdout);
    expect(summary).toMatchObject({ file: 'tps-001-pkwkk.cbor', tps: TPS, election: 'pkwkk', revision: 1, overrides: [], warnings: [] });
    const bytes = new Uint8Array(await readFile(join(cwd, 'tps-001-pkwkk.cbor')));
    const network = parseNetworkFile(await readFile(join(cwd, 'network.json'), 'utf8'));
    const verified = await verifyRecord(bytes, { root: network.root, provider: nodeEd25519, elections: network.election });
    expect(verified.ok).toBe(true);
    expect(verified.ok && verified.record.id).toBe(summary.id);

    const correction = await operator(...signArgs(examplePath('c-hasil-pkwkk.json'), 'tps-001-pkwkk-r2.cbor', '--revision', '2', '--supersedes', summary.id));
    expect(correction.code, correction.stderr).toBe(0);
    expect(JSON.parse(correction.stdout)).toMatchObject({ revision: 2, supersedes: summary.id });
  });

  it('sign and issue warn (on stderr) when a credential file summary disagrees with its signed chain; the chain counts', async () => {
    const good = JSON.parse(await readFile(join(cwd, 'op.cred.json'), 'utf8'));
    expect(good.regions).toEqual([TPS]);
    await writeFile(join(cwd, 'edited.cred.json'), JSON.stringify({ ...good, regions: ['1906012001002'], validUntil: '2099-01-01T00:00:00.000Z' }));
    const args = signArgs(examplePath('c-hasil-pkwkk.json'), 'edited.cbor');
    args[args.indexOf('--credential') + 1] = 'edited.cred.json';
    const signed = await operator(...args);
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stderr).toContain('warning: edited.cred.json: the readable summary does not match the signed credential');
    expect(signed.stderr).toContain('regions: the summary says ["1906012001002"], the signed chain ["1906012001001"]');
    expect(signed.stderr).toContain('validUntil: the summary says "2099-01-01T00:00:00.000Z"');
    expect(signed.stderr).toContain('The signed chain is what counts');
    expect(JSON.parse(signed.stdout).tps).toBe(TPS);
    const clean = await operator(...signArgs(examplePath('c-hasil-pkwkk.json'), 'clean.cbor'));
    expect(clean.stderr).not.toContain('warning');

    const kpu = JSON.parse(await readFile(join(cwd, 'kpu.cred.json'), 'utf8'));
    await writeFile(join(cwd, 'kpu-edited.cred.json'), JSON.stringify({ ...kpu, elections: ['pkwkp', 'pkwkk', 'ppwp'] }));
    const issued = await issuer('issue', '--role', 'operator', '--signer', 'kpu.key.json', '--signer-credential', 'kpu-edited.cred.json', '--network', 'network.json', '--subject', 'other-op.key.json', '--regions', '1906012001002', '--elections', 'pkwkk', '--valid-from', from, '--valid-until', until, '--out', 'neighbour-op.cred.json');
    expect(issued.code, issued.stderr).toBe(0);
    expect(issued.stderr).toContain('warning: kpu-edited.cred.json: the readable summary does not match the signed credential (elections: the summary says ["pkwkp","pkwkk","ppwp"], the signed chain ["pkwkp","pkwkk"])');
  });

  it('sign: a form breaking a rule without override exits 1, lists the violations, writes nothing; with overrides it signs', async () => {
    const refused = await operator(...signArgs(examplePath('c-hasil-pkwkk-typo.json'), 'typo.cbor'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('pemilih.dpt: J = 409, padahal L + P = 250 + 240 = 490.');
    expect(refused.stderr).toContain('not signed, nothing written');
    noStack(refused);
    expect(existsSync(join(cwd, 'typo.cbor'))).toBe(false);
    const overridden = await operator(...signArgs(examplePath('c-hasil-pkwkk-typo.json'), 'typo.cbor', '--override', 'gender-total=J salah tulis di lembar; L dan P benar', '--override', 'category-sum=ikut dari baris DPT', '--photo', `${'ab'.repeat(32)}:1:245760:image/jpeg`));
    expect(overridden.code, overridden.stderr).toBe(0);
    expect(JSON.parse(overridden.stdout)).toMatchObject({ overrides: ['gender-total', 'category-sum'], warnings: ['ballots-received-off'] });
    expect(overridden.stderr).toContain('ballots-received-off');
  });

  it('sign refuses a TPS outside the credential; a device clock outside its window signs with a warning', async () => {
    const tps = await operator('sign', '--key', 'op.key.json', '--credential', 'op.cred.json', '--network', 'network.json', '--form', examplePath('c-hasil-pkwkk.json'), '--tps', '1906012001002', '--election', 'pkwkk', '--out', 'x.cbor');
    expect(tps.code).toBe(1);
    expect(tps.stderr).toContain('TPS 1906012001002 is not in the operator credential');
    const late = await operator(...signArgs(examplePath('c-hasil-pkwkk.json'), 'x.cbor', '--device-time', new Date(Date.now() + 40 * DAY).toISOString()));
    expect(late.code, late.stderr).toBe(0);
    expect(late.stderr).toContain("is after the operator credential's window");
    expect(existsSync(join(cwd, 'x.cbor'))).toBe(true);
  });

  it('malformed files and mismatched keys exit 1 with a clear message and leave no output file', async () => {
    await writeFile(join(cwd, 'bad-json.json'), '{"kind": "titip-network",');
    await writeFile(join(cwd, 'wrong-shape.json'), '{"kind": "titip-network", "v": 1}');
    const op = JSON.parse(await readFile(join(cwd, 'op.key.json'), 'utf8'));
    const other = JSON.parse(await readFile(join(cwd, 'other-op.key.json'), 'utf8'));
    await writeFile(join(cwd, 'mismatched.key.json'), JSON.stringify({ ...op, publicKey: other.publicKey }));
    await writeFile(join(cwd, 'form-bad.json'), '[1, 2');
    await writeFile(join(cwd, 'form-shape.json'), JSON.stringify({ form: 'kwk', suara: { sah: 'banyak' } }));
    const signWith = (change: Record<string, string>) => {
      const args = signArgs(examplePath('c-hasil-pkwkk.json'), 'never.cbor');
      for (const [option, value] of Object.entries(change)) args[args.indexOf(option) + 1] = value;
      return operator(...args);
    };
    const cases: [Record<string, string>, RegExp][] = [
      [{ '--network': 'bad-json.json' }, /bad-json\.json: titip-network v1 file is not JSON/],
      [{ '--network': 'wrong-shape.json' }, /wrong-shape\.json: not a valid titip-network v1 file/],
      [{ '--network': 'missing.json' }, /missing\.json: cannot read/],
      [{ '--key': 'mismatched.key.json' }, /mismatched\.key\.json: key file public key does not match its secret key/],
      [{ '--key': 'bad-json.json' }, /bad-json\.json: key file is not JSON/],
      [{ '--key': 'other-op.key.json', '--credential': 'op.cred.json' }, /not the subject of the operator credential/],
      [{ '--credential': 'network.json' }, /network\.json: not a valid titip-credential v1 file/],
      [{ '--form': 'form-bad.json' }, /form-bad\.json: C\.Hasil form .* is not JSON/],
      [{ '--form': 'form-shape.json' }, /form-shape\.json: not a valid C\.Hasil form/],
    ];
    for (const [change, message] of cases) {
      const r = await signWith(change);
      expect(r.code, JSON.stringify(change)).toBe(1);
      expect(r.stderr).toMatch(message);
      noStack(r);
    }
    expect(existsSync(join(cwd, 'never.cbor'))).toBe(false);

    await writeFile(join(cwd, 'elections-bad.json'), JSON.stringify([{ id: 'pkwkk', name: 'x' }]));
    const network = await issuer('network', '--root', 'root.key.json', '--elections', 'elections-bad.json', '--name', 'x', '--out', 'never-network.json');
    expect(network.code).toBe(1);
    expect(network.stderr).toContain('not a valid elections file');
    expect(existsSync(join(cwd, 'never-network.json'))).toBe(false);
  });

  it('a binary network, credential, key or form file: the error shows its control bytes escaped, never raw', async () => {
    const binary = Buffer.concat([Buffer.from('\x1b[31mRED\x00\x07\x08'), Buffer.from([0xff, 0xfe, 0x9b]), Buffer.from('{"a":\x1b]0;pwned\x07\u202e')]);
    await writeFile(join(cwd, 'binary.json'), binary);
    const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;
    for (const option of ['--network', '--credential', '--key', '--form']) {
      const args = signArgs(examplePath('c-hasil-pkwkk.json'), 'never.cbor');
      args[args.indexOf(option) + 1] = 'binary.json';
      const r = await operator(...args);
      expect(r.code, option).toBe(1);
      expect(r.stderr, option).toContain('binary.json: ');
      expect(r.stderr, option).not.toMatch(raw);
      noStack(r);
    }
    const check = await operator('check', '--form', examplePath('c-hasil-pkwkk.json'), '--election', 'pkwkk', '--network', 'binary.json');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('\\x1b');
    expect(check.stderr).not.toMatch(raw);
    const issue = await issuer('issue', '--role', 'operator', '--signer', 'binary.json', '--signer-credential', 'kpu.cred.json', '--network', 'network.json', '--subject', 'op.key.json', '--regions', TPS, '--elections', 'pkwkk', '--valid-from', from, '--valid-until', until, '--out', 'never.cred.json');
    expect(issue.code).toBe(1);
    expect(issue.stderr).not.toMatch(raw);
  });

  it('never replaces an existing file without --force', async () => {
    const before = await readFile(join(cwd, 'op.key.json'), 'utf8');
    const again = await operator('keygen', '--out', 'op.key.json');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(again.stderr).toContain('--force');
    expect(await readFile(join(cwd, 'op.key.json'), 'utf8')).toBe(before);
    const forced = await operator('keygen', '--out', 'scratch.key.json');
    expect(forced.code).toBe(0);
    expect((await operator('keygen', '--out', 'scratch.key.json', '--force')).code).toBe(0);
  });

  it('bad arguments exit 2 with the option named', async () => {
    const r = await issuer('issue', '--role', 'operator', '--signer', 'kpu.key.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--network is required');
    const s = await operator('sign', '--tps', '1906');
    expect(s.code).toBe(2);
    noStack(s);
    expect((await operator('frobnicate')).code).toBe(2);
    const help = await operator('sign', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--override RULE=REASON');
  });
});
