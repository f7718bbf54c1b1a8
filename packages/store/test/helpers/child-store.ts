import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('../fixtures/store-child.ts', import.meta.url));
const resolveHook = new URL('../fixtures/ts-resolve-hook.mjs', import.meta.url).href;

/** A child Node process running `test/fixtures/store-child.ts`, with its output as lines. */
export interface StoreChild {
  readonly process: ChildProcess;
  /** Every stdout line so far. */
  readonly lines: readonly string[];
  /** Stderr so far, for failure messages. */
  stderr(): string;
  /** Resolves with the first line (already seen or future) that matches; rejects on exit or timeout. */
  waitForLine(matches: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** Calls `listener` for every future stdout line. */
  onLine(listener: (line: string) => void): void;
  /** Write one line to the child's stdin. */
  send(line: string): void;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL the child (if still running) and wait for it to exit. */
  kill(): Promise<void>;
}

/**
 * Start the store child in `mode` with `args`. It runs the package's TypeScript source directly
 * (Node 24 strips types; a resolve hook maps `./x.js` imports to `./x.ts`).
 */
export function spawnStoreChild(mode: string, args: readonly string[]): StoreChild {
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', '--import', resolveHook, fixture, mode, ...args],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(line);
    for (const listener of listeners) listener(line);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  return {
    process: child,
    lines,
    stderr: () => stderr,
    waitForLine(matches, timeoutMs) {
      const seen = lines.find(matches);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching line after ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        listeners.push((line) => {
          if (!matches(line)) return;
          clearTimeout(timer);
          resolve(line);
        });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          reject(new Error(`child exited (code ${code}, signal ${signal}) before the line; stderr: ${stderr}`));
        });
      });
    },
    onLine(listener) {
      listeners.push(listener);
    },
    send(line) {
      child.stdin?.write(`${line}\n`);
    },
    exited,
    async kill() {
      if (!hasExited && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
