import type { Logger } from '@tally/common';

/** Probes left waiting after their timeout at most at once; no new probe starts beyond. */
const MAX_ABANDONED = 3;

/** Options of `watchKafkaHealth`. */
export interface KafkaHealthOptions {
  /** One cheap round trip to the brokers (the admin client's cluster metadata); rejects when down. */
  probe: () => Promise<unknown>;
  /** Time between probes (ENGINE_HEALTH_PROBE_INTERVAL_MS). */
  intervalMs: number;
  /** A probe without an answer by then counts as down (ENGINE_HEALTH_PROBE_TIMEOUT_MS). */
  timeoutMs: number;
  logger: Logger;
}

/** The brokers' health as last probed: what `/healthcheck` reports as `details.kafka`. */
export interface KafkaHealth {
  isHealthy(): boolean;
  /** Why the last probe failed (undefined while healthy). */
  reason(): string | undefined;
  /** Stops probing. */
  close(): void;
}

/**
 * Probes the brokers in the background and caches the answer, so `/healthcheck` costs nothing per
 * request and a health checker polling it cannot load the brokers. One probe at a time; a probe
 * without an answer after `timeoutMs` counts as down and is abandoned (its late answer ignored),
 * so a client stuck retrying a dead broker does not hide its return — at most `MAX_ABANDONED` such
 * probes wait at once. Unhealthy until the first probe answers. Transitions are logged.
 */
export function watchKafkaHealth(options: KafkaHealthOptions): KafkaHealth {
  const { logger } = options;
  let healthy = false;
  let reason: string | undefined = 'not probed yet';
  let inFlight = false;
  let abandoned = 0;
  let closed = false;
  let probes = 0;

  const set = (up: boolean, why?: string) => {
    if (up !== healthy) {
      if (up) logger.info('kafka: brokers answer again (healthcheck healthy)');
      else logger.warn({ reason: why }, 'kafka: brokers do not answer (healthcheck unhealthy)');
    }
    healthy = up;
    reason = up ? undefined : why;
  };

  const run = () => {
    if (closed || inFlight || abandoned >= MAX_ABANDONED) return;
    inFlight = true;
    const probe = ++probes;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abandoned++;
      inFlight = false;
      set(false, `no answer within ${options.timeoutMs} ms`);
    }, options.timeoutMs);
    timer.unref();
    Promise.resolve()
      .then(options.probe)
      .then(
        () => !timedOut && probe === probes && set(true),
        (error: unknown) =>
          !timedOut && probe === probes && set(false, error instanceof Error ? error.message : String(error)),
      )
      .finally(() => {
        clearTimeout(timer);
        if (timedOut) abandoned--;
        else inFlight = false;
      });
  };

  run();
  const interval = setInterval(run, options.intervalMs);
  interval.unref();
  return {
    isHealthy: () => healthy,
    reason: () => reason,
    close: () => {
      closed = true;
      clearInterval(interval);
    },
  };
}
