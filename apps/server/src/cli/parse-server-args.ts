import { dataDirProblem } from '@titip/sync/node';
import { parseArgs } from 'node:util';
import { isRegionCode } from '@titip/election';
import { z } from 'zod';
import { UsageError } from '../errors.js';

/** The settings of one `titip-server` run. */
export interface ServerCliOptions {
  readonly dataDir: string;
  readonly network: string;
  readonly key: string;
  readonly credential: string;
  readonly listen: string[] | undefined;
  readonly http: { host: string; port: number };
  readonly scopes: string[];
  readonly dial: string[];
  readonly verifierThreads: number;
  readonly logJson: boolean;
}

/** What the command line asks for. */
export type ServerCommand = { readonly kind: 'help' } | { readonly kind: 'run'; readonly options: ServerCliOptions };

const multiaddr = z
  .string()
  .max(1024)
  .regex(/^(\/[^\s/]+)+$/, 'expected a multiaddr such as /ip4/127.0.0.1/tcp/4001');
const hostPort = z
  .string()
  .regex(/^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'expected HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080')
  .transform((value) => {
    const at = value.lastIndexOf(':');
    return { host: value.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(value.slice(at + 1)) };
  })
  .refine((v) => v.port <= 65_535, 'the port must be 0-65535');
const path = z.string().min(1, 'must not be empty').max(4096);
const dataDir = path.superRefine((dir, ctx) => {
  const problem = dataDirProblem(dir);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});
const THREADS = 'expected a whole number from 0 to 64';

const valuesSchema = z.strictObject({
  'data-dir': dataDir,
  network: path,
  key: path,
  credential: path,
  listen: z.array(multiaddr).optional(),
  http: hostPort.default({ host: '127.0.0.1', port: 8080 }),
  scope: z
    .array(z.string().refine((s) => s === '' || isRegionCode(s), "expected a region code (2, 4, 6, 10 or 13 digits) or '' for the nation"))
    .max(64)
    .optional(),
  dial: z.array(multiaddr.refine((s) => /\/p2p\/[^/]+$/.test(s), 'a dial address ends in /p2p/<peer id>')).optional(),
  'verifier-threads': z
    .string()
    .regex(/^\d{1,2}$/, THREADS)
    .transform(Number)
    .refine((n) => n <= 64, 'at most 64')
    .default(2),
  'log-json': z.boolean().optional(),
  help: z.boolean().optional(),
});

const OPTIONS = {
  'data-dir': { type: 'string' },
  network: { type: 'string' },
  key: { type: 'string' },
  credential: { type: 'string' },
  listen: { type: 'string', multiple: true },
  http: { type: 'string' },
  scope: { type: 'string', multiple: true },
  dial: { type: 'string', multiple: true },
  'verifier-threads': { type: 'string' },
  'log-json': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What a flag's value should be, for the message when it looks like another option (`--verifier-threads -1`). */
const EXPECTED: Readonly<Record<string, string>> = { '--verifier-threads': THREADS };

/** One clear line for an error of `node:util` parseArgs. */
function parseArgsMessage(error: Error & { code?: string }, argv: readonly string[]): string {
  const firstLine = error.message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
  if (error.code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || !/ambiguous/.test(error.message)) return firstLine;
  const flag = /'(--?[\w-]+)/.exec(error.message)?.[1] ?? '';
  const value = argv[argv.indexOf(flag) + 1] ?? '';
  const expected = EXPECTED[flag];
  if (/^-\d/.test(value) && expected !== undefined) return `${flag} ${expected}, not ${value}`;
  return `${flag} needs a value, not the option ${JSON.stringify(value)} (to pass a value starting with "-", write ${flag}=${value})`;
}

/**
 * Parses `titip-server`'s arguments (without `node` and the script).
 * @throws {UsageError} naming the flag at fault: unknown, repeated (but --listen, --scope, --dial), missing or
 *   malformed, a data dir under /proc, /sys or /dev.
 */
export function parseServerArgs(argv: readonly string[]): ServerCommand {
  let values: Record<string, unknown>;
  let tokens: readonly { kind: string; name?: string }[];
  try {
    ({ values, tokens } = parseArgs({ args: [...argv], strict: true, allowPositionals: false, tokens: true, options: OPTIONS }));
  } catch (error) {
    throw new UsageError(parseArgsMessage(error as Error & { code?: string }, argv));
  }
  if (values.help === true) return { kind: 'help' };
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    const spec = OPTIONS[token.name as keyof typeof OPTIONS] as { multiple?: boolean };
    if (!spec.multiple && seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once (it takes one value)`);
    seen.add(token.name);
  }
  const parsed = valuesSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = issue.path[0];
    const message = values[String(flag)] === undefined ? 'is required' : issue.message;
    throw new UsageError(`--${String(flag)} ${message}`);
  }
  const v = parsed.data;
  return {
    kind: 'run',
    options: {
      dataDir: v['data-dir'],
      network: v.network,
      key: v.key,
      credential: v.credential,
      listen: v.listen,
      http: v.http,
      scopes: v.scope ?? [''],
      dial: v.dial ?? [],
      verifierThreads: v['verifier-threads'],
      logJson: v['log-json'] ?? false,
    },
  };
}
