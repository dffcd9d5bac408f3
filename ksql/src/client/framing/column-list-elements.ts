import { parseLossless } from '../../json/lossless.js';
import {
  headerFromColumnLists,
  isErrorObject,
  type QueryDecoder,
  type QueryEvent,
  streamError,
} from './events.js';

/** Cuts a response into element texts as chunks arrive (by lines, or by top-level array commas). */
export interface ElementSplitter {
  push(chunk: string): string[];
  end(): string[];
}

/**
 * The element grammar shared by the delimited and `application/json` formats of /query-stream: a
 * header object with column lists first, then one JSON array per row, and possibly an error
 * object. Only how the text is cut into elements differs between the two.
 */
export function createColumnListDecoder(splitter: ElementSplitter, format: string): QueryDecoder {
  let sawHeader = false;
  const decode = (text: string): QueryEvent => {
    const value = parseLossless(text);
    if (Array.isArray(value)) return { kind: 'row', raw: value, tombstone: false };
    if (isErrorObject(value)) return streamError(value);
    if (!sawHeader && value !== null && typeof value === 'object') {
      sawHeader = true;
      return headerFromColumnLists(value as Record<string, unknown>);
    }
    return streamError({ error_code: 50000, message: `Unexpected element in ${format} response: ${text}` });
  };
  return {
    push: (chunk) => splitter.push(chunk).map(decode),
    end: () => splitter.end().map(decode),
  };
}
