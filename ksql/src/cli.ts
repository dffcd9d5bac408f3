#!/usr/bin/env node
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import {
  applyMigrations,
  destroyMetadata,
  initializeMetadata,
  migrationInfo,
  validateMigrations,
} from './migrations/commands.js';
import { loadConfig } from './migrations/config.js';
import { formatInfo } from './migrations/format-info.js';
import { createMigration, newProject } from './migrations/project.js';
import { parseDefine } from './migrations/variables.js';
import type { ApplyTarget } from './migrations/versions.js';

/**
 * `tally-ksql migrations …`: a ksql-migrations compatible command line (same commands, files and
 * metadata). Exit code 0 on success, also when nothing is pending; 1 with a message on failure.
 */
const program = new Command('tally-ksql').description('ksqlDB tools of Tally');
const migrations = program
  .command('migrations')
  .description('Manage ksqlDB migrations (compatible with ksql-migrations)')
  .option(
    '-c, --config-file <file>',
    'ksql-migrations.properties of the project',
    'ksql-migrations.properties',
  );

const configFile = (): string => resolve(migrations.opts<{ configFile: string }>().configFile);
const print = (line: string) => console.log(line);

migrations
  .command('new-project')
  .argument('<path>', 'project directory')
  .argument('<url>', 'ksqlDB server URL')
  .description('Create ksql-migrations.properties and an empty migrations/ directory')
  .action((path: string, url: string) => print(`Created ${newProject(path, url)}`));

migrations
  .command('create')
  .argument('<description>', 'what the migration does (spaces become _)')
  .option('-v, --version <n>', 'version number (default: highest + 1)', (v) => Number(v))
  .description('Create an empty migration file')
  .action((description: string, opts: { version?: number }) => {
    print(`Created ${createMigration(loadConfig(configFile()).migrationsDir, description, opts.version)}`);
  });

migrations
  .command('initialize-metadata')
  .description('Create the migrations metadata stream and table')
  .action(() => initializeMetadata({ configFile: configFile(), log: print }));

migrations
  .command('apply')
  .description('Apply pending migrations')
  .addOption(new Option('-a, --all', 'apply every pending migration'))
  .addOption(new Option('-n, --next', 'apply the next pending migration'))
  .addOption(
    new Option('-u, --until <version>', 'apply pending migrations up to this version').argParser(Number),
  )
  .addOption(new Option('-v, --version <version>', 'apply exactly this version').argParser(Number))
  .option('--dry-run', 'print the statements; change nothing')
  .option(
    '-d, --define <name=value>',
    'value of a $' + '{name} variable (repeatable)',
    (v: string, all: string[]) => [...all, v],
    [],
  )
  .option('--initialize', 'create the metadata stream and table if they are missing')
  .option('--force', 'apply even if another apply seems to be running')
  .action(async (opts: ApplyCliOptions) => {
    const result = await applyMigrations({
      configFile: configFile(),
      target: target(opts),
      dryRun: opts.dryRun ?? false,
      initialize: opts.initialize ?? false,
      force: opts.force ?? false,
      variables: Object.fromEntries(opts.define.map(parseDefine)),
      log: print,
    });
    if (result.applied.length > 0) {
      print(
        `${result.dryRun ? 'Would apply' : 'Applied'} ${result.applied.length} migration(s): ${result.applied.join(', ')}`,
      );
    }
  });

migrations
  .command('info')
  .description('Show the state of every migration')
  .action(async () => {
    const { current, rows } = await migrationInfo({ configFile: configFile() });
    print(formatInfo(current, rows));
  });

migrations
  .command('validate')
  .description('Check that migrated versions match the local files (checksums)')
  .action(async () => {
    const checked = await validateMigrations({ configFile: configFile() });
    print(
      `Validated ${checked.length} migrated version(s)${checked.length ? `: ${checked.reverse().join(', ')}` : ''}`,
    );
  });

migrations
  .command('destroy-metadata')
  .description('Drop the migrations metadata stream and table (not the migrated objects)')
  .action(async () => {
    for (const line of await destroyMetadata({ configFile: configFile() })) print(line);
  });

interface ApplyCliOptions {
  all?: boolean;
  next?: boolean;
  until?: number;
  version?: number;
  dryRun?: boolean;
  define: string[];
  initialize?: boolean;
  force?: boolean;
}

function target(opts: ApplyCliOptions): ApplyTarget {
  const chosen: ApplyTarget[] = [];
  if (opts.all) chosen.push({ all: true });
  if (opts.next) chosen.push({ next: true });
  if (opts.until !== undefined) chosen.push({ until: opts.until });
  if (opts.version !== undefined) chosen.push({ version: opts.version });
  if (chosen.length !== 1) {
    throw Object.assign(new Error('apply needs exactly one of --all, --next, --until <v>, --version <v>'), {
      hint: 'e.g. tally-ksql migrations apply --all',
    });
  }
  return chosen[0]!;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const e = error as { message?: string; hint?: string; detail?: string };
  console.error(`Error: ${e.message ?? String(error)}`);
  if (e.detail) console.error(e.detail);
  if (e.hint) console.error(`Hint: ${e.hint}`);
  process.exitCode = 1;
}
