import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../src/paths.js';

/**
 * No Docker engine runs here, so docker-compose.yml is checked the way `docker compose config`
 * would: against the Compose specification's JSON schema (shipped by dclint), then against the
 * code — every command a Tally service runs and every variable it sets must exist.
 */
interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

const text = readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as ComposeFile;
const tallyServices = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(
      (e) =>
        e.isFile() &&
        e.name.endsWith('.ts') &&
        !e.name.endsWith('.test.ts') &&
        !e.parentPath.includes('node_modules'),
    )
    .map((e) => join(e.parentPath, e.name));
}
const allSources = ['infra', 'sql', 'ksql', 'engine', 'producers', 'api']
  .map((d) => join(repoRoot, d))
  .filter(existsSync)
  .flatMap(sourceFiles)
  .filter((f) => f.includes('/src/'))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

describe('docker-compose.yml', () => {
  it('is valid against the Compose specification schema', () => {
    const require = createRequire(import.meta.url);
    const schemaPath = join(require.resolve('dclint/package.json'), '..', 'schemas', 'compose.schema.json');
    // The schema names its draft-07 meta-schema by an https URL that Ajv does not register.
    const { $schema: _meta, ...schema } = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<
      string,
      unknown
    >;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    const valid = validate(parse(text, { merge: true }));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('starts ksqlDB and Kafka from the Confluent Platform line matching the local Kafka', () => {
    const pom = readFileSync(join(repoRoot, 'infra/kafka/pom.xml'), 'utf8');
    const kafkaVersion = /<kafka\.version>(\d+)\.(\d+)\.\d+<\/kafka\.version>/.exec(pom);
    expect(kafkaVersion).not.toBeNull();
    // Confluent Platform version = Apache Kafka version + 4.0 on the major (CP 8.3 ↔ AK 4.3).
    const cp = `${Number(kafkaVersion![1]) + 4}.${kafkaVersion![2]}.`;
    expect(compose.services['kafka']?.image).toContain(`confluentinc/cp-kafka:${cp}`);
    expect(compose.services['ksqldb']?.image).toContain(`confluentinc/cp-ksqldb-server:${cp}`);
  });

  it('gives every service a health check or a start order', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck !== undefined || service.depends_on !== undefined, name).toBe(true);
    }
  });

  it.each(tallyServices)('runs an entry point of the code in service %s', (_name, service) => {
    const [node, script, ...args] = service.command ?? [];
    expect(node).toBe('node');
    // Images run the build output; the source it comes from must exist.
    const source = script!.replace('/dist/', '/src/').replace(/\.js$/, '.ts');
    expect(existsSync(join(repoRoot, source)), source).toBe(true);
    const cli = readFileSync(join(repoRoot, source), 'utf8');
    for (const flag of args.filter((a) => a.startsWith('--'))) {
      const known = cli.includes(flag) || allSources.includes(`'${flag}`) || allSources.includes(`${flag} `);
      expect(known, `${flag} of ${source}`).toBe(true);
    }
    for (const file of args.filter((a) => a.includes('/') && !a.startsWith('-'))) {
      expect(existsSync(join(repoRoot, file)), file).toBe(true);
    }
  });

  it.each(tallyServices)('sets only variables the code reads in service %s', (_name, service) => {
    for (const variable of Object.keys(service.environment ?? {})) {
      expect(allSources.includes(variable), `${variable} is read nowhere in the code`).toBe(true);
    }
  });
});
