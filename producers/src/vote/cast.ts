import type { IncomingRecord, OutgoingRecord } from '@tally/kafka-client';
import type { CandidatePicker } from './choice.js';
import type { VoteCounters, VoteTimings } from './counters.js';
import { parseVoterRecord } from './parse-voter.js';
import type { VoteStore } from './store.js';
import type { StoredVoteRow } from './vote-record.js';

/** The outcome of casting one slice of voter records: what to publish, what to dead-letter. */
export interface CastSlice {
  toPublish: StoredVoteRow[];
  deadLetters: OutgoingRecord[];
}

export interface CastDeps {
  store: VoteStore;
  pick: CandidatePicker;
  clock: () => Date;
  counters: VoteCounters;
  timings: VoteTimings;
  onDeadLetter: (record: IncomingRecord, reason: string) => void;
}

/** A dead-letter copy of `record`: same key and value, the reason and origin in headers. */
export function deadLetter(record: IncomingRecord, reason: string): OutgoingRecord {
  return {
    key: record.key,
    value: record.value,
    timestamp: record.timestamp,
    headers: {
      'tally-error': reason,
      'tally-source': `${record.topic}/${record.partition}/${record.offset}`,
    },
  };
}

/**
 * Parses a slice of voter records, chooses each voter's candidate and stores the votes in one
 * round trip. Malformed records and unknown voters become dead letters; nothing is published yet.
 */
export async function castSlice(deps: CastDeps, records: IncomingRecord[]): Promise<CastSlice> {
  const { counters, timings } = deps;
  const t0 = performance.now();
  counters.received += records.length;
  const deadLetters: OutgoingRecord[] = [];
  const refuse = (record: IncomingRecord, reason: string) => {
    counters.malformed++;
    deps.onDeadLetter(record, reason);
    deadLetters.push(deadLetter(record, reason));
  };
  const ballots: { voterId: string; candidateId: string }[] = [];
  const byVoter = new Map<string, IncomingRecord>();
  for (const record of records) {
    const parsed = parseVoterRecord(record);
    if (!parsed.ok) {
      refuse(record, parsed.reason);
      continue;
    }
    const { voterId, state } = parsed.voter;
    if (byVoter.has(voterId)) continue;
    byVoter.set(voterId, record);
    ballots.push({ voterId, candidateId: deps.pick(voterId, state) });
  }
  const t1 = performance.now();
  timings.parseMs += t1 - t0;
  const { toPublish, inserted, unknownVoterIds } = await deps.store.castVotes(ballots, deps.clock());
  timings.storeMs += performance.now() - t1;
  for (const id of unknownVoterIds) {
    counters.unknownVoters++;
    refuse(byVoter.get(id)!, `unknown voter "${id}": not in the voters table`);
  }
  counters.stored += inserted;
  counters.alreadyVoted += ballots.length - unknownVoterIds.length - inserted;
  counters.republished += toPublish.length - inserted;
  return { toPublish, deadLetters };
}
