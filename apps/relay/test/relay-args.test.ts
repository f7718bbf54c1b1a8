import { describe, expect, it } from 'vitest';
import { parseRelayArgs, relayUsage } from '../src/relay-args.js';
import { UsageError } from '../src/usage-error.js';

const PEER = '12D3KooWPXbojhkG5ydbGZmUMWcY9F7aVmSnXQas6hyTJAbLRU7j';
const BASE = ['--data-dir', '/var/lib/titip-relay', '--network', 'network.json', '--scope', '1906012001'];

function usageError(argv: string[]): UsageError {
  try {
    parseRelayArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`no UsageError for ${JSON.stringify(argv)}`);
}

describe('parseRelayArgs', () => {
  it('parses the minimal command line with the defaults', () => {
    expect(parseRelayArgs(BASE)).toEqual({
      dataDir: '/var/lib/titip-relay',
      network: 'network.json',
      scopes: ['1906012001'],
      listen: [],
      dial: [],
      mdns: false,
      key: undefined,
      credential: undefined,
      stage: undefined,
      role: undefined,
      browserRelay: false,
      photoBudget: undefined,
      status: false,
      logJson: false,
    });
  });

  it('parses every flag', () => {
    const args = parseRelayArgs([
      ...BASE,
      '--scope', '1906012002',
      '--scope', '1906012001', // a repeated scope counts once
      '--listen', '/ip4/192.168.1.10/tcp/4001',
      '--listen', '/ip4/192.168.1.10/tcp/4002/ws',
      '--listen', '/ip6/::1/tcp/0',
      '--dial', `/ip4/192.168.1.1/tcp/4001/p2p/${PEER}`,
      '--dial', `/dns4/ppk-manggar.local/tcp/4002/ws/p2p/${PEER}`,
      '--mdns',
      '--key', 'pps.key.json',
      '--credential', 'pps.cred.json',
      '--stage', 'pps',
      '--role', 'pps-lalang-jaya',
      '--browser-relay',
      '--photo-budget', '200MB',
      '--status',
      '--log-json',
    ]);
    expect(args).toEqual({
      dataDir: '/var/lib/titip-relay',
      network: 'network.json',
      scopes: ['1906012001', '1906012002'],
      listen: ['/ip4/192.168.1.10/tcp/4001', '/ip4/192.168.1.10/tcp/4002/ws', '/ip6/::1/tcp/0'],
      dial: [`/ip4/192.168.1.1/tcp/4001/p2p/${PEER}`, `/dns4/ppk-manggar.local/tcp/4002/ws/p2p/${PEER}`],
      mdns: true,
      key: 'pps.key.json',
      credential: 'pps.cred.json',
      stage: 'pps',
      role: 'pps-lalang-jaya',
      browserRelay: true,
      photoBudget: 200_000_000,
      status: true,
      logJson: true,
    });
  });

  it('accepts --flag=value, the nation scope and a kecamatan with --stage ppk', () => {
    const args = parseRelayArgs(['--data-dir=d', '--network=n.json', '--scope=', '--scope=190601', '--key=k', '--credential=c', '--stage=ppk']);
    expect(args).toMatchObject({ dataDir: 'd', network: 'n.json', scopes: ['', '190601'], stage: 'ppk' });
  });

  it('reads --photo-budget in bytes or human sizes, 0 included', () => {
    expect(parseRelayArgs([...BASE, '--photo-budget', '0'])).toMatchObject({ photoBudget: 0 });
    expect(parseRelayArgs([...BASE, '--photo-budget=1.5GB'])).toMatchObject({ photoBudget: 1_500_000_000 });
    expect(parseRelayArgs([...BASE, '--photo-budget', '512MiB'])).toMatchObject({ photoBudget: 536_870_912 });
  });

  it('returns null for --help and -h, whatever else is given', () => {
    expect(parseRelayArgs(['--help'])).toBeNull();
    expect(parseRelayArgs(['-h'])).toBeNull();
    expect(parseRelayArgs([...BASE, '--help'])).toBeNull();
    expect(relayUsage).toMatch(/^Usage: titip-relay /);
    for (const flag of ['--data-dir', '--network', '--scope', '--listen', '--dial', '--mdns', '--key', '--credential', '--stage', '--role', '--browser-relay', '--photo-budget', '--status', '--log-json', '--help']) {
      expect(relayUsage).toContain(flag);
    }
  });

  const without = (flag: string) => {
    const i = BASE.indexOf(flag);
    return [...BASE.slice(0, i), ...BASE.slice(i + 2)];
  };

  it.each<[string, string[], RegExp]>([
    ['missing --data-dir', without('--data-dir'), /^--data-dir: is required$/],
    ['missing --network', without('--network'), /^--network: is required$/],
    ['missing --scope', without('--scope'), /^--scope: is required/],
    ['empty --data-dir', ['--data-dir', '', ...BASE.slice(2)], /^--data-dir: must not be empty$/],
    ['empty --network', [...BASE.slice(0, 2), '--network=', ...BASE.slice(4)], /^--network: must not be empty$/],
    ['--data-dir without its value', ['--network', 'n', '--scope', '1906', '--data-dir'], /^--data-dir: needs a value$/],
    ['a flag taken as a value', ['--data-dir', '--network', 'n', '--scope', '1906'], /^--data-dir: needs a value$/],
    ['unknown flag', [...BASE, '--verbose'], /^--verbose: unknown option$/],
    ['unknown short flag', [...BASE, '-v'], /^-v: unknown option$/],
    ['positional argument', [...BASE, 'extra'], /^unexpected argument "extra"/],
    ['a value for a boolean flag', [...BASE, '--mdns=yes'], /^--mdns: takes no value$/],
    ['a repeated single-valued flag', [...BASE, '--network', 'other.json'], /^--network: given more than once$/],
    ['a BPS code as scope', [...without('--scope'), '--scope', '1906010'], /^--scope: "1906010" is not a region code: .*7 digits looks like a BPS code/],
    ['a dotted scope', [...without('--scope'), '--scope', '19.06.01'], /^--scope: "19\.06\.01" is not a region code: only the digits/],
    ['an impossible scope', [...without('--scope'), '--scope', '1970'], /^--scope: "1970" is not a region code: kabupaten\/kota number 70/],
    ['too many scopes', [...without('--scope'), ...Array.from({ length: 65 }, (_, i) => ['--scope', `19060120${String(i + 10).padStart(2, '0')}`]).flat()], /^--scope: at most 64/],
    ['listen: not a multiaddr', [...BASE, '--listen', '0.0.0.0:4001'], /^--listen: "0\.0\.0\.0:4001": a multiaddr starts with "\/"/],
    ['listen: bad IPv4', [...BASE, '--listen', '/ip4/192.168.1.300/tcp/4001'], /^--listen: .*"192\.168\.1\.300" is not an IPv4 address/],
    ['listen: bad port', [...BASE, '--listen', '/ip4/127.0.0.1/tcp/70000'], /^--listen: .*the port "70000" is not a number/],
    ['listen: udp', [...BASE, '--listen', '/ip4/127.0.0.1/udp/4001/quic-v1'], /^--listen: .*TCP and WebSockets only/],
    ['listen: unknown host protocol', [...BASE, '--listen', '/unix/tmp/sock'], /^--listen: .*must start with \/ip4\//],
    ['listen: with a peer id', [...BASE, '--listen', `/ip4/127.0.0.1/tcp/0/p2p/${PEER}`], /^--listen: .*no \/p2p\//],
    ['listen: a host name', [...BASE, '--listen', '/dns4/example.org/tcp/4001'], /^--listen: .*listen on an IP address/],
    ['listen: TLS', [...BASE, '--listen', '/ip4/127.0.0.1/tcp/443/wss'], /^--listen: .*cannot listen with TLS/],
    ['listen: trailing junk', [...BASE, '--listen', '/ip4/127.0.0.1/tcp/4001/ws/extra'], /^--listen: .*unexpected \/extra/],
    ['dial without /p2p/', [...BASE, '--dial', '/ip4/192.168.1.1/tcp/4001'], /^--dial: "\/ip4\/192\.168\.1\.1\/tcp\/4001": a dial address must end with \/p2p\/<peer id>/],
    ['dial with a bad peer id', [...BASE, '--dial', '/ip4/192.168.1.1/tcp/4001/p2p/not-a-peer'], /^--dial: .*"not-a-peer" after \/p2p\/ is not a peer id/],
    ['dial: bad IPv6', [...BASE, '--dial', `/ip6/fe80::zz/tcp/4001/p2p/${PEER}`], /^--dial: .*not an IPv6 address/],
    ['--key without --credential', [...BASE, '--key', 'k.json'], /^--credential: is required with --key/],
    ['--credential without --key', [...BASE, '--credential', 'c.json'], /^--key: is required with --credential/],
    ['bad stage', [...BASE, '--key', 'k', '--credential', 'c', '--stage', 'kpps'], /^--stage: expected pps or ppk, not "kpps"$/],
    ['stage without a credential', [...BASE, '--stage', 'pps'], /^--stage: only with --key and --credential/],
    ['bad role', [...BASE, '--role', 'PPS Lalang Jaya'], /^--role: "PPS Lalang Jaya" is not a role name/],
    ['too long a role', [...BASE, '--role', `r${'x'.repeat(32)}`], /^--role: .* at most 32/],
    ['a data dir under /proc', ['--data-dir', '/proc/xyz', ...BASE.slice(2)], /^--data-dir: \/proc\/xyz is under \/proc, a kernel pseudo-filesystem, not a disk/],
    ['--browser-relay without --listen', [...BASE, '--browser-relay'], /^--browser-relay: needs a WebSockets listen address .*--listen \/ip4\/192\.168\.1\.10\/tcp\/4002\/ws .*the default \/ws listens on 127\.0\.0\.1 only/],
    ['--browser-relay with TCP only', [...BASE, '--browser-relay', '--listen', '/ip4/192.168.1.10/tcp/4001'], /^--browser-relay: needs a WebSockets listen address .*none of the --listen addresses ends in \/ws/],
    ['a photo budget that is not a size', [...BASE, '--photo-budget', 'lots'], /^--photo-budget: "lots" is not a size/],
    ['a photo budget in an unknown unit', [...BASE, '--photo-budget', '3 floppies'], /^--photo-budget: unknown unit "floppies"/],
    ['a negative photo budget', [...BASE, '--photo-budget=-1MB'], /^--photo-budget: "-1MB" is not a size/],
    ['a negative photo budget after a space', [...BASE, '--photo-budget', '-5MB'], /^--photo-budget: "-5MB" is not a size/],
    ['an empty photo budget', [...BASE, '--photo-budget='], /^--photo-budget: must not be empty$/],
  ])('refuses %s with a UsageError naming the flag', (_name, argv, message) => {
    const error = usageError(argv);
    expect(error.message).toMatch(message);
    expect(error.code).toBe('USAGE');
    expect(error.name).toBe('UsageError');
    expect(error.message).not.toContain('\n');
  });
});
