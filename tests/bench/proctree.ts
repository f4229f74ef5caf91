/**
 * Memory and CPU of a whole process tree, sampled from /proc (Linux). `/usr/bin/time` reports
 * the largest single process, not the sum of processes running at once (Astro's Node process,
 * esbuild, Pagefind's binary), so the tree is summed here at every sample.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface TreeSample {
  /** Milliseconds since sampling started. */
  at: number;
  /** Sum of the resident set sizes of the root and all its descendants, in bytes. */
  rss: number;
  processes: number;
  /** The same sum by program (the kernel's command name, e.g. `node`, `pagefind_extend`). */
  byProgram: Record<string, number>;
}

export interface TreeUsage {
  /** Largest summed RSS seen, in bytes. */
  peakRss: number;
  /** When the peak was seen, in ms since sampling started. */
  peakAt: number;
  /** User + system CPU time of the tree, in ms (as of each process's last sample). */
  cpuMs: number;
  /** Most processes alive at once. */
  maxProcesses: number;
  /** Largest summed RSS of the processes of each program, in bytes. */
  peakByProgram: Record<string, number>;
  samples: TreeSample[];
}

const clockTicks = 100; // USER_HZ: 100 on every Linux architecture Node supports.

interface ProcStat {
  program: string;
  ppid: number;
  /** utime + stime, in clock ticks. */
  cpu: number;
  rssPages: number;
}

function readStat(pid: string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name is in parentheses and may contain spaces: parse after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, rss 24.
    return {
      program: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')),
      ppid: Number(fields[1]),
      cpu: Number(fields[11]) + Number(fields[12]),
      rssPages: Number(fields[21]),
    };
  } catch {
    return undefined; // The process ended between listing and reading.
  }
}

/** Reads the page size once; 4096 unless the kernel says otherwise. */
function pageSize(): number {
  try {
    const match = /KernelPageSize:\s+(\d+) kB/.exec(readFileSync('/proc/self/smaps', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux, or no smaps: fall through.
  }
  return 4096;
}

/**
 * Samples the tree under `rootPid` every `intervalMs` until `stop()` is called. On systems
 * without /proc it reports zeros.
 */
export function sampleTree(rootPid: number, intervalMs = 100): { stop(): TreeUsage } {
  const page = pageSize();
  const started = performance.now();
  const usage: TreeUsage = {
    peakRss: 0,
    peakAt: 0,
    cpuMs: 0,
    maxProcesses: 0,
    peakByProgram: {},
    samples: [],
  };
  /** Last CPU ticks seen per pid: a process that ended keeps its last reading. */
  const cpuByPid = new Map<number, number>();

  const sample = () => {
    let pids: string[];
    try {
      pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    } catch {
      return;
    }
    const stats = new Map<number, ProcStat>();
    for (const pid of pids) {
      const stat = readStat(pid);
      if (stat) stats.set(Number(pid), stat);
    }
    const children = new Map<number, number[]>();
    for (const [pid, stat] of stats) {
      const list = children.get(stat.ppid) ?? [];
      list.push(pid);
      children.set(stat.ppid, list);
    }
    let rss = 0;
    let processes = 0;
    const byProgram: Record<string, number> = {};
    const queue = stats.has(rootPid) ? [rootPid] : [];
    while (queue.length > 0) {
      const pid = queue.pop()!;
      const stat = stats.get(pid)!;
      rss += stat.rssPages * page;
      byProgram[stat.program] = (byProgram[stat.program] ?? 0) + stat.rssPages * page;
      processes++;
      cpuByPid.set(pid, stat.cpu);
      queue.push(...(children.get(pid) ?? []));
    }
    if (processes === 0) return;
    const at = performance.now() - started;
    usage.samples.push({ at, rss, processes, byProgram });
    for (const [program, bytes] of Object.entries(byProgram)) {
      usage.peakByProgram[program] = Math.max(usage.peakByProgram[program] ?? 0, bytes);
    }
    if (rss > usage.peakRss) {
      usage.peakRss = rss;
      usage.peakAt = at;
    }
    usage.maxProcesses = Math.max(usage.maxProcesses, processes);
  };

  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      let ticks = 0;
      for (const value of cpuByPid.values()) ticks += value;
      usage.cpuMs = (ticks / clockTicks) * 1000;
      return usage;
    },
  };
}

/** Peak RSS of Pagefind's indexing binary (`pagefind` or `pagefind_extended`), in bytes. */
export function pagefindPeak(usage: TreeUsage): number {
  let peak = 0;
  for (const sample of usage.samples) {
    let sum = 0;
    for (const [program, bytes] of Object.entries(sample.byProgram)) {
      if (program.startsWith('pagefind')) sum += bytes;
    }
    peak = Math.max(peak, sum);
  }
  return peak;
}

export interface WatchedRun {
  exitCode: number;
  wallMs: number;
  usage: TreeUsage;
}

/**
 * Runs `node <args>` and watches it: its process tree's memory and CPU (`sampleTree`), its wall
 * time, and its output line by line, each line written to `logFile` as `logLine` shapes it and
 * handed to `onLine` (with the time since the start, in ms).
 */
export async function runWatched(
  args: string[],
  options: {
    cwd: string;
    env?: NodeJS.ProcessEnv;
    logFile: string;
    logLine?: (line: string, atMs: number) => string;
    onLine?: (line: string, atMs: number) => void;
  },
): Promise<WatchedRun> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = sampleTree(child.pid!);
  const log = createWriteStream(options.logFile);
  const onLine = (line: string) => {
    const at = performance.now() - started;
    log.write(`${options.logLine ? options.logLine(line, at) : line}\n`);
    options.onLine?.(line, at);
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const exitCode = await new Promise<number>((resolve) =>
    child.on('close', (code) => resolve(code ?? 1)),
  );
  const wallMs = performance.now() - started;
  const usage = sampler.stop();
  await new Promise<void>((resolve) => log.end(resolve));
  return { exitCode, wallMs, usage };
}
