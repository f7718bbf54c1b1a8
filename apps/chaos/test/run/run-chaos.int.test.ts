import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runChaos } from '../../src/run/run-chaos.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the chaos simulation, quick form', () => {
  it('delivers every result and receipt through 100 link flaps and 3 SIGKILLed PPK relays, replicas at one digest, and leaves no process behind', async () => {
    const lines: string[] = [];
    const pids: number[] = [];
    const report = await runChaos({
      seed: 7,
      kecamatan: ['190603', '190606'],
      flaps: 100,
      kills: 3,
      windowMs: 30_000,
      convergeTimeoutMs: 60_000,
      log: (line) => lines.push(line),
      onChildProcess: (pid) => pids.push(pid),
    });
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.flaps).toBe(100);
    expect(report.kills).toBe(3);
    expect(report.restarts).toBe(3);
    expect(report.peers).toMatchObject({ ppk: 2, carriers: 3, islands: 3, server: 1 });
    expect(report.submissions.revisions).toBeGreaterThan(0);
    expect(report.submissions.atServer).toBe(report.submissions.signed);
    expect(report.submissions.receiptsAtOperators).toBe(report.submissions.signed);
    expect(report.totalsMatchSigned).toBe(true);
    expect(report.digests.divergent).toEqual([]);
    // server + 2 PPK per desa of theirs + each PPS + each linked operator
    expect(report.digests.replicas).toBeGreaterThan(report.peers.pps + report.peers.operators - report.peers.islands);
    expect(report.convergedAfterLastEventMs).not.toBeNull();
    expect(report.bytes.sent).toBeGreaterThan(0);
    expect(lines.some((l) => l.includes('SIGKILL ppk-'))).toBe(true);
    // server, 2 PPK, and one process per restart: all gone
    expect(pids).toHaveLength(1 + 2 + 3);
    expect(new Set(pids).size).toBe(pids.length);
    expect(pids.filter(alive)).toEqual([]);
  }, 150_000);

  it('as a command: prints the seed first and refuses bad arguments with exit 2', () => {
    const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
    // As `pnpm chaos -- --flaps many` runs it: the `--` pnpm passes on is not an argument.
    const bad = spawnSync(process.execPath, [main, '--', '--flaps', 'many'], { encoding: 'utf8', timeout: 30_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--flaps');
    const tooShort = spawnSync(process.execPath, [main, '--seed', '9', '--window-s', '1'], { encoding: 'utf8', timeout: 30_000 });
    expect(tooShort.stdout.split('\n')[0]).toBe('seed: 9');
    expect(tooShort.status).toBe(2);
    expect(tooShort.stderr).toContain('BAD_SCENARIO');
    const unknown = spawnSync(process.execPath, [main, '--kecamatan', '999999'], { encoding: 'utf8', timeout: 30_000 });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('999999');
  });
});
