import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { generateCandidates } from './candidates.js';
import { openSeedPgSink } from './pg-sink.js';
import { buildVoterPools } from './pools.js';
import { voterCopyRow } from './records.js';
import { createVoterContext, generateVoter } from './voters.js';

/** What the PostgreSQL side of a seeding run needs; plain data, so it can cross to a worker thread. */
export interface PgLoadParams {
  databaseUrl: string;
  reset: boolean;
  seedHash: number;
  /** ISO date: ages are computed on this day. */
  registrationDate: string;
  voters: number;
  candidates: number;
  chunkSize: number;
}

/** Progress of the PostgreSQL side, reported as each step commits. */
export interface PgLoadEvents {
  candidates(inserted: number): void;
  chunk(index: number, inserted: number, busyMs: number): void;
}

/**
 * Loads candidates, then voters chunk by chunk (COPY), reporting each committed chunk. Voters are
 * generated here from (seed, index), the same pure function the Kafka side uses, so the two sides
 * can run on different threads without shipping rows between them.
 */
export async function runPgLoad(
  params: PgLoadParams,
  events: PgLoadEvents,
  aborted: () => boolean = () => false,
): Promise<void> {
  const sink = await openSeedPgSink(params.databaseUrl, { reset: params.reset });
  try {
    events.candidates(await sink.writeCandidates(generateCandidates(params.candidates, params.seedHash)));
    const context = createVoterContext(
      params.seedHash,
      buildVoterPools(params.seedHash),
      new Date(params.registrationDate),
    );
    for (let from = 0, index = 0; from < params.voters; from += params.chunkSize, index++) {
      if (aborted()) return;
      const to = Math.min(params.voters, from + params.chunkSize);
      const rows: string[] = [];
      for (let i = from; i < to; ) {
        for (const end = Math.min(to, i + 2_500); i < end; i++)
          rows.push(voterCopyRow(generateVoter(context, i)));
        await yieldToLoop();
      }
      const started = performance.now();
      const inserted = await sink.loadVoters(rows.join(''));
      events.chunk(index, inserted, performance.now() - started);
    }
  } finally {
    await sink.close();
  }
}
