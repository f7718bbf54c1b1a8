import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineCommand, type Command, type Program } from '../../src/cli/command.js';
import { issuerProgram } from '../../src/cli/issuer/issuer-program.js';
import { operatorProgram } from '../../src/cli/operator/operator-program.js';
import { runCli } from '../../src/cli/run-cli.js';
import { InputFileError, SubmissionRefusedError } from '../../src/errors.js';
import { bufferIo } from '../fixtures/buffer-io.js';

describe('runCli: help and dispatch', () => {
  it('prints the program help (exit 2 without arguments, 0 when asked)', async () => {
    const none = bufferIo();
    expect(await runCli(issuerProgram, [], none)).toBe(2);
    expect(none.err).toContain('Commands:');
    for (const flag of ['--help', '-h', 'help']) {
      const io = bufferIo();
      expect(await runCli(issuerProgram, [flag], io)).toBe(0);
      expect(io.out).toMatch(/init-root[\s\S]*network[\s\S]*keygen[\s\S]*issue/);
    }
  });

  it.each([
    [issuerProgram, ['init-root', 'network', 'keygen', 'issue', 'revoke', 'inject']],
    [operatorProgram, ['keygen', 'check', 'sign', 'submit', 'status']],
  ] as const)('gives every command of %s its help with usage, options and examples', async (program, names) => {
    expect(program.commands.map((c) => c.name)).toEqual(names);
    for (const name of names) {
      for (const args of [[name, '--help'], ['help', name], [name, '--out', 'x', '-h']]) {
        const io = bufferIo();
        expect(await runCli(program, args, io)).toBe(0);
        expect(io.out).toContain(`Usage:\n  ${program.name} ${name}`);
        expect(io.out).toContain('Options:');
        expect(io.out).toContain('Examples:');
        const command = program.commands.find((c) => c.name === name)!;
        for (const option of Object.keys(command.options)) expect(io.out).toContain(`--${option}`);
      }
    }
  });

  it('refuses an unknown command with the list of commands (exit 2)', async () => {
    const io = bufferIo();
    expect(await runCli(operatorProgram, ['upload'], io)).toBe(2);
    expect(io.err).toContain('unknown command "upload"; commands: keygen, check, sign, submit, status');
    expect(await runCli(operatorProgram, ['help', 'upload'], bufferIo())).toBe(2);
  });
});

