import { setTimeout as delay } from 'node:timers/promises';
import { ErrorCodes } from '../errors.js';
import type { KsqlEngine } from '../executor/engine.js';
import { genericError } from './errors.js';

/** An engine that tells how far its command topic has been applied (optional capability). */
interface SequencedEngine {
  lastCommandSequenceNumber(): number;
}

/**
 * `/ksql`'s `commandSequenceNumber`: waits until the engine has applied the command topic up to
 * `sequence`, or answers 503/50301 after `timeoutMs` (ksqlDB's `ksql.server.command.response.timeout.ms`).
 * An engine that does not report its position applies each command before acknowledging it (one
 * node, synchronous), so every number a client holds is already applied: nothing to wait for.
 */
export async function waitForCommandSequence(
  engine: KsqlEngine,
  sequence: number,
  timeoutMs = 5_000,
): Promise<void> {
  const sequenced = engine as Partial<SequencedEngine>;
  if (typeof sequenced.lastCommandSequenceNumber !== 'function') return;
  const deadline = Date.now() + timeoutMs;
  while (sequenced.lastCommandSequenceNumber() < sequence) {
    if (Date.now() >= deadline) {
      throw genericError(
        503,
        ErrorCodes.COMMAND_SEQUENCE_TIMEOUT,
        `Timed out while waiting for a previous command to execute. command sequence number: ${sequence}`,
      );
    }
    await delay(20);
  }
}
