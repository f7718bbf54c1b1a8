import { AbortedError, CliError, OutputFileError, ReceiptTimeoutError, UsageError } from '../errors.js';
import type { CliIo } from './cli-io.js';
import type { Command, Program } from './command.js';
import { EXIT } from './exit-codes.js';
import { commandHelp, programHelp } from './help.js';
import { parseCommandArgs } from './parse-command-args.js';
import { printable } from './printable.js';
import { withIsoTimes } from '@titip/log';

const HELP = new Set(['--help', '-h', 'help']);
/** Typed errors of the Titip packages carry a stable upper-case `code`; Node's own programming errors are `ERR_…`. */
const TYPED_CODE = /^(?!ERR_)[A-Z][A-Z0-9_]+$/;

/**
 * Runs a program on its arguments (without `node` and the script): dispatches to the command, prints help, and maps
 * every error to a message and an exit code. User errors (bad arguments, bad files, refusals) never print a stack.
 * @returns the exit code.
 */
export async function runCli(program: Program, argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(programHelp(program));
    return EXIT.usage;
  }
  if (HELP.has(name)) {
    const target = rest[0] === undefined ? undefined : findCommand(program, rest[0]);
    if (rest[0] !== undefined && target === undefined) return usage(program, io, new UsageError(`unknown command ${JSON.stringify(rest[0])}`));
    io.stdout(target === undefined ? programHelp(program) : commandHelp(program, target));
    return EXIT.ok;
  }
  const command = findCommand(program, name);
  if (command === undefined) {
    return usage(program, io, new UsageError(`unknown command ${JSON.stringify(name)}; commands: ${program.commands.map((c) => c.name).join(', ')}`));
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(program, command));
    return EXIT.ok;
  }
  try {
    const values = parseCommandArgs(command as Command<unknown>, rest);
    return await (command as Command<unknown>).run(values, io);
  } catch (error) {
    return report(program, command.name, error, io);
  }
}

function findCommand(program: Program, name: string): Command<never> | undefined {
  return program.commands.find((c) => c.name === name);
}

function usage(program: Program, io: CliIo, error: UsageError): number {
  const where = error.command ? `${program.name} ${error.command}` : program.name;
  io.stderr(`${where}: ${shown(error.message)}\nRun '${where} --help' for usage.\n`);
  return EXIT.usage;
}

/** An error message as printed: credential times as ISO times, non-printable characters (from a file) escaped. */
function shown(message: string): string {
  return printable(withIsoTimes(message));
}

/** Prints an error and picks the exit code. */
function report(program: Program, command: string, error: unknown, io: CliIo): number {
  if (error instanceof UsageError) return usage(program, io, error);
  const where = `${program.name} ${command}`;
  if (error instanceof ReceiptTimeoutError) {
    io.stderr(`${where}: ${shown(error.message)}\n`);
    return EXIT.timeout;
  }
  if (error instanceof AbortedError) {
    io.stderr(`${where}: ${shown(error.message)}\n`);
    return EXIT.interrupted;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof CliError || (error instanceof Error && typeof code === 'string' && TYPED_CODE.test(code))) {
    const hint = error instanceof OutputFileError && error.exists ? '. Pass --force to replace it.' : '';
    io.stderr(`${where}: error: ${shown((error as Error).message)}${hint}\n`);
    return EXIT.failed;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`${where}: internal error: ${shown(message)}\n`);
  if (io.env?.['TITIP_DEBUG'] && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  else io.stderr('(set TITIP_DEBUG=1 for details)\n');
  return EXIT.internal;
}
