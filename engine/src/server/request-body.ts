import { KsqlError } from '../errors.js';
import { badRequest } from './errors.js';
import { type Request, readBody } from './http.js';

/**
 * Reads a JSON object body of at most `maxBytes` (413 / 41300 beyond); anything but a JSON object
 * is 400 / 40000 `Invalid JSON in request: ...`.
 */
export async function readJsonObject(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readBody(request, maxBytes);
  } catch (error) {
    if (error instanceof KsqlError) throw error;
    throw badRequest(`Invalid JSON in request: ${(error as Error).message}`);
  }
  return parseJsonObject(text);
}

export function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest(`Invalid JSON in request: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(`Invalid JSON in request: expected a JSON object, found ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/** An optional map field (`streamsProperties`, `sessionVariables`, ...). */
export function optionalMap(
  body: Record<string, unknown>,
  name: string,
): Record<string, unknown> | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(`Invalid JSON in request: '${name}' must be an object, found ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}
