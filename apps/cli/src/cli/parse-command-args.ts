import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';
import type { Command } from './command.js';

/**
 * Parses the arguments of one command: `node:util` parseArgs (strict, positionals only where the command declares
 * them, each put under its name), then required options, repeated single options, and the command's zod schema.
 * Every problem is a {@link UsageError} naming the option.
 * @throws {UsageError}
 */
export function parseCommandArgs<T>(command: Command<T>, args: readonly string[]): T {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(command.options)) options[name] = { type: spec.type, multiple: spec.multiple ?? false };
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: (command.positionals?.length ?? 0) > 0, tokens: true });
  } catch (error) {
    throw new UsageError(cleanParseArgsMessage((error as Error).message), command.name);
  }
  const counts = new Map<string, number>();
  for (const token of parsed.tokens ?? []) if (token.kind === 'option') counts.set(token.name, (counts.get(token.name) ?? 0) + 1);
  for (const [name, spec] of Object.entries(command.options)) {
    if (!spec.multiple && (counts.get(name) ?? 0) > 1) throw new UsageError(`--${name} is given more than once`, command.name);
    if (spec.required && parsed.values[name] === undefined) throw new UsageError(`--${name} is required`, command.name);
    const value = parsed.values[name];
    const values = Array.isArray(value) ? value : [value];
    if (spec.type === 'string' && values.some((v) => typeof v === 'string' && v.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value (got ${JSON.stringify(values.find((v) => typeof v === 'string' && v.startsWith('--')))})`, command.name);
    }
  }
  const values: Record<string, unknown> = { ...parsed.values };
  const positionals = command.positionals ?? [];
  if (positionals.length > 0) {
    if (parsed.positionals.length < positionals.length) throw new UsageError(`${positionals[parsed.positionals.length]!.placeholder} is required`, command.name);
    if (parsed.positionals.length > positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[positionals.length])}`, command.name);
    positionals.forEach((spec, i) => (values[spec.name] = parsed.positionals[i]));
  }
  const result = command.schema.safeParse(values);
  if (!result.success) {
    const lines = result.error.issues.slice(0, 5).map((issue) => {
      const option = issue.path[0];
      const positional = positionals.find((p) => p.name === option);
      if (positional !== undefined) return `${positional.placeholder}: ${issue.message}`;
      return typeof option === 'string' ? `--${option}: ${issue.message}` : issue.message;
    });
    throw new UsageError(lines.join('\n'), command.name);
  }
  return result.data;
}

/** parseArgs messages mention "To specify a positional argument starting with a '-'…": keep the first sentence. */
function cleanParseArgsMessage(message: string): string {
  return message.split(/\. To specify a positional argument/)[0]!.replace(/\s+$/, '');
}
