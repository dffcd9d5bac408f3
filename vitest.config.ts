import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const here = import.meta.dirname;

/** Packages whose tests run in Node; `web` brings its own config (browser-facing code). */
const nodePackages = [
  'infra/common',
  'infra/kafka',
  'infra/kafka-client',
  'infra/stack',
  'sql',
  'ksql',
  'engine',
  'producers',
  'api',
  'bench',
];

/** Workspace packages resolve to their TypeScript sources in tests: no build step before `vitest`. */
const workspaceSources = Object.fromEntries(
  [
    ['common', 'infra/common'],
    ['kafka-broker', 'infra/kafka'],
    ['kafka-client', 'infra/kafka-client'],
    ['testkit', 'infra/testkit'],
    ['stack', 'infra/stack'],
    ['sql', 'sql'],
    ['ksql', 'ksql'],
    ['engine', 'engine'],
    ['producers', 'producers'],
    ['api', 'api'],
  ].map(([name, dir]) => [`@tally/${name}`, resolve(here, dir!, 'src/index.ts')]),
);

export default defineConfig({
  resolve: { alias: workspaceSources },
  test: {
    globalSetup: [resolve(here, 'infra/testkit/src/global-setup.ts')],
    reporters: ['default', resolve(here, 'infra/testkit/src/summary-reporter.ts')],
    pool: 'forks',
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      ...nodePackages.map((dir) => ({
        extends: true as const,
        root: resolve(here, dir),
        test: {
          name: dir.replace('infra/', ''),
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node' as const,
        },
      })),
      resolve(here, 'web/vitest.config.ts'),
    ],
  },
});
