import type { CliIo } from './cli-io.js';

/** Prints a value as pretty JSON on stdout (the machine-readable result of a command). */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
