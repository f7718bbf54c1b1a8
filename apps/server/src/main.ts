#!/usr/bin/env node
// titip-server: the KPU sink daemon (see USAGE / README.md).
import type { Logger } from '@titip/log';
import { parseServerArgs, type ServerCommand } from './cli/parse-server-args.js';
import { printable } from './cli/printable.js';
import { serverLogger } from './cli/server-logger.js';
import { startFailure } from './cli/start-failure.js';
import { USAGE } from './cli/usage.js';
import { UsageError } from './errors.js';
import { readServerFiles } from './read-server-files.js';
import { startServer, type RunningServer } from './start-server.js';

const STOP_TIMEOUT_MS = 15_000;

async function main(argv: string[]): Promise<number> {
  let command: ServerCommand;
  try {
    command = parseServerArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`titip-server: ${printable(error.message)}\nRun 'titip-server --help' for usage.\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const o = command.options;
  const write = (line: string) => process.stderr.write(line);
  const logger: Logger = serverLogger({ write, json: o.logJson });

  let server: RunningServer;
  try {
    const files = await readServerFiles({ network: o.network, key: o.key, credential: o.credential });
    server = await startServer({
      dataDir: o.dataDir,
      ...files,
      scopes: o.scopes,
      ...(o.listen ? { listen: o.listen } : {}),
      dial: o.dial,
      http: o.http,
      verifierThreads: o.verifierThreads,
      logger,
    });
  } catch (error) {
    process.stderr.write(`${startFailure(error).split('\n').map((line) => `titip-server: ${line}`).join('\n')}\n`);
    return 1;
  }

  process.stdout.write(`${JSON.stringify({ ready: true, peerId: server.peerId, addresses: server.addresses, http: server.httpUrl })}\n`);
  logger.info('server ready', { peerId: server.peerId, http: server.httpUrl, scopes: o.scopes });

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  logger.info('stopping', { signal });
  const force = () => {
    process.stderr.write('titip-server: stopped without waiting for a clean shutdown\n');
    process.exit(1);
  };
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  const timer = setTimeout(force, STOP_TIMEOUT_MS);
  try {
    await server.stop();
  } finally {
    clearTimeout(timer);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`titip-server: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
