import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (ms) of this process's threads, grouped by kind. */
export interface ThreadCpu {
  /** The JavaScript main thread. */
  main: number;
  /** `worker_threads` workers (the record validators). */
  workers: number;
  /** V8's platform threads: concurrent garbage collection and compilation. */
  v8: number;
  /** libuv's thread pool (file system, async crypto, zlib). */
  libuv: number;
  /** Every other thread. */
  other: number;
}

/** A sample of every live thread's CPU ticks, by thread id (Linux only: empty elsewhere). */
export type ThreadSample = ReadonlyMap<string, { readonly name: string; readonly ms: number }>;

/** Reads `/proc/self/task/<tid>/stat` of every live thread (utime + stime, at 100 ticks a second). */
export function sampleThreads(): ThreadSample {
  const sample = new Map<string, { name: string; ms: number }>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return sample;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      sample.set(tid, { name: stat.slice(stat.indexOf('(') + 1, close), ms: (Number(fields[11]) + Number(fields[12])) * 10 });
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return sample;
}

/** CPU per thread kind between two samples (threads started in between count from zero; ended ones are missing). */
export function threadCpuBetween(before: ThreadSample, after: ThreadSample): ThreadCpu {
  const cpu: ThreadCpu = { main: 0, workers: 0, v8: 0, libuv: 0, other: 0 };
  for (const [tid, { name, ms }] of after) {
    const spent = ms - (before.get(tid)?.ms ?? 0);
    if (name === 'MainThread' || tid === String(process.pid)) cpu.main += spent;
    else if (name === 'WorkerThread') cpu.workers += spent;
    else if (name === 'V8Worker') cpu.v8 += spent;
    else if (name.startsWith('libuv-worker')) cpu.libuv += spent;
    else cpu.other += spent;
  }
  return cpu;
}
