import type { Logger } from '@tally/common';
import type { WebSocket } from 'ws';

/** The close code a subscriber too slow to keep up gets (1008 Policy Violation: a server limit). */
export const SLOW_SUBSCRIBER_CLOSE = 1008;

/** How long a closed slow socket may take to finish the close handshake before it is cut. */
const TERMINATE_AFTER_MS = 1_000;

/**
 * Guards one graphql-ws socket against a client that stops reading: once more than `maxBytes` wait
 * in its send buffer (`bufferedAmount`: what `ws` and the TCP socket hold beyond the kernel), it is
 * closed with 1008 and a reason saying why, logged, counted, and terminated if the close handshake
 * cannot finish (a stalled client never reads the close frame either). Nothing more is written to
 * it. Shared subscriptions already coalesce writes to a busy socket; this bounds everything else
 * (query results, errors and pongs a client can make the server write without reading them).
 */
export interface SlowSubscriberGuard {
  /** True (and the socket closing) when the socket holds more than the limit; call before writing. */
  over(): boolean;
}

export function guardSlowSubscriber(
  socket: WebSocket,
  maxBytes: number,
  logger: Logger,
  onClosed: () => void,
): SlowSubscriberGuard {
  let closing = false;
  return {
    over() {
      if (closing) return true;
      const buffered = socket.bufferedAmount;
      if (buffered <= maxBytes) return false;
      closing = true;
      onClosed();
      logger.warn(
        {
          bufferedBytes: buffered,
          maxBytes,
          remote: (socket as { _socket?: { remoteAddress?: string } })._socket?.remoteAddress,
        },
        'graphql-ws: closing a subscriber that stopped reading',
      );
      socket.close(
        SLOW_SUBSCRIBER_CLOSE,
        `Subscriber too slow: more than ${maxBytes} bytes unsent (API_WS_MAX_BUFFERED_BYTES)`,
      );
      setTimeout(() => socket.terminate(), TERMINATE_AFTER_MS).unref();
      return true;
    },
  };
}
