/**
 * QTT case model and expansion over `format` × `config` (README "How a runner should execute a
 * QTT case"); cases needing Schema Registry formats are marked skipped.
 */
import { parse, stringify } from 'lossless-json';

export interface QttRecord {
  topic: string;
  key?: unknown;
  value: unknown;
  timestamp?: unknown;
  window?: { start: unknown; end: unknown; type: string };
  /** Record headers, values base64 (`headers.json`). */
  headers?: { KEY: string; VALUE: string | null }[];
}

export interface QttCase {
  name: string;
  statements: string[];
  inputs?: QttRecord[];
  outputs?: QttRecord[];
  expectedException?: { type?: string; message?: string };
  expectedError?: { type?: string; message?: string; status?: unknown };
  post?: {
    sources?: {
      name: string;
      type: string;
      schema?: string;
      keyFormat?: { format?: string; windowType?: string; windowSize?: unknown };
      valueFormat?: string;
    }[];
    topics?: { blacklist?: string; topics?: { name: string }[] };
  };
  properties?: Record<string, unknown>;
  format?: string[];
  config?: unknown[];
  topics?: {
    name: string;
    partitions?: unknown;
    keyFormat?: string;
    valueFormat?: string;
    format?: string;
    keySchema?: unknown;
    valueSchema?: unknown;
    valueSchemaId?: unknown;
    keySchemaId?: unknown;
  }[];
  versions?: { min?: string; max?: string };
  enabled?: boolean;
  responses?: unknown[];
}

export interface ExpandedCase {
  name: string;
  test: QttCase;
  skip?: string;
}

const SR = /\b(AVRO|PROTOBUF|JSON_SR)\b/i; // PROTOBUF_NOSR needs no registry

function substitute<T>(value: T, format: string | undefined): T {
  if (format === undefined) return value;
  return parse(stringify(value)!.replaceAll('{FORMAT}', format)) as T;
}

function versionBelow(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0);
  }
  return false;
}

/** The engine counts as this ksqlDB version for `versions` bounds. */
const CURRENT = '8.1.0';

export function expand(file: string, tests: QttCase[]): ExpandedCase[] {
  const out: ExpandedCase[] = [];
  for (const t of tests) {
    const disabled =
      t.enabled === false
        ? 'disabled in ksqlDB'
        : t.versions?.max !== undefined && versionBelow(t.versions.max, CURRENT)
          ? `only for ksqlDB ≤ ${t.versions.max}`
          : undefined;
    const formats = t.format ?? [undefined];
    const configs = t.config ?? [undefined];
    for (const f of formats) {
      for (const c of configs) {
        let test = substitute(t, f);
        if (c !== undefined && test.properties !== undefined) {
          const props = { ...test.properties };
          for (const [k, v] of Object.entries(props)) if (v === '{CONFIG}') props[k] = c;
          test = { ...test, properties: props };
        }
        const name = `${file} - ${t.name}${f === undefined ? '' : ` - ${f}`}${c === undefined ? '' : ` - ${String(c)}`}`;
        const usesSr =
          test.statements.some((s) => SR.test(s)) ||
          (test.topics ?? []).some(
            (tp) =>
              SR.test(`${tp.keyFormat ?? ''} ${tp.valueFormat ?? ''} ${tp.format ?? ''}`) ||
              tp.keySchema !== undefined ||
              tp.valueSchema !== undefined ||
              tp.valueSchemaId !== undefined ||
              tp.keySchemaId !== undefined,
          );
        const skip = disabled ?? (usesSr ? 'needs Schema Registry' : undefined);
        out.push(skip === undefined ? { name, test } : { name, test, skip });
      }
    }
  }
  return out;
}

/**
 * The topics a case needs before it runs: its `topics`, every KAFKA_TOPIC of a CREATE STREAM/TABLE
 * without AS SELECT (with its PARTITIONS), and every input topic; unsized ones get
 * `defaultPartitions`.
 */
export function declaredTopics(test: QttCase, defaultPartitions: number): Map<string, number> {
  const topics = new Map<string, number>();
  for (const t of test.topics ?? []) topics.set(t.name, Number(t.partitions ?? defaultPartitions));
  for (const statement of test.statements) {
    const named = /KAFKA_TOPIC\s*=\s*'([^']+)'/i.exec(statement);
    if (named === null || /\bAS\s+SELECT\b/i.test(statement)) continue;
    const partitions = /PARTITIONS\s*=\s*(\d+)/i.exec(statement);
    if (!topics.has(named[1]!)) topics.set(named[1]!, partitions ? Number(partitions[1]) : defaultPartitions);
  }
  for (const record of test.inputs ?? [])
    if (!topics.has(record.topic)) topics.set(record.topic, defaultPartitions);
  return topics;
}
