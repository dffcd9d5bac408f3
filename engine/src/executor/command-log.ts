/**
 * The command topic `_confluent-ksql-<serviceId>_command_topic`: every state-changing statement is
 * appended (key = command id, value = statement + properties + query id) before it runs, and read
 * back at start to rebuild the metastore. Also keeps the command sequence number and the status of
 * every command (GET /status).
 */
import type { Logger } from '@tally/common';
import type { TopicStore } from '../runtime/index.js';
import type { Statement } from '../syntax/index.js';
import type { CommandStatus, KsqlEntity } from './engine.js';
import type { Metastore } from './metastore.js';

/** The value of one command-topic record, as ksqlDB writes it. */
export interface CommandRecord {
  statement: string;
  streamsProperties: Record<string, string>;
  originalProperties: Record<string, string>;
  queryId?: string;
  version: number;
}

/** One command read back from the topic; `offset` is its sequence number. */
export interface LoggedCommand {
  offset: number;
  key: string | undefined;
  command: CommandRecord;
}

const COMMAND_KINDS = new Set([
  'createSource',
  'createAs',
  'insertSelect',
  'drop',
  'terminate',
  'createType',
  'dropType',
  'alterSource',
]);

/** Whether a statement changes state and so goes to the command topic. */
export function isCommand(s: Statement): boolean {
  return COMMAND_KINDS.has(s.kind);
}

/** ksqlDB's command id of a statement, e.g. ``stream/`S`/create`` (the command-topic key). */
export function commandIdOf(s: Statement): string {
  switch (s.kind) {
    case 'createSource':
    case 'createAs':
      return `${s.sourceType.toLowerCase()}/\`${s.name}\`/create`;
    case 'insertSelect':
      return `stream/\`${s.target}\`/create`;
    case 'drop':
      return `${s.sourceType.toLowerCase()}/${s.name}/drop`;
    case 'terminate':
      return `terminate/${s.queryId}/execute`;
    case 'createType':
      return `type/${s.name}/create`;
    case 'alterSource':
      return `${s.sourceType.toLowerCase()}/\`${s.name}\`/alter`;
    case 'dropType':
      return `type/${s.name}/drop`;
    default:
      return 'unknown';
  }
}

/** The id the statement's persistent query will get at `seq`, written with the command for replay. */
export function predictQueryId(meta: Metastore, s: Statement, seq: number): string | undefined {
  if (s.kind === 'createAs') {
    const existing = s.orReplace ? meta.writersOf(s.name).find((w) => w.kind !== 'INSERT') : undefined;
    return existing?.id ?? `${s.sourceType === 'STREAM' ? 'CSAS' : 'CTAS'}_${s.name}_${seq}`;
  }
  if (s.kind === 'insertSelect') return `INSERTQUERY_${seq}`;
  if (s.kind === 'createSource' && s.isSource && s.sourceType === 'TABLE') return `CST_${s.name}_${seq}`;
  return undefined;
}

/** The command topic of one engine: its records, the next sequence number, command statuses. */
export class CommandLog {
  readonly topic: string;
  private nextSeq = 0;
  private readonly statuses = new Map<string, CommandStatus>();

  constructor(
    private readonly store: TopicStore,
    serviceId: string,
  ) {
    this.topic = `_confluent-ksql-${serviceId}_command_topic`;
  }

  /** The sequence number (command-topic offset) the next command will get. */
  get next(): number {
    return this.nextSeq;
  }

  /** Creates the topic (one partition, kept forever) unless it exists. */
  async create(): Promise<void> {
    if ((await this.store.describeTopic(this.topic)) !== undefined) return;
    await this.store.createTopic({
      name: this.topic,
      partitions: 1,
      replicas: 1,
      config: { 'retention.ms': '-1', 'cleanup.policy': 'delete' },
    });
  }

  /** Reads every command to the end (unreadable ones are logged and skipped). */
  async read(logger: Logger): Promise<LoggedCommand[]> {
    const commands: LoggedCommand[] = [];
    for (const r of await this.store.readToEnd(this.topic)) {
      this.nextSeq = r.offset + 1;
      if (r.value === null) continue;
      try {
        const command = JSON.parse(r.value.toString()) as CommandRecord;
        commands.push({ offset: r.offset, key: r.key?.toString(), command });
      } catch {
        logger.warn({ offset: r.offset }, 'skipping unreadable command');
      }
    }
    return commands;
  }

  /** Appends a statement before it runs; it takes the next sequence number. */
  async append(
    s: Statement,
    text: string,
    props: Record<string, string>,
    queryId: string | undefined,
  ): Promise<void> {
    const record: CommandRecord = {
      statement: text,
      streamsProperties: { ...props },
      originalProperties: {},
      version: 1,
    };
    if (queryId !== undefined) record.queryId = queryId;
    await this.store.produce(this.topic, [
      {
        key: Buffer.from(commandIdOf(s)),
        value: Buffer.from(JSON.stringify(record)),
        timestamp: Date.now(),
        partition: 0,
      },
    ]);
    this.nextSeq++;
  }

  /** Remembers the status a statement's `currentStatus` entity reports, under its command id. */
  record(result: KsqlEntity | undefined, s: Statement, key: string | undefined): void {
    if (result === undefined || result['@type'] !== 'currentStatus') return;
    const id = (result.commandId as string | undefined) ?? key ?? commandIdOf(s);
    const st = result.commandStatus as CommandStatus;
    this.statuses.set(id, { ...st });
  }

  /** Every command's status by command id (GET /status). */
  all(): Record<string, CommandStatus['status']> {
    const out: Record<string, CommandStatus['status']> = {};
    for (const [k, v] of this.statuses) out[k] = v.status;
    return out;
  }

  /** One command's status (GET /status/<id>). */
  status(commandId: string): CommandStatus | undefined {
    return this.statuses.get(commandId);
  }
}
