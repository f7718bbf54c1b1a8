import type { z } from 'zod';
import type { CliIo } from './cli-io.js';

/** One command-line option. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** May be given several times (values collected in order). @default false */
  readonly multiple?: boolean;
  /** Must be given. @default false */
  readonly required?: boolean;
  /** Placeholder shown in help ()`FILE`, `ISO`, `CODE[,CODE…]`). */
  readonly placeholder?: string;
  /** One line for the help. */
  readonly description: string;
}

/** A positional argument (e.g. the bundle FILE of `titip-bundle inspect FILE`). */
export interface PositionalSpec {
  /** The key its value gets among the parsed values (before the schema). */
  readonly name: string;
  /** Placeholder shown in help (`FILE`). */
  readonly placeholder: string;
  /** One line for the help. */
  readonly description: string;
}

/** A subcommand: its options, a zod schema turning the raw values into typed ones, and what it does. */
export interface Command<T = unknown> {
  readonly name: string;
  /** One line for the program's command list. */
  readonly summary: string;
  /** Usage lines (without the program name); a line starting with spaces continues the one before. */
  readonly usage: readonly string[];
  /** Lines of text shown under the usage. */
  readonly description?: readonly string[];
  /** Options by name (kebab-case, without `--`). */
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Positional arguments, all required, in order. @default none (a positional argument is a usage error) */
  readonly positionals?: readonly PositionalSpec[];
  /** Validates and converts the parsed values; issue paths name options. */
  readonly schema: z.ZodType<T>;
  /** Example invocations (without the program name). */
  readonly examples: readonly string[];
  /** Runs; resolves with the exit code. Throws typed errors for failures. */
  run(values: T, io: CliIo): Promise<number>;
}

/** A program: a name and its commands. */
export interface Program {
  readonly name: string;
  readonly summary: string;
  readonly commands: readonly Command<never>[];
  /** Paragraphs after the command list. */
  readonly notes?: readonly string[];
}

/** Identity function that infers `T` from the schema. */
export function defineCommand<T>(command: Command<T>): Command<T> {
  return command;
}
