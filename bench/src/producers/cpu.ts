import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU milliseconds used so far by every process whose command name starts with `name` (e.g.
 * `postgres`: all backends), read from /proc, plus what their exited children used (a backend
 * that has disconnected is counted in its postmaster's cutime/cstime). Linux only; 0 elsewhere.
 * Other users of the same server count too, so read it on a quiet machine.
 */
export function processCpuMs(name: string): number {
  let ticks = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    const stat = readStat(pid);
    if (stat?.name.startsWith(name)) ticks += stat.ticks;
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** CPU milliseconds used so far by one process (with its exited children); 0 when unknown. */
export function pidCpuMs(pid: number | undefined): number {
  const stat = pid === undefined ? undefined : readStat(String(pid));
  return stat === undefined ? 0 : (stat.ticks * 1000) / TICKS_PER_SECOND;
}

function readStat(pid: string): { name: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    // After "(comm) ": state is field 0, utime 11, stime 12, cutime 13, cstime 14.
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    return { name: stat.slice(open + 1, close), ticks };
  } catch {
    return undefined; // the process ended meanwhile, or no /proc
  }
}

/** CPU milliseconds of this Node process (all threads) so far. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
