import type { ExecutionResult } from '../graphql-js.js';
import type { FanOutMember, MemberHub } from './fan-out-member.js';
import { SharedResult } from './shared-frames.js';
import { payloadBytes } from './shared-payload.js';

/**
 * Every graphql-ws subscription of one operation (same document, operation name and variables) in
 * one server: the operation runs once per change and its `next` frame is written to every socket
 * from one loop — no promise chain, no graphql-ws message and no `ws` framing per subscriber.
 *
 * Each member keeps its own subscription source (so it is opened, validated, counted and closed
 * as before), but only one — the leader's — is pulled; live sources of one operation yield the
 * same states, so when the leader leaves the next member's source takes over (its first state,
 * the current one, is skipped if already sent). A late member gets the latest result at once.
 */
export class FanOutHub implements MemberHub {
  latest: SharedResult | undefined;
  private readonly members = new Set<FanOutMember>();
  private readonly ids = new Map<string, number>();
  private leader: FanOutMember | undefined;
  private readonly onEmpty: () => void;

  constructor(onEmpty: () => void) {
    this.onEmpty = onEmpty;
  }

  has(member: FanOutMember): boolean {
    return this.members.has(member);
  }

  sharesId(id: string): boolean {
    return (this.ids.get(id) ?? 0) > 1;
  }

  /** Adds a member: it gets the latest result now (if any) and every later one. */
  join(member: FanOutMember): void {
    this.members.add(member);
    this.ids.set(member.id, (this.ids.get(member.id) ?? 0) + 1);
    if (!this.leader) this.lead(member);
    else if (this.latest) member.deliver(this.latest);
  }

  /** Removes a member (graphql-ws returned its iterator); resolves when its source is closed. */
  leave(member: FanOutMember): Promise<void> {
    if (!this.members.delete(member)) return Promise.resolve();
    const count = (this.ids.get(member.id) ?? 1) - 1;
    if (count > 0) this.ids.set(member.id, count);
    else this.ids.delete(member.id);
    member.end();
    if (this.leader === member) {
      this.leader = undefined;
      const next = this.members.values().next();
      if (!next.done) this.lead(next.value);
    }
    if (this.members.size === 0) this.onEmpty();
    return closeSource(member);
  }

  private lead(member: FanOutMember): void {
    this.leader = member;
    this.pump(member).catch((error: unknown) => {
      if (this.leader === member) this.stop(error);
    });
  }

  /** Pulls the leader's source while it leads: one execution and one broadcast per new state. */
  private async pump(member: FanOutMember): Promise<void> {
    while (this.leader === member) {
      const step = await member.source.next();
      if (this.leader !== member) return;
      if (step.done) return this.stop();
      const result: ExecutionResult = await member.run(step.value);
      if (this.leader !== member) return;
      const body = payloadBytes(result);
      if (this.latest?.body.equals(body)) continue;
      const latest = new SharedResult((this.latest?.seq ?? 0) + 1, body);
      this.latest = latest;
      for (const each of this.members) each.deliver(latest);
    }
  }

  /** The source ended (`error` undefined: every subscription completes) or failed (each gets the error). */
  private stop(error?: unknown): void {
    const members = [...this.members];
    this.leader = undefined;
    this.members.clear();
    this.ids.clear();
    this.onEmpty();
    for (const member of members) {
      member.end(error);
      void closeSource(member);
    }
  }
}

/** Closes a member's subscription source (closing never fails the hub). */
function closeSource(member: FanOutMember): Promise<void> {
  return Promise.resolve()
    .then(async () => {
      await member.source.return?.();
    })
    .catch(() => undefined);
}
