import { Command, InvalidArgumentError } from 'commander';

/** What a user can choose about the election `npm start` runs. */
export interface StackOptions {
  voters: number;
  candidates: number;
  /** Votes per second of the vote producer (on average over the day). */
  rate: number;
  /** Minutes of one election day: the vote rate follows its turnout curve; 0 = flat. */
  dayMinutes: number;
  seed: number;
  /** Wipe the previous election (PostgreSQL rows, Kafka topics) before seeding. */
  reset: boolean;
  apiPort: number;
  enginePort: number;
  kafkaPort: number;
}

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError(`expected a whole number, found '${value}'`);
  return n;
};

/** Parses `npm start -- [options]`; each option also has an environment variable. */
export function parseStackOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): StackOptions {
  const program = new Command('npm start --')
    .description(
      'Runs Tally on this machine: Kafka, PostgreSQL access, the engine, migrations, API, dashboard, producers.',
    )
    .option(
      '--voters <n>',
      'voters to register (TALLY_VOTERS)',
      positiveInt,
      Number(env['TALLY_VOTERS'] ?? 30_000),
    )
    .option(
      '--candidates <n>',
      'candidates standing (TALLY_CANDIDATES)',
      positiveInt,
      Number(env['TALLY_CANDIDATES'] ?? 3),
    )
    .option(
      '--rate <votes/s>',
      'votes per second, on average over the day (TALLY_VOTE_RATE)',
      positiveInt,
      Number(env['TALLY_VOTE_RATE'] ?? 8),
    )
    .option(
      '--day-minutes <n>',
      'length of the election day: a morning rush, a midday lull, an evening peak; 0 = a flat rate (TALLY_DAY_MINUTES)',
      positiveInt,
      Number(env['TALLY_DAY_MINUTES'] ?? 60),
    )
    .option(
      '--seed <n>',
      'seed of the fake data (TALLY_SEED)',
      positiveInt,
      Number(env['TALLY_SEED'] ?? 2026),
    )
    .option('--reset', 'start a new election, wiping the previous one', false)
    .option(
      '--api-port <port>',
      'API and dashboard port (API_PORT)',
      positiveInt,
      Number(env['API_PORT'] ?? 4000),
    )
    .option(
      '--engine-port <port>',
      'engine port (ENGINE_PORT)',
      positiveInt,
      Number(env['ENGINE_PORT'] ?? 8088),
    )
    .option(
      '--kafka-port <port>',
      'local Kafka port (KAFKA_PORT)',
      positiveInt,
      Number(env['KAFKA_PORT'] ?? 9092),
    )
    .allowExcessArguments(false);
  program.parse(argv, { from: 'user' });
  return program.opts<StackOptions>();
}
