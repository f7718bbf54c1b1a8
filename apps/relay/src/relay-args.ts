import { dataDirProblem } from '@titip/sync/node';
import { parseArgs } from 'node:util';
import { scopeProblem } from './scope-problem.js';
import type { AttestationStage } from '@titip/records';
import { parseByteSize } from './byte-size.js';
import { dialAddressProblem, listenAddressProblem } from './multiaddr-problem.js';
import { UsageError } from './usage-error.js';

/** The usage text of `titip-relay`. */
export const relayUsage = `Usage: titip-relay --data-dir DIR --network network.json --scope CODE [options]

Store-and-forward relay for PPS/PPK laptops and carriers: holds and forwards every signed
result in its scope, authored by anyone, and passes receipts back down.

Options:
  --data-dir DIR          where the relay keeps its LevelDB store and peer key (created if missing;
                          on disk, not under /proc, /sys or /dev)
  --network FILE          the network file (KPU root key and elections)
  --scope CODE            region served, repeatable: desa (PPS), kecamatan (PPK), kabupaten (carrier)
  --listen MULTIADDR      address to listen on, repeatable (default /ip4/127.0.0.1/tcp/0 and .../ws)
  --dial MULTIADDR        peer to keep connected (with /p2p/<id>), repeatable
  --mdns                  discover peers on the LAN by mDNS and sync with them
  --key FILE              relay key file (with --credential: sign attestations)
  --credential FILE       relay credential file
  --stage pps|ppk         the custody stage this relay attests (default: from the credential region length)
  --role NAME             role announced to peers (default pps/ppk with a credential, else carrier)
  --browser-relay         also serve as circuit relay for browsers (WebRTC signalling);
                          needs a --listen address ending in /ws
  --photo-budget SIZE     cap on the disk space given to others' photos, e.g. 200MB, 2GB (default: no cap);
                          past it the oldest are dropped and logged (numbers are never dropped)
  --status                print a live status line (held / forwarded / acknowledged / photos) on stderr
  --log-json              write JSON log lines on stderr (default: readable lines)
  --help, -h              show this help

On start it prints one JSON line on stdout: {"ready":true,"peerId":"…","addresses":["…"]}.
Exit codes: 0 stopped by SIGINT/SIGTERM or --help, 1 could not start, 2 bad arguments.`;

/** Parsed arguments of `titip-relay`. */
export interface RelayArgs {
  readonly dataDir: string;
  readonly network: string;
  /** Region codes served, deduplicated, in the order given ('' = the nation). */
  readonly scopes: string[];
  readonly listen: string[];
  readonly dial: string[];
  readonly mdns: boolean;
  readonly key?: string | undefined;
  readonly credential?: string | undefined;
  readonly stage?: AttestationStage | undefined;
  readonly role?: string | undefined;
  readonly browserRelay: boolean;
  /** Bytes of others' photos this relay keeps at most (`--photo-budget`); absent = no cap. */
  readonly photoBudget?: number | undefined;
  readonly status: boolean;
  readonly logJson: boolean;
}

/** The most scopes a peer may announce (the wire protocol's limit). */
const MAX_SCOPES = 64;

