/**
 * ksqlDB's reading of a partial ISO timestamp where a string stands for ROWTIME or a window bound
 * (`WHERE ROWTIME > '2018-01'`): the parts left out are completed from 1970-01-01T00:00:00.000, a
 * trailing `+hhmm` / `-hhmm` names the offset (UTC otherwise).
 */
import { zoneOf } from './joda.js';
import { parseTimestamp } from './timestamp-parser.js';

const PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSS";
const DATE_TEMPLATE = '1970-01-01';
const TIME_TEMPLATE = '00:00:00.000';

const complete = (text: string, template: string) =>
  text.length >= template.length ? text : text + template.slice(text.length);

/** Epoch millis of `2018`, `2018-01-01T10`, `2019-01-01T00:00:00+0445`…; throws ksqlDB's error otherwise. */
export function parsePartialTimestamp(text: string): number {
  const t = text.indexOf('T');
  const date = complete(t < 0 ? text : text.slice(0, t), DATE_TEMPLATE);
  const rest = t < 0 ? '' : text.slice(t + 1);
  const sign = rest.search(/[+-]/);
  const zone = sign < 0 ? '' : rest.slice(sign);
  const time = complete((sign < 0 ? rest : rest.slice(0, sign)).replace(/Z$/, ''), TIME_TEMPLATE);
  try {
    return parseTimestamp(`${date}T${time}`, PATTERN, zone === '' ? undefined : zoneOf(zone));
  } catch (e) {
    throw new Error(
      `Failed to parse timestamp '${text}': ${(e as Error).message}. Required format is: "${PATTERN}", with an optional numeric 4-digit timezone, for example: '2020-05-26T23:59:58.000+0200'.`,
      { cause: e },
    );
  }
}
