// The machine checks and installs that `npm start` and `npm test` share. Plain JavaScript with
// Node's own modules only: it runs on a fresh clone, before any dependency is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (infra/scripts → ../..). */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Prints one line and ends the process (a set-up that cannot go on). */
export function fail(message, code = 1) {
  console.error(message);
  process.exit(code);
}

/** The Node major Tally runs on (an LTS line); the project brings it as its `node` devDependency. */
export const NODE_MAJOR = 24;
const major = (version) => Number(version.split('.')[0]);

/**
 * Node 20.19 or newer to start with: an older machine's Node only bootstraps, everything then
 * runs on the project's own Node 24 (npm's `node` package, pinned in package.json).
 */
export function checkNode() {
  const [maj, minor] = process.versions.node.split('.').map(Number);
  if (maj < 20 || (maj === 20 && minor < 19))
    fail(
      `Tally needs Node.js 20.19 or newer to set itself up (it then runs on Node ${NODE_MAJOR}); this is ${process.version}.`,
    );
}

/**
 * The project's Node binary (node_modules/node, pinned in package.json), else this process's own
 * (a production image that installed without devDependencies brings its Node itself).
 */
export function projectNode() {
  const local = join(root, 'node_modules', 'node', 'bin', 'node');
  return existsSync(local) ? local : process.execPath;
}

/** The environment for tools run from node_modules/.bin: their `#!/usr/bin/env node` finds the project's Node. */
export function projectEnv(extra = {}) {
  return {
    ...process.env,
    PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
    ...extra,
  };
}

/**
 * A Node of the project's line to run `npm ci` with, so that the install itself runs on a
 * supported Node (no EBADENGINE warnings from dependencies that want Node ≥ 22): this one when it
 * is new enough, else the pinned version fetched once into .tally/node.
 */
function installerNode() {
  if (major(process.versions.node) >= NODE_MAJOR) return process.execPath;
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies?.node;
  const dir = join(root, '.tally', 'node');
  const bin = join(dir, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bin) && version !== undefined) {
    console.log(`Fetching Node ${version} from the npm registry (this machine has ${process.version})…`);
    // its own package.json approves the node package's install script, as the project's does
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ private: true, allowScripts: { node: true } })}\n`,
    );
    spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        dir,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        `node@${version}`,
      ],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
  }
  return existsSync(bin) ? bin : undefined;
}

const hasCommand = (tool, args = ['-version']) => !spawnSync(tool, args, { stdio: 'ignore' }).error;

/** Java and Maven, which the local Kafka needs — unless KAFKA_BROKERS names a running cluster. */
export function checkKafkaTools() {
  if (process.env.KAFKA_BROKERS) return;
  for (const [tool, why] of [
    ['java', 'Kafka runs on Java 17+'],
    ['mvn', 'Kafka is resolved from Maven Central with Maven'],
  ]) {
    if (!hasCommand(tool))
      fail(`'${tool}' is missing: ${why} (install it, or set KAFKA_BROKERS to an existing cluster).`);
  }
}

/** `npm ci` when node_modules is missing (a fresh clone). */
export function ensureDependencies() {
  if (existsSync(join(root, 'node_modules', '.package-lock.json'))) return;
  console.log('Installing dependencies (npm ci)…');
  const node = installerNode();
  const npmCli = process.env.npm_execpath;
  const ci =
    node !== undefined && npmCli?.endsWith('.js')
      ? spawnSync(node, [npmCli, 'ci', '--no-audit', '--no-fund'], {
          cwd: root,
          stdio: 'inherit',
          env: projectEnv(),
        })
      : spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (ci.status !== 0) fail(`npm ci failed (exit ${ci.status}).`, ci.status ?? 1);
}

/** Apache Kafka's jars from Maven Central into infra/kafka/target/kafka-libs, once. */
export function ensureKafkaJars() {
  if (process.env.KAFKA_BROKERS) return;
  const libs = join(root, 'infra', 'kafka', 'target', 'kafka-libs');
  if (existsSync(libs) && readdirSync(libs).some((f) => f.startsWith('kafka_2.13-'))) return;
  console.log('Resolving the Kafka jars from Maven Central (first run only)…');
  const run = spawnSync(
    projectNode(),
    ['--conditions=source', '--import', 'tsx', join(root, 'infra/kafka/src/cli.ts'), 'jars'],
    { cwd: root, stdio: 'inherit' },
  );
  if (run.status !== 0) fail(`resolving the Kafka jars failed (exit ${run.status}).`, run.status ?? 1);
}

/** Where the browser tests find Debian's Chromium. */
export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium for the browser tests: installed with apt-get when this user may (root);
 * otherwise one line says how, and the browser tests are skipped. Returns whether it is there.
 */
export function ensureChromium() {
  if (existsSync(chromiumPath())) return true;
  const command = 'apt-get update && apt-get install -y chromium';
  if (process.getuid?.() === 0 && hasCommand('apt-get', ['--version'])) {
    console.log(`Installing Chromium for the browser tests (${command})…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    if (update.status === 0)
      spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env,
      });
    if (existsSync(chromiumPath())) return true;
  }
  console.log(
    `Browser tests skipped: no Chromium at ${chromiumPath()} — install it with \`sudo ${command}\` (or set CHROMIUM_PATH).`,
  );
  return false;
}
