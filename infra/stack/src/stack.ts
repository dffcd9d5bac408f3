import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_NODE_ARGS, type Logger } from '@tally/common';
import { type RunningBroker, startBroker } from '@tally/kafka-broker';
import { keepRunning } from './keep-running.js';
import type { StackOptions } from './options.js';
import { repoRoot, stateRoot } from './paths.js';
import { checkPorts } from './ports.js';
import { resolveDatabase } from './postgres.js';
import { waitForHttp } from './readiness.js';
import { resetElection } from './reset.js';
import { type Supervised, Supervisor } from './supervisor.js';

export interface RunningStack {
  dashboardUrl: string;
  graphqlUrl: string;
  ksqldbUrl: string;
  kafkaBrokers: string;
  databaseUrl: string;
  /**
   * Resolves, saying why, when a long-running service keeps failing right after each restart; a
   * service that exits is otherwise restarted with backoff while the others keep running.
   */
  failed: Promise<string>;
  /** The current process of a long-running service (`engine`, `api`, `vote`). */
  processOf(name: string): ChildProcess | undefined;
  stop(): Promise<void>;
}

/**
 * Starts everything in dependency order — Kafka, PostgreSQL, the engine, both migrations, the
 * API with the dashboard, the seed, the vote producer — reusing the state of a previous run so the
 * same election resumes. On any failure what was started is stopped again.
 */
export async function startStack(options: StackOptions, logger: Logger): Promise<RunningStack> {
  const supervisor = new Supervisor(logger);
  let broker: RunningBroker | undefined;
  const stop = async () => {
    await supervisor.stopAll();
    const started = Date.now();
    await broker?.stop();
    if (broker) logger.info({ service: 'kafka', ms: Date.now() - started }, 'kafka stopped');
  };
  try {
    await checkPorts(options, stateRoot());
    const pretty = process.stdout.isTTY ? { LOG_PRETTY: '1' } : {};
    const step = (n: number, what: string) => logger.info(`[${n}/8] ${what}`);

    step(1, 'Kafka');
    let kafkaBrokers = process.env['KAFKA_BROKERS'];
    if (!kafkaBrokers) {
      broker = await startBroker({
        dir: join(stateRoot(), 'kafka'),
        port: options.kafkaPort,
        controllerPort: options.kafkaPort + 1,
        // Ctrl-C must not reach Kafka: it stops last, after the engine's final commit and snapshot.
        ownProcessGroup: true,
        logger,
      });
      kafkaBrokers = broker.brokers;
    }

    step(2, 'PostgreSQL');
    const database = await resolveDatabase(supervisor, logger);
    logger.info({ source: database.source }, 'PostgreSQL ready');
    const common = { ...pretty, KAFKA_BROKERS: kafkaBrokers, DATABASE_URL: database.url };
    await supervisor.run({ name: 'sql', entry: 'sql/src/cli.ts', args: ['migrate'], env: common });
    const serviceId = process.env['KSQL_SERVICE_ID'] ?? 'tally_';
    const engineStateDir = join(stateRoot(), 'engine');
    if (options.reset) {
      if (process.env['KSQLDB_URL'])
        throw new Error(
          '--reset wipes the embedded engine; with KSQLDB_URL set, drop the election on that ksqlDB server ' +
            '(TERMINATE ALL; DROP … DELETE TOPIC) and run without --reset',
        );
      logger.info('reset: wiping the previous election before the engine starts');
      await resetElection({
        kafkaBrokers,
        ownBroker: broker !== undefined,
        serviceId,
        engineStateDir,
        databaseUrl: database.url,
        logger,
      });
    }

    step(3, 'stream SQL engine');
    let ksqldbUrl = process.env['KSQLDB_URL'];
    const longRunning: Supervised[] = [];
    if (!ksqldbUrl) {
      ksqldbUrl = `http://127.0.0.1:${options.enginePort}`;
      const engine = supervisor.start({
        name: 'engine',
        entry: 'engine/src/cli.ts',
        nodeArgs: ENGINE_NODE_ARGS,
        env: {
          ...common,
          ENGINE_PORT: String(options.enginePort),
          KSQL_SERVICE_ID: serviceId,
          ENGINE_STATE_DIR: engineStateDir,
        },
      });
      longRunning.push(engine);
      await waitForHttp(`${ksqldbUrl}/healthcheck`, {
        accept: (body) => body.includes('"isHealthy":true'),
        exited: () => engine.child.exitCode !== null,
      });
    }
    const withKsql = { ...common, KSQLDB_URL: ksqldbUrl };

    step(4, 'ksql migrations');
    await supervisor.run({
      name: 'ksql',
      entry: 'ksql/src/cli.ts',
      args: [
        'migrations',
        '--config-file',
        'ksql/ksql-migrations.properties',
        'apply',
        '--all',
        '--initialize',
      ],
      env: withKsql,
    });

    step(5, 'dashboard build');
    await buildDashboardIfStale(logger);

    step(6, 'GraphQL API');
    const apiUrl = `http://127.0.0.1:${options.apiPort}`;
    const api = supervisor.start({
      name: 'api',
      entry: 'api/src/cli.ts',
      env: { ...withKsql, API_PORT: String(options.apiPort), API_STATIC_DIR: join(repoRoot, 'web', 'dist') },
    });
    longRunning.push(api);
    await waitForHttp(`${apiUrl}/readyz`, { exited: () => api.child.exitCode !== null });

    step(7, `seeding ${options.candidates} candidates and ${options.voters} voters`);
    const seedArgs = [
      '--voters',
      String(options.voters),
      '--candidates',
      String(options.candidates),
      '--seed',
      String(options.seed),
    ];
    // No `--reset` here: the seed's own reset recreates the topics under the running engine (which
    // then counts the new election on top of the old one); resetElection did it before the engine.
    await supervisor.run({ name: 'seed', entry: 'producers/src/seed/cli.ts', args: seedArgs, env: common });

    step(8, `voting at ${options.rate} votes/s`);
    longRunning.push(
      supervisor.start({
        name: 'vote',
        entry: 'producers/src/vote/cli.ts',
        args: [
          '--rate',
          String(options.rate),
          '--day-minutes',
          String(options.dayMinutes),
          '--seed',
          String(options.seed),
        ],
        env: common,
      }),
    );

    const failed = keepRunning(supervisor, longRunning, logger);
    return {
      dashboardUrl: `${apiUrl}/`,
      graphqlUrl: `${apiUrl}/graphql`,
      ksqldbUrl,
      kafkaBrokers,
      databaseUrl: database.url,
      failed,
      processOf: (name) => longRunning.find((s) => s.name === name)?.child,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Builds web/dist when it is missing or older than any file of web/src. */
async function buildDashboardIfStale(logger: Logger): Promise<void> {
  const index = join(repoRoot, 'web', 'dist', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs > newestMtime(join(repoRoot, 'web', 'src'))) return;
  logger.info('building the dashboard (vite build)');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npm', ['run', 'build', '-w', '@tally/web'], { cwd: repoRoot, stdio: 'inherit' });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`dashboard build failed (exit ${code})`)),
    );
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
