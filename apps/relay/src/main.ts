#!/usr/bin/env node
// titip-relay: the relay daemon (see relayUsage).
import { readCredentialFile, readKeyFile, readNetworkFile } from '@titip/config/node';
import { nodeEd25519 } from '@titip/identity/node';
import { jsonLinesLogger, silentLogger } from '@titip/log';
import { parseRelayArgs, relayUsage } from './relay-args.js';
import { startRelay } from './relay.js';
import { formatStatusLine } from './status-line.js';
import { UsageError } from './usage-error.js';

async function main(): Promise<number> {
  let args;
  try {
    args = parseRelayArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`titip-relay: ${error.message}\n\n${relayUsage}\n`);
    return 2;
  }
  if (args === null) {
    process.stdout.write(`${relayUsage}\n`);
    return 0;
  }
  const logger = args.logJson ? jsonLinesLogger({ write: (line) => process.stderr.write(line), component: 'titip-relay' }) : silentLogger;
  const network = await readNetworkFile(args.network);
  let attest;
  if (args.key && args.credential) {
    const keyPair = await readKeyFile(args.key, nodeEd25519);
    const credential = await readCredentialFile(args.credential);
    const region = credential.leaf.regions[0] ?? '';
    const stage = args.stage ?? (region.length === 10 ? 'pps' : region.length === 6 ? 'ppk' : undefined);
    if (!stage) throw new UsageError('--stage: cannot tell pps or ppk from the credential region; give --stage');
    attest = { keyPair, credential, stage, region: stage === 'pps' ? region.slice(0, 10) : region.slice(0, 6) } as const;
  }
  const relay = await startRelay({
    dataDir: args.dataDir,
    network,
    scopes: args.scopes,
    role: args.role ?? attest?.stage ?? 'carrier',
    ...(args.listen.length > 0 ? { listen: args.listen } : {}),
    dial: args.dial,
    ...(args.mdns ? { mdns: {} } : {}),
    ...(attest ? { attest } : {}),
    ...(args.browserRelay ? { libp2p: { relayServer: {} } } : {}),
    logger,
  });
  process.stdout.write(`${JSON.stringify({ ready: true, peerId: relay.node.peer.peerId, addresses: relay.node.peer.addresses })}\n`);
  let timer: ReturnType<typeof setInterval> | undefined;
  if (args.status) {
    const tty = process.stderr.isTTY;
    let last = '';
    timer = setInterval(() => {
      const line = formatStatusLine(relay.status());
      if (tty) process.stderr.write(`\r${line}\u001b[K`);
      else if (line !== last) process.stderr.write(`${line}\n`);
      last = line;
    }, 1000);
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(timer);
  await relay.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(`titip-relay: ${message}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
