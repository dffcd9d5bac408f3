import { createServer as createHttp1Server, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  createServer as createHttp2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type Http2Session,
} from 'node:http2';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';

/** The client preface of HTTP/2 with prior knowledge (h2c). */
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export type RequestListener = (
  request: IncomingMessage | Http2ServerRequest,
  response: ServerResponse | Http2ServerResponse,
) => void;

/** One TCP port serving HTTP/1.1 and cleartext HTTP/2, as ksqlDB does on :8088. */
export interface DualProtocolListener {
  server: Server;
  /** TCP connections open now (either protocol). */
  connections(): number;
  /** Stops accepting, lets open exchanges finish for `graceMs`, then destroys what is left. */
  close(graceMs: number): Promise<void>;
}

/**
 * Node's `http2.createServer({ allowHTTP1 })` only falls back to HTTP/1.1 over TLS, so this reads
 * the first bytes of each connection, puts them back (`unshift`) and hands the socket to the HTTP/2
 * server when they are the h2c preface, to the HTTP/1.1 server otherwise (platform-facts.md).
 */
export function createDualProtocolListener(onRequest: RequestListener): DualProtocolListener {
  const http1 = createHttp1Server(onRequest);
  // Push queries and insert streams are long-lived: no request timeout on our side.
  http1.requestTimeout = 0;
  const http2 = createHttp2Server({}, onRequest);
  const sockets = new Set<Socket>();
  const sessions = new Set<Http2Session>();
  http2.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });

  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // 'readable' + read() + unshift keeps the socket paused, so the chosen server sees every byte.
    const sniff = () => {
      const seen = socket.read() as Buffer | null;
      if (seen === null) {
        socket.once('readable', sniff);
        return;
      }
      const compared = Math.min(seen.length, PREFACE.length);
      const isPrefix = seen.subarray(0, compared).equals(PREFACE.subarray(0, compared));
      socket.unshift(seen);
      if (isPrefix && seen.length < PREFACE.length) {
        socket.once('readable', sniff); // wait for the rest of the preface
        return;
      }
      (isPrefix ? http2 : http1).emit('connection', socket);
    };
    socket.once('readable', sniff);
    socket.on('error', () => socket.destroy());
  });

  return {
    server,
    connections: () => sockets.size,
    close: async (graceMs) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of sessions) session.close();
      http1.closeIdleConnections();
      const timer = setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, graceMs);
      timer.unref();
      await closed;
      clearTimeout(timer);
    },
  };
}
