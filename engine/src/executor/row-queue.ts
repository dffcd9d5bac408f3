/**
 * A bounded async queue between a query's producer (a tail callback) and the server reading rows:
 * `push` waits while the queue is full, so a slow client slows the query instead of growing memory.
 */
export class RowQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private ended = false;
  private failure: Error | undefined;
  private wakeReader: (() => void) | undefined;
  private wakeWriters: (() => void)[] = [];

  constructor(private readonly highWaterMark = 1000) {}

  async push(item: T): Promise<void> {
    while (this.items.length >= this.highWaterMark && !this.ended) {
      await new Promise<void>((resolve) => this.wakeWriters.push(resolve));
    }
    if (this.ended) return;
    this.items.push(item);
    this.wakeReader?.();
  }

  end(error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = error;
    this.wakeReader?.();
    for (const w of this.wakeWriters.splice(0)) w();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.items.length > 0) {
        const item = this.items.shift()!;
        const w = this.wakeWriters.shift();
        w?.();
        yield item;
        continue;
      }
      if (this.ended) {
        if (this.failure !== undefined) throw this.failure;
        return;
      }
      await new Promise<void>((resolve) => {
        this.wakeReader = resolve;
      });
      this.wakeReader = undefined;
    }
  }
}
