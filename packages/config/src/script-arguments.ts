/**
 * The arguments a command was given, without the `--` that separates a package script's own arguments
 * (`pnpm demo -- --report FILE` runs the script with `-- --report FILE`: pnpm and npm pass the separator on). Left
 * in, `node:util`'s `parseArgs` would read every option after it as a positional argument and refuse them all.
 * @param argv - @default process.argv.slice(2)
 */
export function scriptArguments(argv: readonly string[] = process.argv.slice(2)): string[] {
  return argv[0] === '--' ? argv.slice(1) : [...argv];
}
