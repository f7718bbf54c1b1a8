// WebRTC between two Node peers signalled through a circuit relay server, the path browsers take through a relay
// laptop. ICE binds UDP sockets on every interface, so the three nodes run in one child process inside a network
// namespace created here (a veth pair with 10.77.1.1/24 and 10.77.1.2/24 gives ICE a non-loopback host candidate).
// Skipped, with the reason, where `ip netns` is not permitted.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const tag = `${process.pid % 100_000}`;
const namespace = `titip-rtc-${tag}`;
const script = fileURLToPath(new URL('./fixtures/webrtc-peers.ts', import.meta.url));
const hook = fileURLToPath(new URL('./fixtures/ts-resolve-hook.mjs', import.meta.url));

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

async function deleteNamespace(): Promise<void> {
  await run('ip', ['netns', 'del', namespace]).catch(() => {});
}

afterAll(deleteNamespace);

describe.skipIf(unavailable !== undefined)('WebRTC through a circuit relay (in a network namespace)', () => {
  it('two WebRTC peers reserve on the relay, connect directly, and run a frame channel past the relay data limit', async () => {
    await deleteNamespace();
    await run('ip', ['netns', 'add', namespace]);
    const inNs = (...args: string[]) => run('ip', ['-n', namespace, ...args]);
    await inNs('link', 'set', 'lo', 'up');
    await inNs('link', 'add', 'w0', 'type', 'veth', 'peer', 'name', 'w1');
    await inNs('addr', 'add', '10.77.1.1/24', 'dev', 'w0');
    await inNs('addr', 'add', '10.77.1.2/24', 'dev', 'w1');
    await inNs('link', 'set', 'w0', 'up');
    await inNs('link', 'set', 'w1', 'up');

    const { stdout } = await run('ip', ['netns', 'exec', namespace, process.execPath, '--import', hook, script, '10.77.1.1'], {
      env: { ...process.env, TITIP_TEST_NETNS: namespace, NODE_NO_WARNINGS: '1' },
      timeout: 90_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
      ok: boolean;
      error?: string;
      attempts: number;
      target: string;
      direct: string | null;
      received: number;
      echoed: boolean;
    };
    expect(result.error).toBeUndefined();
    // The fixture redials a handshake that failed upstream (node-datachannel), at most four attempts in all.
    expect(result.attempts).toBeLessThanOrEqual(4);
    expect(result.target).toMatch(/\/p2p-circuit\/webrtc\/p2p\//);
    // The channel ran on an unlimited connection (the relayed one is limited to 128 KiB; 1 MiB went through).
    expect(result.direct).not.toBeNull();
    expect(result.received).toBe(101);
    expect(result.ok).toBe(true);
    expect(result.echoed).toBe(true);
  });
});

if (unavailable !== undefined) {
  describe('WebRTC through a circuit relay', () => {
    it.skip(`skipped: ip netns is not permitted here (${unavailable})`, () => {});
  });
}
