import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (infra/stack/src → ../../..). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Where `npm start` keeps its state between runs (git-ignored): Kafka data, engine state, PGlite. */
export const stateRoot = (): string => process.env['TALLY_STATE_DIR'] ?? join(repoRoot, '.tally');
