import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { generateCandidates } from './candidates.js';
import { openSeedPgSink } from './pg-sink.js';
import { buildVoterPools } from './pools.js';
import { voterCopyRow, voterJson } from './records.js';
import { createVoterContext, generateVoter } from './voters.js';

/** What the loading side of a seeding run needs; plain data, so it can cross to a worker thread. */
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

/** One chunk of voters, committed in PostgreSQL, with its Kafka keys and values ready to publish. */
export interface LoadedChunk {
  index: number;
  /** Rows that were new in `voters`. */
  inserted: number;
  /** voter_ids, newline-separated (one string crosses threads far faster than many). */
  keys: string;
  /** Voter JSON values, newline-separated (JSON never contains a raw newline). */
  values: string;
  generateMs: number;
  postgresMs: number;
}

/** How the loading side reports to, and is paced by, the publishing side. */
export interface PgLoadEvents {
  candidates(inserted: number): void;
  chunk(chunk: LoadedChunk): void;
  /** Resolves when chunk `index` may be generated: the publisher is not too far behind. */
  credit(index: number): Promise<void>;
}

/**
 * Generates voters chunk by chunk — each voter once, in both forms: a COPY row and its JSON —
 * loads each chunk into PostgreSQL (COPY), and hands it to the publisher only once committed.
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
    // While PostgreSQL copies chunk k, this thread generates chunk k + 1.
    let copying: Promise<void> = Promise.resolve();
    for (let from = 0, index = 0; from < params.voters; from += params.chunkSize, index++) {
      await events.credit(index);
      if (aborted()) break;
      const to = Math.min(params.voters, from + params.chunkSize);
      const rows: string[] = [];
      const keys: string[] = [];
      const values: string[] = [];
      let generateMs = 0;
      for (let i = from; i < to; ) {
        const t0 = performance.now();
        for (const end = Math.min(to, i + 2_500); i < end; i++) {
          const voter = generateVoter(context, i);
          rows.push(voterCopyRow(voter));
          keys.push(voter.voter_id);
          values.push(voterJson(voter));
        }
        generateMs += performance.now() - t0;
        // Let the COPY stream of the previous chunk move between steps.
        await yieldToLoop();
      }
      await copying;
      const chunkIndex = index;
      copying = (async () => {
        const t1 = performance.now();
        const inserted = await sink.loadVoters(rows.join(''));
        events.chunk({
          index: chunkIndex,
          inserted,
          keys: keys.join('\n'),
          values: values.join('\n'),
          generateMs,
          postgresMs: performance.now() - t1,
        });
      })();
      copying.catch(() => undefined);
    }
    await copying;
  } finally {
    await sink.close();
  }
}
