import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError } from './usage-error.js';

/** The usage text of `titip-relay`. */
export const relayUsage = `Usage: titip-relay --data-dir DIR --network network.json --scope CODE [options]

Store-and-forward relay for PPS/PPK laptops and carriers: holds and forwards every signed
result in its scope, authored by anyone, and passes receipts back down.

Options:
  --data-dir DIR          where the relay keeps its LevelDB store and peer key (created if missing)
  --network FILE          the network file (KPU root key and elections)
  --scope CODE            region served, repeatable: desa (PPS), kecamatan (PPK), kabupaten (carrier)
  --listen MULTIADDR      address to listen on, repeatable (default /ip4/127.0.0.1/tcp/0 and .../ws)
  --dial MULTIADDR        peer to keep connected (with /p2p/<id>), repeatable
  --mdns                  discover peers on the LAN by mDNS and sync with them
  --key FILE              relay key file (with --credential: sign attestations)
  --credential FILE       relay credential file
  --stage pps|ppk         the custody stage this relay attests (default: from the credential region length)
  --role NAME             role announced to peers (default pps/ppk with a credential, else carrier)
  --browser-relay         also serve as circuit relay for browsers (WebRTC signalling)
  --status                print a live status line (held / forwarded / acknowledged) on stderr
  --log-json              write JSON log lines on stderr
  --help                  show this help

On start it prints one JSON line on stdout: {"ready":true,"peerId":"…","addresses":["…"]}.`;

const multiaddrString = z.string().regex(/^\/(ip4|ip6|dns4|dns6|dns)\//, 'a multiaddr such as /ip4/127.0.0.1/tcp/4001');
const regionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{10}|\d{13})?$/, 'a region code of 2, 4, 6, 10 or 13 digits');

const argsSchema = z
  .object({
    dataDir: z.string().min(1),
    network: z.string().min(1),
    scopes: z.array(regionCode).min(1, 'at least one --scope'),
    listen: z.array(multiaddrString),
    dial: z.array(multiaddrString.refine((s) => s.includes('/p2p/'), 'a dial address must end with /p2p/<peer id>')),
    mdns: z.boolean(),
    key: z.string().optional(),
    credential: z.string().optional(),
    stage: z.enum(['pps', 'ppk']).optional(),
    role: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/).optional(),
    browserRelay: z.boolean(),
    status: z.boolean(),
    logJson: z.boolean(),
  })
  .refine((a) => (a.key === undefined) === (a.credential === undefined), '--key and --credential go together');

/** Parsed arguments of `titip-relay`. */
export type RelayArgs = z.infer<typeof argsSchema>;

/** Parses `titip-relay` arguments; `null` means `--help`. @throws {UsageError} */
export function parseRelayArgs(argv: readonly string[]): RelayArgs | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
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
        status: { type: 'boolean' },
        'log-json': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return null;
  const parsed = argsSchema.safeParse({
    dataDir: values['data-dir'],
    network: values.network,
    scopes: values.scope ?? [],
    listen: values.listen ?? [],
    dial: values.dial ?? [],
    mdns: values.mdns ?? false,
    key: values.key,
    credential: values.credential,
    stage: values.stage,
    role: values.role,
    browserRelay: values['browser-relay'] ?? false,
    status: values.status ?? false,
    logJson: values['log-json'] ?? false,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = issue.path[0] ? `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/s$/, '')}` : 'arguments';
    throw new UsageError(`${flag}: ${issue.message === 'Invalid input: expected string, received undefined' ? 'is required' : issue.message}`);
  }
  return parsed.data;
}
