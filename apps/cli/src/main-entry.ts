import type { Program } from './cli/command.js';
import { processIo } from './cli/cli-io.js';
import { EXIT } from './cli/exit-codes.js';
import { runCli } from './cli/run-cli.js';

/**
 * Runs a program as the process: arguments from `process.argv`, SIGINT/SIGTERM abort long commands (a second one
 * exits at once), the exit code from the command.
 */
export async function main(program: Program): Promise<never> {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const code = await runCli(program, process.argv.slice(2), processIo(controller.signal));
  process.exit(code);
}
