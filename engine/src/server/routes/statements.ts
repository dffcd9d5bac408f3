import { negotiate } from '../accept.js';
import { waitForCommandSequence } from '../command-sequence.js';
import type { Route } from '../context.js';
import { missingField } from '../errors.js';
import { MediaTypes, sendJson, sendText } from '../http.js';
import { checkStatementLength } from '../limits.js';
import { optionalMap, readJsonObject } from '../request-body.js';

/**
 * `POST /ksql`: DDL/DML and admin statements → a JSON array of entities. The engine parses,
 * validates the whole request in a sandbox, executes, and waits for `commandSequenceNumber`.
 * The response type is always `application/json`, whatever was accepted (as ksqlDB does).
 */
export const ksqlRoute: Route = {
  method: 'POST',
  path: '/ksql',
  endpoint: '/ksql',
  handle: async (request, response, { engine, commandTimeoutMs, limits }) => {
    if (!negotiate(request.headers.accept, [MediaTypes.v1, MediaTypes.json], MediaTypes.json)) {
      sendText(response, 406, 'Not Acceptable');
      return;
    }
    const body = await readJsonObject(request, limits.maxRequestBytes);
    if (typeof body['ksql'] !== 'string') throw missingField('ksql');
    checkStatementLength(body['ksql'], limits);
    const streamsProperties = optionalMap(body, 'streamsProperties');
    const sessionVariables = optionalMap(body, 'sessionVariables');
    const sequence = body['commandSequenceNumber'];
    if (typeof sequence === 'number') await waitForCommandSequence(engine, sequence, commandTimeoutMs);
    const entities = await engine.execute({
      ksql: body['ksql'],
      ...(streamsProperties ? { streamsProperties } : {}),
      ...(sessionVariables ? { sessionVariables } : {}),
      ...(typeof sequence === 'number' ? { commandSequenceNumber: sequence } : {}),
    });
    sendJson(response, 200, entities);
  },
};
