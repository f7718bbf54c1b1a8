import type { Command, OptionSpec, Program } from './command.js';
import { EXIT } from './exit-codes.js';

function optionLabel(name: string, spec: OptionSpec): string {
  const value = spec.type === 'string' ? ` ${spec.placeholder ?? 'VALUE'}` : '';
  return `--${name}${value}`;
}

/** The help text of a program: its commands and the exit codes. */
export function programHelp(program: Program): string {
  const width = Math.max(...program.commands.map((c) => c.name.length)) + 2;
  return [
    `${program.name} — ${program.summary}`,
    '',
    'Usage:',
    `  ${program.name} COMMAND [OPTIONS]`,
    `  ${program.name} COMMAND --help`,
    '',
    'Commands:',
    ...program.commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    ...(program.notes ?? []).flatMap((n) => [n, '']),
    `Exit codes: ${EXIT.ok} done, ${EXIT.failed} refused or failed (bad file, rule violation, …), ${EXIT.usage} bad arguments` +
      (program.commands.some((c) => c.name === 'submit') ? `, ${EXIT.timeout} no receipt in time (submission stays queued)` : '') +
      '.',
    '',
  ].join('\n');
}

/** The help text of one command: usage, description, options, examples. */
export function commandHelp(program: Program, command: Command<never>): string {
  const options = Object.entries(command.options).map(([name, spec]) => {
    const tags = [spec.required ? 'required' : '', spec.multiple ? 'repeatable' : ''].filter(Boolean).join(', ');
    return [optionLabel(name, spec), `${spec.description}${tags ? ` (${tags})` : ''}`] as const;
  });
  options.push(['--help', 'show this help']);
  const positionals = (command.positionals ?? []).map((p) => [p.placeholder, p.description] as const);
  options.unshift(...positionals);
  const width = Math.max(...options.map(([label]) => label.length)) + 2;
  return [
    `${program.name} ${command.name} — ${command.summary}`,
    '',
    'Usage:',
    ...command.usage.map((u) => (u.startsWith(' ') ? `  ${' '.repeat(program.name.length)} ${u}` : `  ${program.name} ${u}`)),
    '',
    ...(command.description ? [...command.description, ''] : []),
    positionals.length > 0 ? 'Arguments and options:' : 'Options:',
    ...options.map(([label, text]) => `  ${label.padEnd(width)}${text}`),
    '',
    'Examples:',
    ...command.examples.map((e) => `  ${program.name} ${e}`),
    '',
  ].join('\n');
}
