/*
 * graphql-ws `next` messages as ready-to-write WebSocket frames (RFC 6455 §5.2): an unmasked server
 * text frame whose payload is `{"id":<id>,"type":"next","payload":<body>}` — byte for byte what
 * graphql-ws's `stringifyMessage` writes, with the body serialized once per result
 * (`payloadBytes`) and only the short id-bearing prefix per subscription.
 */

const FIN_TEXT = 0x81; // FIN bit + opcode 1 (text)
const CLOSE = Buffer.from('}');

/** `{"id":<id>,"type":"next","payload":` as UTF-8: the part of a `next` message before its payload. */
export function nextPrefix(id: string): Buffer {
  return Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
}

/** Bytes of the frame header for a payload of `length` bytes (2, 4 or 10). */
function headerLength(length: number): number {
  return length < 126 ? 2 : length < 65_536 ? 4 : 10;
}

function writeHeader(target: Buffer, length: number): number {
  target[0] = FIN_TEXT;
  if (length < 126) {
    target[1] = length;
    return 2;
  }
  if (length < 65_536) {
    target[1] = 126;
    target.writeUInt16BE(length, 2);
    return 4;
  }
  target[1] = 127;
  target.writeUInt16BE(0, 2);
  target.writeUIntBE(length, 4, 6);
  return 10;
}

/** The whole frame of the `next` message with `prefix` (`nextPrefix`) and payload `body`, in one buffer. */
export function nextFrame(prefix: Buffer, body: Buffer): Buffer {
  const length = prefix.length + body.length + 1;
  const frame = Buffer.allocUnsafe(headerLength(length) + length);
  let offset = writeHeader(frame, length);
  offset += prefix.copy(frame, offset);
  offset += body.copy(frame, offset);
  frame[offset] = CLOSE[0]!;
  return frame;
}

/**
 * The frame's head (header + `prefix`) for a payload `body` of `bodyLength` bytes: written before
 * the shared `closedBody(body)` (one writev), so a large payload is not copied per subscriber.
 */
export function nextFrameHead(prefix: Buffer, bodyLength: number): Buffer {
  const length = prefix.length + bodyLength + 1;
  const head = Buffer.allocUnsafe(headerLength(length) + prefix.length);
  prefix.copy(head, writeHeader(head, length));
  return head;
}

/** `body` followed by the message's closing `}`: the shared tail of every frame of one result. */
export function closedBody(body: Buffer): Buffer {
  return Buffer.concat([body, CLOSE]);
}

/** The `next` message itself (no frame header), for sockets written through `ws`. */
export function nextMessage(prefix: Buffer, body: Buffer): Buffer {
  return Buffer.concat([prefix, body, CLOSE]);
}
