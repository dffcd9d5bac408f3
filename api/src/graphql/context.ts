import type { Logger } from '@tally/common';
import type { CandidateRegister } from '../data/candidate-register.js';
import type { ElectionStore } from '../data/election-store.js';
import type { TableReader } from '../data/table-reader.js';
import type { TableName } from '../domain/tables.js';
import type { Candidate, ResultsInput } from '../domain/types.js';
import { unavailableError } from '../errors.js';
import type { LiveResults } from '../live/live-results.js';

/** Process-wide services the resolvers use. */
export interface ApiServices {
  reader: TableReader;
  store: ElectionStore;
  live: LiveResults;
  register: CandidateRegister;
  exposeBallots: boolean;
  logger: Logger;
  /** Counts a subscriber of `field` in (+1) or out (-1). */
  countSubscriber(field: string, delta: 1 | -1): void;
}

/** The GraphQL context of one operation. */
export interface ApiContext extends ApiServices {
  /** The tables as of this operation (each pulled at most once). */
  load(tables: readonly TableName[]): Promise<ResultsInput>;
}

/** Builds the context of one operation: a per-operation memo of pull queries and candidates. */
export function createContext(services: ApiServices, reader: TableReader): ApiContext {
  let candidates: Promise<readonly Candidate[]> | undefined;
  const loadCandidates = () => {
    candidates ??= services.store.candidates().catch((error: unknown) => {
      services.logger.warn({ err: error }, 'candidates: PostgreSQL read failed, using the cached register');
      return services.register.current();
    });
    return candidates;
  };
  return {
    ...services,
    reader,
    async load(tables) {
      const [rows, list] = await Promise.all([
        Promise.all(tables.map((table) => reader.read(table))).catch((error: unknown) => {
          throw unavailableError('ksqlDB', error);
        }),
        loadCandidates(),
      ]);
      return {
        tables: Object.fromEntries(tables.map((table, i) => [table, rows[i]!])),
        candidates: list,
        lastChangeAt: services.live.lastChangeAt(),
      };
    },
  };
}
