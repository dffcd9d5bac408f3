/**
 * Matches the engine's processing log (KSQL_PROCESSING_LOG, read_committed) against the malformed
 * records of the votes topic: a deserialization error carries the record's bytes (RECORDB64), a
 * processing error the row it failed on (RECORD, with its ROWOFFSET).
 */
import type { IncomingRecord } from '@tally/kafka-client';
import type { VoteRecord } from './votes.js';

interface LogEntry {
  LOGGER: string;
  MESSAGE: {
    TYPE: number;
    DESERIALIZATIONERROR: { RECORDB64: string | null; topic: string } | null;
    RECORDPROCESSINGERROR: { RECORD: string | null; ERRORMESSAGE: string } | null;
  };
}

export interface LogMatch {
  /** Offset in the votes topic of the malformed record each entry is about → how many entries. */
  entriesPerOffset: Map<number, number>;
  /** Entries that match no malformed record (described). */
  unmatched: string[];
  /** The loggers (`processing.<query id>.<stage>`) that wrote entries. */
  loggers: Set<string>;
}

/**
 * Finds, for every processing-log entry, the malformed record of `votes` (index = offset) it is
 * about. `votesTopic` limits deserialization errors to that topic.
 */
export function matchProcessingLog(log: IncomingRecord[], votes: VoteRecord[], votesTopic: string): LogMatch {
  const byValue = new Map<string, number>();
  votes.forEach((r, offset) => {
    if (r.kind !== 'vote') byValue.set(r.value, offset);
  });
  const entriesPerOffset = new Map<number, number>();
  const unmatched: string[] = [];
  const loggers = new Set<string>();
  const count = (offset: number | undefined, describe: () => string) => {
    if (offset === undefined || votes[offset]?.kind === 'vote' || votes[offset] === undefined) {
      unmatched.push(describe());
      return;
    }
    entriesPerOffset.set(offset, (entriesPerOffset.get(offset) ?? 0) + 1);
  };
  for (const record of log) {
    const text = record.value?.toString() ?? 'null';
    const entry = JSON.parse(text) as LogEntry;
    loggers.add(entry.LOGGER);
    const deserialization = entry.MESSAGE.DESERIALIZATIONERROR;
    const processing = entry.MESSAGE.RECORDPROCESSINGERROR;
    if (deserialization !== null && deserialization.topic === votesTopic) {
      const bytes =
        deserialization.RECORDB64 === null
          ? undefined
          : Buffer.from(deserialization.RECORDB64, 'base64').toString();
      count(bytes === undefined ? undefined : byValue.get(bytes), () => text);
    } else if (processing !== null && processing.RECORD !== null) {
      const row = JSON.parse(processing.RECORD) as { ROWOFFSET?: number };
      count(row.ROWOFFSET, () => text);
    } else {
      unmatched.push(text);
    }
  }
  return { entriesPerOffset, unmatched, loggers };
}
