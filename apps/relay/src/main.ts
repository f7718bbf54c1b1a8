#!/usr/bin/env node
// titip-relay: the relay daemon (see relayUsage and README.md).
import { readCredentialFile, readKeyFile, readNetworkFile } from '@titip/config/node';
import { nodeEd25519 } from '@titip/identity/node';
import type { Logger } from '@titip/log';
import type { AttestationSigner } from './attestation-policy.js';
import { deriveAttestationSigner } from './attestation-signer.js';
import { parseRelayArgs, relayUsage, type RelayArgs } from './relay-args.js';
import { relayLogger } from './relay-logger.js';
import { startRelay, type Relay } from './relay.js';
import { startFailure } from './start-failure.js';
import { statusDisplay } from './status-display.js';
import { formatStatusLine } from './status-line.js';
import { UsageError } from './usage-error.js';

const STOP_TIMEOUT_MS = 15_000;
const STATUS_INTERVAL_MS = 1_000;

async function main(argv: string[]): Promise<number> {
  let args: RelayArgs | null;
  try {
    args = parseRelayArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`titip-relay: ${error.message}\nRun 'titip-relay --help' for usage.\n`);
    return 2;
  }
  if (args === null) {
    process.stdout.write(`${relayUsage}\n`);
    return 0;
  }
  const display = args.status ? statusDisplay((text) => process.stderr.write(text), process.stderr.isTTY === true) : undefined;
  const write = (line: string) => (display ? display.log(line) : process.stderr.write(line));
  const logger: Logger = relayLogger({ write, json: args.logJson });

  let relay: Relay;
  let role: string;
  try {
    ({ relay, role } = await start(args, logger));
  } catch (error) {
    const lines = startFailure(error, args, Boolean(process.env['TITIP_DEBUG'])).split('\n');
    process.stderr.write(`${lines.map((line) => `titip-relay: ${line}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify({ ready: true, peerId: relay.node.peer.peerId, addresses: relay.node.peer.addresses })}\n`);
  logger.info('relay ready', { peerId: relay.node.peer.peerId, role, scopes: args.scopes, dial: args.dial.length, mdns: args.mdns, photoBudget: args.photoBudget ?? null });

  let timer: ReturnType<typeof setInterval> | undefined;
  if (display) {
    const show = () => display.update(formatStatusLine(relay.status()));
    show();
    timer = setInterval(show, STATUS_INTERVAL_MS);
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  clearInterval(timer);
  display?.end();
  logger.info('stopping', { signal });
  const force = () => {
    process.stderr.write('titip-relay: stopped without waiting for a clean shutdown\n');
    process.exit(1);
  };
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  const deadline = setTimeout(force, STOP_TIMEOUT_MS);
  try {
    await relay.stop();
  } finally {
    clearTimeout(deadline);
  }
  logger.info('relay stopped');
  return 0;
}

/** Reads the files and starts the relay. */
async function start(args: RelayArgs, logger: Logger): Promise<{ relay: Relay; role: string }> {
  const network = await readNetworkFile(args.network);
  let attest: AttestationSigner | undefined;
  if (args.key !== undefined && args.credential !== undefined) {
    const keyPair = await readKeyFile(args.key, nodeEd25519);
    const credential = await readCredentialFile(args.credential);
    attest = deriveAttestationSigner({ keyPair, credential, scopes: args.scopes, stage: args.stage });
  }
  const role = args.role ?? attest?.stage ?? 'carrier';
  const relay = await startRelay({
    dataDir: args.dataDir,
    network,
    scopes: args.scopes,
    role,
    ...(args.listen.length > 0 ? { listen: args.listen } : {}),
    dial: args.dial,
    ...(args.mdns ? { mdns: {} } : {}),
    ...(attest ? { attest } : {}),
    ...(args.browserRelay ? { libp2p: { relayServer: {} } } : {}),
    ...(args.photoBudget !== undefined ? { photoBudget: args.photoBudget } : {}),
    logger,
  });
  return { relay, role };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(`titip-relay: internal error: ${message}\n${process.env['TITIP_DEBUG'] && error instanceof Error ? `${error.stack}\n` : ''}`);
    process.exit(70);
  },
);