describe('runCli: argument errors (exit 2, the option named, never a stack)', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown option', ['keygen', '--out', 'a.json', '--colour', 'red'], /Unknown option '--colour'/],
    ['a positional argument', ['keygen', 'a.json'], /Unexpected argument 'a.json'|positional/i],
    ['a missing required option', ['keygen'], /--out is required/],
    ['an option given twice', ['keygen', '--out', 'a', '--out', 'b'], /--out is given more than once/],
    ['an option without its value', ['keygen', '--out', '--label', 'x'], /forget to specify the option argument for '--out'/],
    ['an option value that is an option', ['keygen', '--out=--label'], /--out needs a value/],
    ['a bad role', ['issue', '--role', 'admin', '--signer', 's', '--network', 'n', '--subject', 'k', '--regions', '1906', '--elections', 'pkwkk', '--valid-from', '2024-11-01T00:00:00Z', '--valid-until', '2024-12-01T00:00:00Z', '--out', 'o'], /--role: expected one of issuer, operator, relay, server/],
    ['a bare date', ['issue', '--role', 'issuer', '--signer', 's', '--network', 'n', '--subject', 'k', '--regions', '1906', '--elections', 'pkwkk', '--valid-from', '2024-11-01', '--valid-until', '2024-12-01T00:00:00Z', '--out', 'o'], /--valid-from: expected an ISO 8601 date-time with a zone/],
    ['a BPS region code', ['issue', '--role', 'issuer', '--signer', 's', '--network', 'n', '--subject', 'k', '--regions', '1906010', '--elections', 'pkwkk', '--valid-from', '2024-11-01T00:00:00Z', '--valid-until', '2024-12-01T00:00:00Z', '--out', 'o'], /--regions: "1906010" is not a Kemendagri region code/],
    ['both subject forms', ['issue', '--role', 'issuer', '--signer', 's', '--network', 'n', '--subject', 'k', '--subject-public', 'a'.repeat(64), '--regions', '1906', '--elections', 'pkwkk', '--valid-from', '2024-11-01T00:00:00Z', '--valid-until', '2024-12-01T00:00:00Z', '--out', 'o'], /exactly one of --subject and --subject-public/],
    ['a signer credential for a root-signed role', ['issue', '--role', 'server', '--signer', 's', '--signer-credential', 'c', '--network', 'n', '--subject', 'k', '--regions', '', '--elections', 'pkwkk', '--valid-from', '2024-11-01T00:00:00Z', '--valid-until', '2024-12-01T00:00:00Z', '--out', 'o'], /signed by the root key alone/],
    ['an operator without the issuer credential', ['issue', '--role', 'operator', '--signer', 's', '--network', 'n', '--subject', 'k', '--regions', '1906012001001', '--elections', 'pkwkk', '--valid-from', '2024-11-01T00:00:00Z', '--valid-until', '2024-12-01T00:00:00Z', '--out', 'o'], /need the issuer's credential file/],
    ['an operator for a kabupaten', ['issue', '--role', 'operator', '--signer', 's', '--signer-credential', 'c', '--network', 'n', '--subject', 'k', '--regions', '1906', '--elections', 'pkwkk', '--valid-from', '2024-11-01T00:00:00Z', '--valid-until', '2024-12-01T00:00:00Z', '--out', 'o'], /name TPS codes/],
    ['a window the wrong way round', ['issue', '--role', 'issuer', '--signer', 's', '--network', 'n', '--subject', 'k', '--regions', '1906', '--elections', 'pkwkk', '--valid-from', '2024-12-01T00:00:00Z', '--valid-until', '2024-11-01T00:00:00Z', '--out', 'o'], /--valid-until: must be after --valid-from/],
  ];
  it.each(cases)('titip-issuer: %s', async (_what, args, message) => {
    const io = bufferIo();
    expect(await runCli(issuerProgram, args, io)).toBe(2);
    expect(io.err).toMatch(message);
    expect(io.err).toContain(`Run 'titip-issuer ${args[0]} --help' for usage.`);
    expect(io.err).not.toMatch(/\n\s+at /);
    expect(io.out).toBe('');
  });

  const operatorCases: [string, string[], RegExp][] = [
    ['a desa code as TPS', ['sign', '--key', 'k', '--credential', 'c', '--network', 'n', '--form', 'f', '--tps', '1906012001', '--election', 'pkwkk', '--out', 'o'], /--tps: expected a TPS code/],
    ['a revision without supersedes', ['sign', '--key', 'k', '--credential', 'c', '--network', 'n', '--form', 'f', '--tps', '1906012001001', '--election', 'pkwkk', '--revision', '2', '--out', 'o'], /--supersedes: revision 2 must name the submission it replaces/],
    ['revision 0', ['sign', '--key', 'k', '--credential', 'c', '--network', 'n', '--form', 'f', '--tps', '1906012001001', '--election', 'pkwkk', '--revision', '0', '--out', 'o'], /--revision: expected a revision number/],
    ['an override without a reason', ['sign', '--key', 'k', '--credential', 'c', '--network', 'n', '--form', 'f', '--tps', '1906012001001', '--election', 'pkwkk', '--override', 'gender-total', '--out', 'o'], /--override: "gender-total": expected RULE=REASON/],
    ['an override of paslon-set (no override lifts it)', ['sign', '--key', 'k', '--credential', 'c', '--network', 'n', '--form', 'f', '--tps', '1906012001001', '--election', 'pkwkk', '--override', 'paslon-set=tertulis di lembar', '--out', 'o'], /no override lifts paslon-set/],
    ['a rule overridden twice', ['sign', '--key', 'k', '--credential', 'c', '--network', 'n', '--form', 'f', '--tps', '1906012001001', '--election', 'pkwkk', '--override', 'gender-total=a', '--override', 'gender-total=b', '--out', 'o'], /overridden twice/],
    ['a malformed photo', ['sign', '--key', 'k', '--credential', 'c', '--network', 'n', '--form', 'f', '--tps', '1906012001001', '--election', 'pkwkk', '--photo', 'abc:1:10:image/jpeg', '--out', 'o'], /--photo: "abc:1:10:image\/jpeg": expected SHA256:PAGE:SIZE:TYPE/],
    ['submit without a peer', ['submit', '--network', 'n', '--submission', 's', '--data-dir', 'd'], /--peer is required/],
    ['a peer without its id', ['submit', '--network', 'n', '--submission', 's', '--data-dir', 'd', '--peer', '/ip4/127.0.0.1/tcp/4001'], /--peer: expected a multiaddr ending in the peer id/],
    ['a bad timeout', ['submit', '--network', 'n', '--submission', 's', '--data-dir', 'd', '--peer', '/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWLRPJAA5o6Z6z5oTr8SqHdzpb8dwLQKrW5jkEfEH5ZMoK', '--timeout', 'soon'], /--timeout: expected a duration/],
    ['a submission file and sign options', ['submit', '--network', 'n', '--submission', 's', '--tps', '1906012001001', '--data-dir', 'd', '--peer', '/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWLRPJAA5o6Z6z5oTr8SqHdzpb8dwLQKrW5jkEfEH5ZMoK'], /already signed: drop --tps/],
    ['submit with neither', ['submit', '--network', 'n', '--data-dir', 'd', '--peer', '/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWLRPJAA5o6Z6z5oTr8SqHdzpb8dwLQKrW5jkEfEH5ZMoK'], /--key: is required/],
  ];
  it.each(operatorCases)('titip-operator: %s', async (_what, args, message) => {
    const io = bufferIo();
    expect(await runCli(operatorProgram, args, io)).toBe(2);
    expect(io.err).toMatch(message);
    expect(io.err).not.toMatch(/\n\s+at /);
  });
});

