import { describe, expect, it } from 'vitest';
import { parseServerArgs } from '../../src/cli/parse-server-args.js';
import { UsageError } from '../../src/errors.js';

const REQUIRED = ['--data-dir', '/tmp/kpu', '--network', 'network.json', '--key', 'server.key.json', '--credential', 'server.cred.json'];

describe('parseServerArgs', () => {
  it('applies the defaults', () => {
    expect(parseServerArgs(REQUIRED)).toEqual({
      kind: 'run',
      options: {
        dataDir: '/tmp/kpu',
        network: 'network.json',
        key: 'server.key.json',
        credential: 'server.cred.json',
        listen: undefined,
        http: { host: '127.0.0.1', port: 8080 },
        scopes: [''],
        dial: [],
        verifierThreads: 2,
        logJson: false,
      },
    });
  });

  it('reads every flag, repeatable ones included', () => {
    const dial = '/ip4/10.0.0.2/tcp/4001/p2p/12D3KooWLRPJAA5o6Z6jPQs4gW2ZMaQ4iHkVxWtRZ1WtUVdKbdXs';
    const command = parseServerArgs([
      ...REQUIRED,
      '--listen', '/ip4/0.0.0.0/tcp/4001',
      '--listen', '/ip4/0.0.0.0/tcp/4002/ws',
      '--http', '[::1]:0',
      '--scope', '19',
      '--scope', '31',
      '--dial', dial,
      '--verifier-threads', '0',
      '--log-json',
    ]);
    expect(command).toMatchObject({
      kind: 'run',
      options: {
        listen: ['/ip4/0.0.0.0/tcp/4001', '/ip4/0.0.0.0/tcp/4002/ws'],
        http: { host: '::1', port: 0 },
        scopes: ['19', '31'],
        dial: [dial],
        verifierThreads: 0,
        logJson: true,
      },
    });
    expect(parseServerArgs([...REQUIRED, '--scope', ''])).toMatchObject({ options: { scopes: [''] } });
    expect(parseServerArgs([...REQUIRED, '--http', 'localhost:9000'])).toMatchObject({ options: { http: { host: 'localhost', port: 9000 } } });
  });

  it('answers --help (and -h) before checking anything else', () => {
    expect(parseServerArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseServerArgs(['-h', '--http', 'nonsense'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], /--data-dir is required/],
    [REQUIRED.slice(2), /--data-dir is required/],
    [REQUIRED.slice(0, 6), /--credential is required/],
    [[...REQUIRED, '--bogus'], /Unknown option '--bogus'/],
    [[...REQUIRED, 'positional'], /positional/],
    [[...REQUIRED, '--data-dir'], /argument missing/],
    [[...REQUIRED.slice(0, 1), '', ...REQUIRED.slice(2)], /--data-dir must not be empty/],
    [[...REQUIRED, '--http', '8080'], /--http expected HOST:PORT/],
    [[...REQUIRED, '--http', '127.0.0.1:70000'], /--http the port must be 0-65535/],
    [[...REQUIRED, '--http', 'http://127.0.0.1:80'], /--http expected HOST:PORT/],
    [[...REQUIRED, '--scope', '1906010'], /--scope expected a region code/],
    [[...REQUIRED, '--scope', 'all'], /--scope expected a region code/],
    [[...REQUIRED, '--listen', 'tcp://0.0.0.0:4001'], /--listen expected a multiaddr/],
    [[...REQUIRED, '--dial', '/ip4/10.0.0.2/tcp/4001'], /--dial a dial address ends in \/p2p\/<peer id>/],
    [[...REQUIRED, '--verifier-threads', 'two'], /--verifier-threads expected a whole number/],
    [[...REQUIRED, '--verifier-threads', '-1'], /^--verifier-threads expected a whole number from 0 to 64, not -1$/],
    [[...REQUIRED, '--verifier-threads=-1'], /^--verifier-threads expected a whole number from 0 to 64$/],
    [[...REQUIRED.slice(0, 2), '--network', '--key', 'k', '--credential', 'c'], /^--network needs a value, not the option "--key"/],
    [[...REQUIRED, '--network', 'other.json'], /^--network is given more than once \(it takes one value\)$/],
    [[...REQUIRED, '--data-dir', '/tmp/other'], /^--data-dir is given more than once/],
    [[...REQUIRED, '--http', '127.0.0.1:1', '--http', '127.0.0.1:2'], /^--http is given more than once/],
    [[...REQUIRED, '--verifier-threads', '1', '--verifier-threads', '2'], /^--verifier-threads is given more than once/],
    [['--data-dir', '/proc/xyz', ...REQUIRED.slice(2)], /^--data-dir \/proc\/xyz is under \/proc, a kernel pseudo-filesystem, not a disk: choose a directory on disk/],
    [['--data-dir', '/sys/titip', ...REQUIRED.slice(2)], /^--data-dir \/sys\/titip is under \/sys/],
    [['--data-dir', '/dev/shm/titip', ...REQUIRED.slice(2)], /^--data-dir \/dev\/shm\/titip is under \/dev/],
    [['--data-dir', '/dev/fd/titip', ...REQUIRED.slice(2)], /is under \/(dev|proc)/],
    [[...REQUIRED, '--verifier-threads', '65'], /--verifier-threads at most 64/],
    [[...REQUIRED, '--log-json=yes'], /--log-json/],
  ])('refuses %j', (argv, message) => {
    let error: unknown;
    try {
      parseServerArgs(argv as string[]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).code).toBe('SERVER_USAGE');
    expect((error as UsageError).message).toMatch(message);
    expect((error as UsageError).message).not.toContain('\n');
  });

  it('repeats --listen, --scope and --dial (and only those)', () => {
    expect(parseServerArgs([...REQUIRED, '--scope', '19', '--scope', '31', '--listen', '/ip4/0.0.0.0/tcp/4001', '--listen', '/ip4/0.0.0.0/tcp/4002/ws'])).toMatchObject({
      options: { scopes: ['19', '31'], listen: ['/ip4/0.0.0.0/tcp/4001', '/ip4/0.0.0.0/tcp/4002/ws'] },
    });
  });
});
