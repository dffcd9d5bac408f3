import { cpus, totalmem } from 'node:os';

/** One benchmark's outcome: a markdown section for docs/benchmarks.md. */
export interface BenchSection {
  title: string;
  /** The command that reproduces it. */
  command: string;
  /** Rendered rows: `| what | value | aim |`. */
  rows: { what: string; value: string; aim?: string }[];
  notes?: string[];
}

/** The machine a benchmark runs on (each section names its own: sections are re-run one at a time). */
export function machineDescription(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, Kafka 4.3.1 (single KRaft node, 1 GiB heap, full JIT, parallel GC: the throughput JVM profile)`;
}

export function renderSection(section: BenchSection): string {
  const lines = [
    `## ${section.title}`,
    '',
    `Command: \`${section.command}\``,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machineDescription()}.`,
    '',
    '| measure | result | aim |',
    '|---|---:|---|',
    ...section.rows.map((r) => `| ${r.what} | ${r.value} | ${r.aim ?? ''} |`),
    '',
  ];
  if (section.notes?.length) lines.push(...section.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

export const perSecond = (count: number, ms: number): string =>
  `${Math.round((count * 1000) / ms).toLocaleString('en-US')}/s`;
