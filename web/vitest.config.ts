import { resolve } from 'node:path';
import { defineProject } from 'vitest/config';

const root = resolve(import.meta.dirname, '..');

/** End-to-end tests start the real stack from the workspace packages' sources. */
const workspaceSources = Object.fromEntries(
  [
    ['common', 'infra/common'],
    ['kafka-broker', 'infra/kafka'],
    ['kafka-client', 'infra/kafka-client'],
    ['testkit', 'infra/testkit'],
    ['sql', 'sql'],
    ['ksql', 'ksql'],
    ['producers', 'producers'],
    ['api', 'api'],
  ].map(([name, dir]) => [`@tally/${name}`, resolve(root, dir!, 'src/index.ts')]),
);

export default defineProject({
  resolve: { alias: workspaceSources },
  test: {
    name: 'web',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Chart and data tests render into happy-dom; e2e files opt into `node` with a docblock.
    environment: 'happy-dom',
    // One Kafka broker per run unless KAFKA_BROKERS names one (a no-op when the root setup ran).
    globalSetup: [resolve(root, 'infra/testkit/src/global-setup.ts')],
    testTimeout: 90_000,
    hookTimeout: 240_000,
  },
});