describe('runCli: failures', () => {
  const program = (run: () => Promise<number>): Program => ({
    name: 't',
    summary: 'test program',
    commands: [defineCommand({ name: 'go', summary: 's', usage: ['go'], options: {}, schema: z.object({}), examples: ['go'], run }) as unknown as Command<never>],
  });

  it('prints typed errors as one clear line, exit 1', async () => {
    const io = bufferIo();
    expect(await runCli(program(() => Promise.reject(new InputFileError('f.json', 'is not JSON'))), ['go'], io)).toBe(1);
    expect(io.err).toBe('t go: error: f.json: is not JSON\n');
  });

  it('reports an unexpected error as internal (exit 70), with the stack only under TITIP_DEBUG', async () => {
    const boom = () => Promise.reject(new TypeError('x is undefined'));
    const quiet = bufferIo();
    expect(await runCli(program(boom), ['go'], quiet)).toBe(70);
    expect(quiet.err).toContain('t go: internal error: x is undefined');
    expect(quiet.err).not.toMatch(/\n\s+at /);
    const debug = bufferIo({ TITIP_DEBUG: '1' });
    expect(await runCli(program(boom), ['go'], debug)).toBe(70);
    expect(debug.err).toMatch(/\n\s+at /);
  });

  it('a file that exists gets a hint to --force', async () => {
    const io = bufferIo();
    const { OutputFileError } = await import('../../src/errors.js');
    expect(await runCli(program(() => Promise.reject(new OutputFileError('a', 'already exists', { exists: true }))), ['go'], io)).toBe(1);
    expect(io.err).toContain('Pass --force to replace it.');
  });

  it('escapes the control characters a binary file puts in an error message', async () => {
    const io = bufferIo();
    const error = new InputFileError('bad\x1b.json', 'is not JSON: Unexpected token \'\x1b\', "\x1b[31mRED\x00\x07\u202e"... is not valid JSON');
    expect(await runCli(program(() => Promise.reject(error)), ['go'], io)).toBe(1);
    expect(io.err).toBe('t go: error: bad\\x1b.json: is not JSON: Unexpected token \'\\x1b\', "\\x1b[31mRED\\x00\\x07\\u{202e}"... is not valid JSON\n');
  });

  it('shows credential times as ISO times, not milliseconds', async () => {
    const io = bufferIo();
    const error = new SubmissionRefusedError('not-yet-valid', 'the signed submission would not verify: credential 1 is valid from 1796144400000, checked at 1732665600000');
    expect(await runCli(program(() => Promise.reject(error)), ['go'], io)).toBe(1);
    expect(io.err).toBe('t go: error: the signed submission would not verify: credential 1 is valid from 2026-12-01T17:00:00.000Z, checked at 2024-11-27T00:00:00.000Z\n');
  });
});
