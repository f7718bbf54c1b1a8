import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A Titip daemon started as a child process, with what its ready line said. */
export interface Daemon {
  readonly name: string;
  readonly child: ChildProcess;
  readonly ready: { peerId: string; addresses: string[]; http?: string };
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node <script> ...args` and waits (at most `timeoutMs`) for the one JSON ready line the Titip daemons print
 * on stdout. Its stderr is kept (last lines) to explain a failure.
 */
export async function startDaemon(name: string, script: string, args: readonly string[], timeoutMs = 30_000): Promise<Daemon> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr.push(line);
    if (stderr.length > 50) stderr.shift();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await new Promise<Daemon['ready']>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready in ${timeoutMs} ms:\n${stderr.join('\n')}`)), timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as Daemon['ready']);
      } catch {
        reject(new Error(`${name} printed no ready line: ${line}`));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${stderr.join('\n')}`));
    });
  });
  let stopping: Promise<void> | undefined;
  return {
    name,
    child,
    ready,
    stop(graceMs = 10_000) {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
