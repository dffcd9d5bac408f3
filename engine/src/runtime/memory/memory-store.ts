/**
 * An in-memory `TopicStore`: the log for the topic-level conformance runner and unit tests (the
 * counterpart of Kafka Streams' TopologyTestDriver). Processors run on a cooperative pump: every
 * produce schedules one, and `settle()` resolves once no processor or tail has unread records.
 * A batch's outputs and offsets are applied together (a failed batch changes nothing).
 */
import { murmur2Partition } from '../murmur2.js';
import type {
  BatchHandler,
  ConsumedRecord,
  OutputRecord,
  PartitionOffset,
  PartitionRange,
  Processor,
  ProcessorOptions,
  StartPosition,
  StoredRecord,
  Tail,
  TopicInfo,
  TopicPosition,
  TopicStore,
} from '../topic-store.js';

interface Topic {
  info: TopicInfo;
  partitions: ConsumedRecord[][];
}

interface Reader {
  topics: string[];
  /** Next offset per `topic/partition`. */
  positions: Map<string, number>;
  from: StartPosition;
  deliver(records: ConsumedRecord[]): Promise<boolean>;
  active: boolean;
}

export interface MemoryTopicStoreOptions {
  /** Records per batch handed to a processor (default 100; the QTT runner uses 1). */
  batchSize?: number;
  /** Create unknown topics on produce (1 partition). Default true. */
  autoCreateTopics?: boolean;
}

export class MemoryTopicStore implements TopicStore {
  private readonly topics = new Map<string, Topic>();
  private readonly committed = new Map<string, Map<string, number>>();
  private readonly readers: Reader[] = [];
  private readonly wakers = new Set<() => void>();
  private pumping: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private readonly batchSize: number;
  private readonly autoCreate: boolean;

  constructor(options: MemoryTopicStoreOptions = {}) {
    this.batchSize = options.batchSize ?? 100;
    this.autoCreate = options.autoCreateTopics ?? true;
  }

  async createTopic(topic: TopicInfo): Promise<void> {
    if (this.topics.has(topic.name)) return;
    this.topics.set(topic.name, {
      info: { ...topic },
      partitions: Array.from({ length: Math.max(1, topic.partitions) }, () => []),
    });
  }

  async createMissingTopics(topics: TopicInfo[]): Promise<string[]> {
    const missing = topics.filter((t) => !this.topics.has(t.name));
    for (const t of missing) await this.createTopic(t);
    return missing.map((t) => t.name);
  }

  async describeTopic(name: string): Promise<TopicInfo | undefined> {
    const t = this.topics.get(name);
    return t === undefined ? undefined : { ...t.info };
  }

  async listTopics(): Promise<TopicInfo[]> {
    return [...this.topics.values()].map((t) => ({ ...t.info }));
  }

  async deleteTopic(name: string): Promise<void> {
    this.topics.delete(name);
  }

  /** Every record of a topic, all partitions (partition order, then offset). Test helper. */
  records(topic: string): ConsumedRecord[] {
    return this.topics.get(topic)?.partitions.flat() ?? [];
  }

  /** Appends; answers the next offset of each partition written with explicitly placed records. */
  private append(topicName: string, records: StoredRecord[]): TopicPosition[] {
    let topic = this.topics.get(topicName);
    if (topic === undefined) {
      if (!this.autoCreate) throw new Error(`Topic '${topicName}' does not exist`);
      topic = { info: { name: topicName, partitions: 1, replicas: 1 }, partitions: [[]] };
      this.topics.set(topicName, topic);
    }
    const written = new Map<number, number>();
    for (const r of records) {
      const n = topic.partitions.length;
      const partition = r.partition ?? (r.key === null ? 0 : murmur2Partition(r.key, n));
      const log = topic.partitions[partition]!;
      const rec: ConsumedRecord = {
        key: r.key,
        value: r.value,
        timestamp: r.timestamp,
        topic: topicName,
        partition,
        offset: log.length,
      };
      if (r.headers !== undefined) rec.headers = r.headers;
      // as a Kafka consumer sees it: every header, in order
      const list =
        r.headerList ??
        (r.headers === undefined
          ? undefined
          : Object.entries(r.headers).map(([key, value]) => ({ key, value })));
      if (list !== undefined) rec.headerList = list;
      log.push(rec);
      if (r.partition !== undefined) written.set(partition, log.length);
    }
    this.wakeTails();
    return [...written].map(([partition, offset]) => ({ topic: topicName, partition, offset }));
  }

  /** Writes one commit's records and the other groups' positions (`groupPositions`). */
  private commitRecords(out: OutputRecord[], handler: BatchHandler): void {
    const byTopic = new Map<string, StoredRecord[]>();
    for (const o of out) {
      const list = byTopic.get(o.topic) ?? [];
      list.push(o);
      byTopic.set(o.topic, list);
    }
    const written: TopicPosition[] = [];
    for (const [t, list] of byTopic) written.push(...this.append(t, list));
    for (const group of handler.groupPositions?.(written) ?? []) {
      const offsets = this.committed.get(group.groupId) ?? new Map<string, number>();
      for (const p of group.positions) offsets.set(`${p.topic}/${p.partition}`, p.offset);
      this.committed.set(group.groupId, offsets);
    }
  }

  async committedOffsets(groupId: string, topics: string[]): Promise<TopicPosition[]> {
    const out: TopicPosition[] = [];
    for (const [key, offset] of this.committed.get(groupId) ?? []) {
      const at = key.lastIndexOf('/');
      const topic = key.slice(0, at);
      if (topics.includes(topic)) out.push({ topic, partition: Number(key.slice(at + 1)), offset });
    }
    return out;
  }

  async produce(topic: string, records: StoredRecord[]): Promise<void> {
    this.append(topic, records);
    this.schedule();
  }

