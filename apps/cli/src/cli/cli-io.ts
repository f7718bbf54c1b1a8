/** Where a command writes, and what can stop it: the process in the bins, buffers in tests. */
export interface CliIo {
  /** Writes to standard output (results: JSON or reports). */
  stdout(text: string): void;
  /** Writes to standard error (progress, warnings, errors). */
  stderr(text: string): void;
  /** Aborted on SIGINT/SIGTERM: long-running commands stop cleanly. */
  readonly signal?: AbortSignal;
  /** Environment (`TITIP_DEBUG=1` prints stack traces of internal errors). @default {} */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A {@link CliIo} on the current process)'s streams. */
export function processIo(signal?: AbortSignal): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    ...(signal ? { signal } : {}),
  };
}
