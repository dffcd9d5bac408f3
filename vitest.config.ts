import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { skippedForMissingData } from './infra/testkit/src/external-data.js';

const here = import.meta.dirname;
/** Tests whose data is not in the repository run only where it is; elsewhere they count as skipped. */
const skippedForData = skippedForMissingData(here);
const excludedForData = skippedForData.flatMap((s) => s.files.map((file) => resolve(here, file)));

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
    reporters: ['default', [resolve(here, 'infra/testkit/src/summary-reporter.ts'), { skippedForData }]],
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
          exclude: ['**/node_modules/**', ...excludedForData],
          environment: 'node' as const,
        },
      })),
      resolve(here, 'web/vitest.config.ts'),
    ],
  },
});