  private wakeTails(): void {
    for (const w of this.wakers) w();
  }

  async runProcessor(options: ProcessorOptions, handler: BatchHandler): Promise<Processor> {
    await handler.restore?.();
    try {
      const seed = await handler.seed?.();
      if (seed !== undefined) {
        for (const record of handler.flush?.() ?? []) seed.push(record);
        this.commitRecords(seed, handler);
        handler.committed?.({ records: seed.length, ms: 0 });
        this.schedule();
      }
    } catch (e) {
      return { state: 'ERROR', error: e as Error, stop: async () => undefined };
    }
    let offsets = this.committed.get(options.groupId);
    if (offsets === undefined) {
      offsets = new Map();
      this.committed.set(options.groupId, offsets);
    }
    const committed = offsets;
    const state: { state: Processor['state']; error: Error | undefined } = {
      state: 'RUNNING',
      error: undefined,
    };
    const reader: Reader = {
      topics: options.sources,
      positions: committed,
      from: options.startFrom,
      active: true,
      deliver: async (records) => {
        try {
          // One commit per batch: the outputs, then the changelogs.
          const out: OutputRecord[] = handler.process(records);
          const started = performance.now();
          for (const record of handler.flush?.() ?? []) out.push(record);
          this.commitRecords(out, handler);
          handler.committed?.({ records: out.length, ms: performance.now() - started });
          return true;
        } catch (e) {
          state.state = 'ERROR';
          state.error = e as Error;
          reader.active = false;
          return false;
        }
      },
    };
    this.readers.push(reader);
    this.schedule();
    const store = this;
    return {
      get state() {
        return state.state;
      },
      get error() {
        return state.error;
      },
      async stop() {
        await store.settleReader();
        reader.active = false;
        if (state.state === 'RUNNING') state.state = 'STOPPED';
        store.readers.splice(store.readers.indexOf(reader), 1);
      },
    };
  }

  async tail(
    topics: string[],
    from: StartPosition,
    onRecords: (records: ConsumedRecord[]) => Promise<void>,
    onFailed: (error: Error) => void = () => undefined,
  ): Promise<Tail> {
    const positions = new Map<string, number>();
    if (from === 'latest') {
      for (const name of topics) {
        const t = this.topics.get(name);
        t?.partitions.forEach((p, i) => {
          positions.set(`${name}/${i}`, p.length);
        });
      }
    }
    // A tail runs its own loop so a slow reader (a push query's client) never holds up processors.
    const reader: Reader = { topics, positions, from, active: true, deliver: async () => true };
    let wake: (() => void) | undefined;
    const waker = () => wake?.();
    this.wakers.add(waker);
    const loop = (async () => {
      while (reader.active && !this.closed) {
        const batch = this.nextBatch(reader);
        if (batch === undefined) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
          continue;
        }
        reader.positions.set(batch.key, batch.records.at(-1)!.offset + 1);
        await onRecords(batch.records);
      }
    })().catch((error: unknown) => {
      if (reader.active && !this.closed) onFailed(error instanceof Error ? error : new Error(String(error)));
    });
    const store = this;
    return {
      async close() {
        reader.active = false;
        store.wakers.delete(waker);
        waker();
        await loop.catch(() => undefined);
      },
    };
  }

  async readToEnd(topic: string, from?: PartitionOffset[]): Promise<ConsumedRecord[]> {
    const records = this.records(topic);
    if (from === undefined) return records;
    const start = new Map(from.map((p) => [p.partition, p.offset]));
    return records.filter((r) => r.offset >= (start.get(r.partition) ?? 0));
  }

  async offsets(topic: string): Promise<PartitionRange[]> {
    return (this.topics.get(topic)?.partitions ?? []).map((log, partition) => ({
      partition,
      low: 0,
      high: log.length,
    }));
  }

  async clusterId(): Promise<string> {
    return 'in-memory-cluster';
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const r of this.readers) r.active = false;
    this.readers.length = 0;
    this.wakeTails();
    await this.pumping;
  }

  /** Resolves once every processor and tail has consumed everything available. */
  async settle(): Promise<void> {
    for (;;) {
      if (this.pumping !== undefined) await this.pumping;
      else if (this.hasPending()) await this.pump();
      else return;
    }
  }

  private async settleReader(): Promise<void> {
    if (this.pumping !== undefined) await this.pumping;
  }

  private hasPending(): boolean {
    return this.readers.some((r) => r.active && this.nextBatch(r) !== undefined);
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.pumping !== undefined) {
      this.again = true;
      return;
    }
    this.pumping = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.pump());
  }

  private nextBatch(r: Reader): { key: string; records: ConsumedRecord[] } | undefined {
    for (const name of r.topics) {
      const t = this.topics.get(name);
      if (t === undefined) continue;
      for (let p = 0; p < t.partitions.length; p++) {
        const key = `${name}/${p}`;
        const log = t.partitions[p]!;
        const pos = r.positions.get(key) ?? (r.from === 'earliest' ? 0 : log.length);
        if (!r.positions.has(key)) r.positions.set(key, pos);
        if (pos < log.length) return { key, records: log.slice(pos, pos + this.batchSize) };
      }
    }
    return undefined;
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        this.again = false;
        let progressed = false;
        for (const r of [...this.readers]) {
          for (;;) {
            if (!r.active) break;
            const batch = this.nextBatch(r);
            if (batch === undefined) break;
            const ok = await r.deliver(batch.records);
            if (!ok) break;
            const last = batch.records.at(-1)!;
            r.positions.set(batch.key, last.offset + 1);
            progressed = true;
          }
        }
        if (!progressed && !this.again) break;
      }
    } finally {
      this.pumping = undefined;
    }
  }
}
