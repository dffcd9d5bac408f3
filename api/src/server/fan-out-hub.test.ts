import type { AddressInfo } from 'node:net';
import { eventually } from '@tally/testkit';
import { MessageType, stringifyMessage } from 'graphql-ws';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { coalesce } from '../live/coalesce.js';
import { FanOutHub } from './fan-out-hub.js';
import { FanOutMember } from './fan-out-member.js';

let state = { n: 0, text: 'x'.repeat(2_000) };
const listeners = new Set<() => void>();
const signal = {
  onChange: (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

const hub = new FanOutHub(() => undefined);
// permessage-deflate offered: sockets that negotiate it are written through `ws`, the others directly
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: { threshold: 0 } });
wss.on('connection', (socket, request) => {
  socket.once('message', (id) => {
    const member = new FanOutMember(
      { socket, raw: request.socket, id: String(id) },
      coalesce(signal, () => state),
      (event) => ({ data: { tick: event as Record<string, unknown> } }),
      hub,
      (left) => hub.leave(left),
    );
    socket.once('close', () => void member.iterator.return?.());
    hub.join(member);
  });
});

afterAll(() => new Promise((resolve) => wss.close(resolve)));

describe('FanOutHub', () => {
  it('writes the same messages to sockets with and without permessage-deflate', async () => {
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    const clients = [true, false, true].map((deflate, i) => {
      const socket = new WebSocket(url, { perMessageDeflate: deflate });
      const received: string[] = [];
      socket.on('message', (data) => received.push(String(data)));
      socket.once('open', () => socket.send(`id-${i}`));
      return { socket, received, id: `id-${i}` };
    });
    await eventually(() => expect(clients.every((client) => client.received.length === 1)).toBe(true));
    expect(clients.map((client) => client.socket.extensions)).toEqual([
      'permessage-deflate',
      '',
      'permessage-deflate',
    ]);
    for (let n = 1; n <= 3; n++) {
      state = { ...state, n };
      for (const listener of listeners) listener();
      await eventually(() => expect(clients.every((client) => client.received.length === n + 1)).toBe(true));
    }
    for (const client of clients)
      expect(client.received).toEqual(
        [0, 1, 2, 3].map((n) =>
          stringifyMessage({
            id: client.id,
            type: MessageType.Next,
            payload: { data: { tick: { n, text: state.text } } },
          }),
        ),
      );
    await Promise.all(
      clients.map(({ socket }) => {
        socket.close();
        return new Promise((resolve) => socket.once('close', resolve));
      }),
    );
    await eventually(() => expect(listeners.size).toBe(0)); // every source closed
  });
});
