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
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const open = stat.indexOf('(');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(open + 1, close).startsWith(name)) continue;
      const fields = stat.slice(close + 2).split(' ');
      // After "(comm) ": state is field 0, utime 11, stime 12, cutime 13, cstime 14.
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // the process ended meanwhile
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** CPU milliseconds of this Node process (all threads) so far. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
