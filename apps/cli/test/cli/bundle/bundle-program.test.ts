import { describe, expect, it } from 'vitest';
import { bundleProgram } from '../../../src/cli/bundle/bundle-program.js';
import { runCli } from '../../../src/cli/run-cli.js';
import { bufferIo } from '../../fixtures/buffer-io.js';

describe('titip-bundle: help', () => {
  it('lists export, have, import and inspect', async () => {
    expect(bundleProgram.commands.map((c) => c.name)).toEqual(['export', 'have', 'import', 'inspect']);
    const io = bufferIo();
    expect(await runCli(bundleProgram, ['--help'], io)).toBe(0);
    expect(io.out).toMatch(/export[\s\S]*have[\s\S]*import[\s\S]*inspect/);
    expect(io.out).toContain('data dir is locked while it runs');
  });

  it.each(['export', 'have', 'import', 'inspect'])('gives %s its help with usage, every option and examples', async (name) => {
    for (const args of [[name, '--help'], ['help', name], [name, 'x.titip', '-h']]) {
      const io = bufferIo();
      expect(await runCli(bundleProgram, args, io)).toBe(0);
      expect(io.out).toContain(`Usage:\n  titip-bundle ${name}`);
      expect(io.out).toContain('Examples:');
      for (const option of Object.keys(bundleProgram.commands.find((c) => c.name === name)!.options)) expect(io.out).toContain(`--${option}`);
    }
  });

  it('shows the positional FILE of import and inspect', async () => {
    const io = bufferIo();
    await runCli(bundleProgram, ['inspect', '--help'], io);
    expect(io.out).toMatch(/Arguments and options:\n {2}FILE +the bundle file/);
  });
});

describe('titip-bundle: argument errors (exit 2, one clear message, never a stack)', () => {
  const cases: [string, string[], RegExp][] = [
    ['export without --out', ['export', '--data-dir', 'd'], /--out is required/],
    ['export without --data-dir', ['export', '--out', 'o.titip'], /--data-dir is required/],
    ['export with a positional', ['export', '--data-dir', 'd', '--out', 'o', 'extra'], /Unexpected argument 'extra'|positional/i],
    ['export with a BPS code', ['export', '--data-dir', 'd', '--out', 'o', '--region', '1906010'], /--region: "1906010" is not a Kemendagri region code/],
    ['export with the nation and a region', ['export', '--data-dir', 'd', '--out', 'o', '--region', '', '--region', '1906'], /the nation\) covers everything/],
    ['export with an empty label', ['export', '--data-dir', 'd', '--out', 'o', '--label', ''], /--label: an empty label/],
    ['export with --have twice', ['export', '--data-dir', 'd', '--out', 'o', '--have', 'a', '--have', 'b'], /--have is given more than once/],
    ['export with --out missing its value', ['export', '--data-dir', 'd', '--out', '--force'], /--out/],
    ['have with an unknown option', ['have', '--data-dir', 'd', '--out', 'o', '--heads'], /Unknown option '--heads'/],
    ['import without the file', ['import', '--data-dir', 'd', '--network', 'n'], /FILE is required/],
    ['import with two files', ['import', '--data-dir', 'd', '--network', 'n', 'a.titip', 'b.titip'], /unexpected argument "b.titip"/],
    ['import without --network', ['import', '--data-dir', 'd', 'a.titip'], /--network is required/],
    ['import with a bad scope', ['import', '--data-dir', 'd', '--network', 'n', '--scope', '19x', 'a.titip'], /--scope: "19x" is not a Kemendagri region code/],
    ['inspect without the file', ['inspect'], /FILE is required/],
    ['inspect with an empty file name', ['inspect', ''], /FILE: expected a file path/],
    ['an unknown command', ['send'], /unknown command "send"; commands: export, have, import, inspect/],
  ];
  it.each(cases)('%s', async (_what, args, message) => {
    const io = bufferIo();
    expect(await runCli(bundleProgram, args, io)).toBe(2);
    expect(io.err).toMatch(message);
    expect(io.err).toMatch(/Run 'titip-bundle( \w+)? --help' for usage\./);
    expect(io.err).not.toMatch(/\n\s+at /);
    expect(io.out).toBe('');
  });
});