const OPTIONS = {
  'data-dir': { type: 'string' },
  network: { type: 'string' },
  scope: { type: 'string', multiple: true },
  listen: { type: 'string', multiple: true },
  dial: { type: 'string', multiple: true },
  mdns: { type: 'boolean' },
  key: { type: 'string' },
  credential: { type: 'string' },
  stage: { type: 'string' },
  role: { type: 'string' },
  'browser-relay': { type: 'boolean' },
  'photo-budget': { type: 'string' },
  status: { type: 'boolean' },
  'log-json': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Parses `titip-relay` arguments; `null` means `--help`.
 * @throws {UsageError} naming the flag: unknown or repeated flag, missing value or required flag, a bad region code,
 *   multiaddr, stage or role, `--key` without `--credential` (or the reverse), `--stage` without them,
 *   `--browser-relay` without a `/ws` listen address, a `--photo-budget` that is not a size.
 */
export function parseRelayArgs(argv: readonly string[]): RelayArgs | null {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv), strict: true, allowPositionals: false, tokens: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error as Error & { code?: string }));
  }
  const { values, tokens } = parsed;
  if (values.help) return null;
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = OPTIONS[token.name as keyof typeof OPTIONS] as { multiple?: boolean };
    if (!spec.multiple && seen.has(token.name)) throw new UsageError(`--${token.name}: given more than once`);
    seen.add(token.name);
  }
  const dataDir = required(values['data-dir'], '--data-dir');
  const dataDirIssue = dataDirProblem(dataDir);
  if (dataDirIssue !== null) throw new UsageError(`--data-dir: ${dataDirIssue}`);
  const network = required(values.network, '--network');
  const scopes = [...new Set(values.scope ?? [])];
  if (scopes.length === 0) throw new UsageError('--scope: is required (the desa, kecamatan or kabupaten code this relay serves)');
  if (scopes.length > MAX_SCOPES) throw new UsageError(`--scope: at most ${MAX_SCOPES} scopes, got ${scopes.length}`);
  for (const scope of scopes) {
    const problem = scopeProblem(scope);
    if (problem !== null) throw new UsageError(`--scope: ${JSON.stringify(scope)} is not a region code: ${problem}`);
  }
  const listen = values.listen ?? [];
  for (const address of listen) {
    const problem = listenAddressProblem(address);
    if (problem !== null) throw new UsageError(`--listen: ${JSON.stringify(address)}: ${problem}`);
  }
  const dial = values.dial ?? [];
  for (const address of dial) {
    const problem = dialAddressProblem(address);
    if (problem !== null) throw new UsageError(`--dial: ${JSON.stringify(address)}: ${problem}`);
  }
  const key = optional(values.key, '--key');
  const credential = optional(values.credential, '--credential');
  if (key !== undefined && credential === undefined) throw new UsageError('--credential: is required with --key (the relay credential of that key)');
  if (credential !== undefined && key === undefined) throw new UsageError('--key: is required with --credential (the key file the credential was issued for)');
  const stage = values.stage;
  if (stage !== undefined && stage !== 'pps' && stage !== 'ppk') throw new UsageError(`--stage: expected pps or ppk, not ${JSON.stringify(stage)}`);
  if (stage !== undefined && key === undefined) throw new UsageError('--stage: only with --key and --credential (a relay without a credential attests nothing)');
  const browserRelay = values['browser-relay'] ?? false;
  if (browserRelay && !listen.some((address) => /\/ws(\/|$)/.test(address))) {
    throw new UsageError(
      `--browser-relay: needs a WebSockets listen address that browsers can reach, e.g. --listen /ip4/192.168.1.10/tcp/4002/ws (the laptop's LAN address; ${listen.length === 0 ? 'the default /ws listens on 127.0.0.1 only' : 'none of the --listen addresses ends in /ws'})`,
    );
  }
  const role = values.role;
  if (role !== undefined && !/^[a-z][a-z0-9-]{0,31}$/.test(role)) {
    throw new UsageError(`--role: ${JSON.stringify(role)} is not a role name (lowercase letters, digits and -, starting with a letter, at most 32)`);
  }
  let photoBudget: number | undefined;
  const budgetText = optional(values['photo-budget'], '--photo-budget');
  if (budgetText !== undefined) {
    const size = parseByteSize(budgetText);
    if ('problem' in size) throw new UsageError(`--photo-budget: ${size.problem}`);
    photoBudget = size.bytes;
  }
  return {
    dataDir,
    network,
    scopes,
    listen,
    dial,
    mdns: values.mdns ?? false,
    key,
    credential,
    stage,
    role,
    browserRelay,
    photoBudget,
    status: values.status ?? false,
    logJson: values['log-json'] ?? false,
  };
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`${flag}: is required`);
  if (value === '') throw new UsageError(`${flag}: must not be empty`);
  return value;
}

function optional(value: string | undefined, flag: string): string | undefined {
  if (value === '') throw new UsageError(`${flag}: must not be empty`);
  return value;
}

/**
 * `--flag -5MB` written as `--flag=-5MB` for a flag that takes a value: parseArgs takes any value starting with a dash
 * for an option, so a negative number would be reported as a missing value instead of a bad one.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const spec = arg.startsWith('--') ? (OPTIONS as Record<string, { type: string }>)[arg.slice(2)] : undefined;
    const next = argv[i + 1];
    if (spec?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** A one-line message naming the flag for an error of `node:util` parseArgs. */
function parseArgsMessage(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const flag = quoted.split(' ')[0] ?? quoted;
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${flag}: unknown option`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(quoted)}: every value follows its flag (--scope 1906012001)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(error.message)) return `${flag}: takes no value`;
      return `${flag}: needs a value`;
    default:
      return error.message;
  }
}
