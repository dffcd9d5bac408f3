import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@tally/common';

/** The folder holding this package's pom.xml (works from src/ and from dist/). */
export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const libsDir = join(packageDir, 'target', 'kafka-libs');

/** True when Maven has already copied the broker's runtime classpath. */
export function hasKafkaJars(): boolean {
  return existsSync(libsDir) && readdirSync(libsDir).some((file) => file.startsWith('kafka_2.13-'));
}

/**
 * Resolves Apache Kafka and its log4j2 binding from Maven Central into target/kafka-libs, once.
 * Needs `mvn` and Java 17+ on the PATH.
 */
export async function ensureKafkaJars(logger?: Logger): Promise<string> {
  if (hasKafkaJars()) return libsDir;
  logger?.info({ libsDir }, 'resolving Kafka jars from Maven Central (first run only)');
  const args = [
    '-B',
    '-q',
    '-f',
    join(packageDir, 'pom.xml'),
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${libsDir}`,
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn('mvn', args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error) => reject(new Error(`cannot run mvn (is Maven installed?): ${error.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mvn exited with ${code}`))));
  });
  if (!hasKafkaJars()) throw new Error(`Maven finished but ${libsDir} has no kafka_2.13 jar`);
  return libsDir;
}
