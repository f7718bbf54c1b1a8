import { describe, expect, it } from 'vitest';
import { SyncActivity, type ObservedSession } from '../../src/transfer/sync-activity.js';

function session(peer: string, phase = 'live'): ObservedSession & { stats: { framesIn: number; framesOut: number }; phase: string } {
  return { peer, phase, stats: { framesIn: 0, framesOut: 0 } };
}

describe('SyncActivity', () => {
  it('lets photos flow to a peer without sync sessions', () => {
    const activity = new SyncActivity({ sessions: () => [] });
    expect(activity.isQuiet('a')).toBe(true);
  });

  it('holds photos back while a session greets, compares or reconciles, and for quietMs after its last frame', () => {
    let now = 0;
    const s = session('a', 'greeting');
    const activity = new SyncActivity({ sessions: () => [s], quietMs: 1000, now: () => now });
    expect(activity.isQuiet('a')).toBe(false); // new session
    now = 5000;
    expect(activity.isQuiet('a')).toBe(false); // still greeting
    s.phase = 'live';
    expect(activity.isQuiet('a')).toBe(true);
    s.stats.framesIn++; // a number arrives
    now = 5500;
    expect(activity.isQuiet('a')).toBe(false);
    now = 6400;
    expect(activity.isQuiet('a')).toBe(false);
    now = 6500;
    expect(activity.isQuiet('a')).toBe(true);
    s.stats.framesOut += 2; // a receipt goes out
    expect(activity.isQuiet('a')).toBe(false);
    expect(activity.isQuiet('b')).toBe(true); // other peers are not affected
  });

  it('counts every session with a peer, and remembers a closed one for quietMs', () => {
    let now = 0;
    const sessions = [session('a'), session('a')];
    const activity = new SyncActivity({ sessions: () => sessions, quietMs: 100, now: () => now });
    now = 200;
    expect(activity.isQuiet('a')).toBe(false); // first seen now
    now = 400;
    expect(activity.isQuiet('a')).toBe(true);
    sessions[1]!.stats.framesIn++;
    expect(activity.isQuiet('a')).toBe(false);
    sessions.length = 0; // both ended
    now = 450;
    expect(activity.isQuiet('a')).toBe(false);
    now = 600;
    expect(activity.isQuiet('a')).toBe(true);
  });

  it('samples in the background once started, and whenQuiet waits until quiet', async () => {
    const s = session('a');
    const activity = new SyncActivity({ sessions: () => [s], quietMs: 80, pollMs: 10 });
    activity.start();
    const started = Date.now();
    const busy = setInterval(() => s.stats.framesIn++, 10);
    setTimeout(() => clearInterval(busy), 150);
    await activity.whenQuiet('a');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    activity.stop();
    const controller = new AbortController();
    s.phase = 'reconciling';
    const waiting = activity.whenQuiet('a', controller.signal);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
  });
});
