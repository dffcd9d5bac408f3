import { KsqlClientError } from '../errors.js';
import { parseLossless, stringifyLossless } from '../json/lossless.js';
import { createLineSplitter } from './framing/lines.js';
import type { Transport } from './transport.js';
import type { InsertAck, KsqlClient } from './types.js';

/**
 * POST /inserts-stream (HTTP/2 only on ksqlDB): a newline-delimited body — the args line
 * `{"target":...,"properties":{}}`, then one JSON object per row — answered by one ack line per
 * row committed to Kafka (`{"status":"ok","seq":n}`, possibly out of order) or an error line that
 * ends the response. Resolves with the acks in `seq` order once every row is acknowledged.
 */
export function createInserter(transport: Transport): KsqlClient['insert'] {
  return async (target, rows, options = {}) => {
    const lines = [stringifyLossless({ target, properties: options.properties ?? {} })];
    for (const row of rows) lines.push(stringifyLossless(row));
    const response = await transport.send({
      method: 'POST',
      path: '/inserts-stream',
      accept: 'application/vnd.ksqlapi.delimited.v1',
      body: `${lines.join('\n')}\n`,
      signal: options.signal,
      idempotent: false,
    });
    const splitter = createLineSplitter();
    const decoder = new TextDecoder();
    const acks: InsertAck[] = [];
    const handle = (line: string) => {
      const reply = parseLossless(line) as Record<string, unknown>;
      if (reply['status'] === 'ok') {
        acks.push({ seq: Number(reply['seq']) });
        return;
      }
      const seq = reply['seq'] === undefined ? '' : ` (row ${Number(reply['seq'])})`;
      throw new KsqlClientError(`insert into ${target} failed${seq}: ${String(reply['message'] ?? line)}`, {
        status: 200,
        errorCode: Number(reply['error_code'] ?? 50000),
      });
    };
    for await (const chunk of response.body) {
      for (const line of splitter.push(decoder.decode(chunk as Buffer, { stream: true }))) handle(line);
    }
    for (const line of splitter.push(decoder.decode())) handle(line);
    for (const line of splitter.end()) handle(line);
    if (acks.length !== rows.length) {
      throw new KsqlClientError(
        `insert into ${target}: expected ${rows.length} acknowledgements, found ${acks.length}`,
        { status: 200, errorCode: 0, code: 'KSQL_PROTOCOL' },
      );
    }
    return acks.sort((a, b) => a.seq - b.seq);
  };
}
