import { createInterface } from 'node:readline';
import { startDaemon, sleep, type Daemon } from '@titip/demo';

/** A relay daemon in a child process that can be killed with SIGKILL and restarted from its data directory. */
export interface RelayProcess {
  readonly name: string;
  /** Its dial address (`/ip4/127.0.0.1/tcp/<port>/p2p/<id>`): the same after every restart. */
  readonly address: string;
  /** Process ids it ran as, the current one last. */
  readonly pids: number[];
  /** Lines its processes logged on stderr that match the `watch` pattern (e.g. a peer reported for misbehaving). */
  readonly watched: string[];
  /** True while a process is running. */
  readonly running: boolean;
  /** SIGKILL (no chance to flush or close anything); resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts it again with the same data directory, key and port; resolves once it printed its ready line. */
  restart(): Promise<void>;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

/**
 * Starts `node <script> ...args --listen /ip4/127.0.0.1/tcp/0` and keeps the port it got, so that a restart listens
 * on the same address (the peer key is in the data directory, so the peer id is the same too) and the peers that
 * keep a connection to it find it again.
 */
export async function startRelayProcess(name: string, script: string, args: readonly string[], watch = /peer reported/): Promise<RelayProcess> {
  const watched: string[] = [];
  const watchStderr = (d: Daemon) => {
    createInterface({ input: d.child.stderr! }).on('line', (line) => {
      if (watch.test(line) && watched.length < 100) watched.push(line.slice(0, 400));
    });
    return d;
  };
  let daemon: Daemon = watchStderr(await startDaemon(name, script, [...args, '--listen', '/ip4/127.0.0.1/tcp/0']));
  const address = daemon.ready.addresses.find((a) => a.includes('/tcp/') && !a.includes('/ws'))!;
  const port = /\/tcp\/(\d+)/.exec(address)![1]!;
  const pids = [daemon.child.pid!];
  let closed = false;
  const alive = (d: Daemon) => d.child.exitCode === null && d.child.signalCode === null;
  return {
    name,
    address,
    pids,
    watched,
    get running() {
      return alive(daemon);
    },
    async kill() {
      if (!alive(daemon)) return;
      const exited = new Promise<void>((resolve) => daemon.child.once('exit', () => resolve()));
      daemon.child.kill('SIGKILL');
      await exited;
    },
    async restart() {
      if (closed) throw new Error(`${name}: stopped, not restarted`);
      if (alive(daemon)) throw new Error(`${name}: still running (process ${daemon.child.pid}), not restarted`);
      // The port was just freed by the dead process; a restart right after may still find it taken for a moment.
      for (let attempt = 1; ; attempt++) {
        try {
          daemon = watchStderr(await startDaemon(name, script, [...args, '--listen', `/ip4/127.0.0.1/tcp/${port}`]));
          break;
        } catch (error) {
          if (attempt >= 5) throw error;
          await sleep(500 * attempt);
        }
      }
      pids.push(daemon.child.pid!);
      // Stopped while it was starting: the new process goes too.
      if (closed) await daemon.stop();
    },
    stop() {
      closed = true;
      return daemon.stop();
    },
  };
}
