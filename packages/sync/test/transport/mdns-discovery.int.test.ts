// mDNS discovery between two Node peers, each a child process inside its own network namespace, joined by a veth
// pair (10.77.0.1/24 ↔ 10.77.0.2/24) with a multicast route. mDNS binds UDP 5353 on every interface, so it only
// ever runs inside these namespaces. Skipped, with the reason, where `ip netns` is not permitted.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const tag = `${process.pid % 100_000}`;
const namespaces = [`titip-mdns-${tag}-a`, `titip-mdns-${tag}-b`] as const;
const veths = [`tma${tag}`, `tmb${tag}`] as const;
const addresses = ['10.77.0.1', '10.77.0.2'] as const;
const hook = fileURLToPath(new URL('./fixtures/ts-resolve-hook.mjs', import.meta.url));
const peerScript = fileURLToPath(new URL('./fixtures/mdns-peer.ts', import.meta.url));

interface PeerEvent {
  readonly name: string;
  readonly event: 'ready' | 'discovered' | 'echoed' | 'error' | 'stopped';
  readonly peer?: string;
  readonly addrs?: string[];
  readonly text?: string;
  readonly message?: string;
}

/** Why network namespaces cannot be used here, or undefined when they can. */
async function netnsUnavailable(): Promise<string | undefined> {
  const probe = `titip-probe-${tag}`;
  try {
    await run('ip', ['netns', 'add', probe]);
    await run('ip', ['netns', 'del', probe]);
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}

const unavailable = await netnsUnavailable();
const children: ChildProcess[] = [];

async function ip(...args: string[]): Promise<void> {
  await run('ip', args);
}

async function createNamespaces(): Promise<void> {
  for (const ns of namespaces) await ip('netns', 'add', ns);
  await ip('link', 'add', veths[0], 'netns', namespaces[0], 'type', 'veth', 'peer', 'name', veths[1], 'netns', namespaces[1]);
  for (let i = 0; i < 2; i++) {
    const ns = namespaces[i] as string;
    const veth = veths[i] as string;
    await ip('-n', ns, 'link', 'set', 'lo', 'up');
    await ip('-n', ns, 'addr', 'add', `${addresses[i]}/24`, 'dev', veth);
    await ip('-n', ns, 'link', 'set', veth, 'up');
    await ip('-n', ns, 'route', 'add', '224.0.0.0/4', 'dev', veth);
  }
}

async function deleteNamespaces(): Promise<void> {
  for (const ns of namespaces) {
    try {
      await ip('netns', 'del', ns);
    } catch {
      // not created, or already gone
    }
  }
}

/** Runs the peer script inside `ns`; events arrive through `onEvent`. */
function startPeer(ns: string, config: object, onEvent: (event: PeerEvent) => void): ChildProcess {
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', hook, peerScript, JSON.stringify(config)], {
    env: { ...process.env, TITIP_TEST_NETNS: ns, NODE_NO_WARNINGS: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      onEvent(JSON.parse(line) as PeerEvent);
    } catch {
      // not an event line
    }
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) onEvent({ name: ns, event: 'error', message: `exit ${code}: ${stderr.slice(-2000)}` });
  });
  return child;
}

/** Resolves with the first event matching `match`; rejects on an 'error' event or after `timeoutMs`. */
function eventLog(): {
  push: (event: PeerEvent) => void;
  waitFor: (match: (event: PeerEvent) => boolean, what: string, timeoutMs?: number) => Promise<PeerEvent>;
} {
  const seen: PeerEvent[] = [];
  const waiters: Array<{ match: (event: PeerEvent) => boolean; resolve: (event: PeerEvent) => void; reject: (e: Error) => void }> = [];
  return {
    push(event) {
      seen.push(event);
      for (const waiter of [...waiters]) {
        if (event.event === 'error') waiter.reject(new Error(`${event.name}: ${event.message}`));
        else if (waiter.match(event)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(event);
        }
      }
    },
    waitFor(match, what, timeoutMs = 30_000) {
      const failed = seen.find((e) => e.event === 'error');
      if (failed) return Promise.reject(new Error(`${failed.name}: ${failed.message}`));
      const found = seen.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; saw ${JSON.stringify(seen)}`)), timeoutMs);
        waiters.push({
          match,
          resolve: (event) => {
            clearTimeout(timer);
            resolve(event);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
      });
    },
  };
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await deleteNamespaces();
});

describe.skipIf(unavailable !== undefined)('mDNS discovery in two network namespaces', () => {
  it('each peer discovers the other on the LAN and a frame channel opens to the discovered address', async () => {
    await deleteNamespaces();
    await createNamespaces();
    const log = eventLog();
    const a = startPeer(namespaces[0], { name: 'a', listen: `/ip4/${addresses[0]}/tcp/0`, greet: true }, log.push);
    const b = startPeer(namespaces[1], { name: 'b', listen: `/ip4/${addresses[1]}/tcp/0`, greet: false }, log.push);

    const readyA = await log.waitFor((e) => e.name === 'a' && e.event === 'ready', 'a ready');
    const readyB = await log.waitFor((e) => e.name === 'b' && e.event === 'ready', 'b ready');
    expect(readyA.addrs?.every((addr) => addr.startsWith(`/ip4/${addresses[0]}/tcp/`))).toBe(true);

    const aFoundB = await log.waitFor((e) => e.name === 'a' && e.event === 'discovered' && e.peer === readyB.peer, 'a discovering b');
    const bFoundA = await log.waitFor((e) => e.name === 'b' && e.event === 'discovered' && e.peer === readyA.peer, 'b discovering a');
    expect(aFoundB.addrs).toContain((readyB.addrs?.[0] ?? '').replace(`/p2p/${readyB.peer}`, ''));
    expect(bFoundA.addrs?.some((addr) => addr.startsWith(`/ip4/${addresses[0]}/tcp/`))).toBe(true);

    const echoed = await log.waitFor((e) => e.name === 'a' && e.event === 'echoed', 'the echo from b');
    expect(echoed.text).toBe('echo b: hello from a');

    a.stdin!.end('stop\n');
    b.stdin!.end('stop\n');
    await log.waitFor((e) => e.name === 'a' && e.event === 'stopped', 'a stopped');
    await log.waitFor((e) => e.name === 'b' && e.event === 'stopped', 'b stopped');
  });
});

if (unavailable !== undefined) {
  describe('mDNS discovery', () => {
    it.skip(`skipped: ip netns is not permitted here (${unavailable})`, () => {});
  });
}
