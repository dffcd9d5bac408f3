import { describe, expect, it } from 'vitest';
import { negotiate } from './accept.js';

const produces = [
  'application/vnd.ksqlapi.delimited.v1',
  'application/json',
  'application/vnd.ksql.v1+json',
] as const;

describe('negotiate', () => {
  it('gives the default when no Accept header is sent', () => {
    expect(negotiate(undefined, produces, 'application/json')).toBe('application/json');
  });
  it('resolves a wildcard to the first type the route lists', () => {
    expect(negotiate('*/*', produces, 'application/json')).toBe('application/vnd.ksqlapi.delimited.v1');
  });
  it('prefers the highest quality, then the client order, ignoring parameters', () => {
    expect(
      negotiate('application/json;q=0.5, application/vnd.ksql.v1+json', produces, 'application/json'),
    ).toBe('application/vnd.ksql.v1+json');
    expect(negotiate('text/html, application/json; charset=utf-8', produces, 'application/json')).toBe(
      'application/json',
    );
  });
  it('finds nothing (→ 406) when no listed type is acceptable', () => {
    expect(negotiate('text/html', produces, 'application/json')).toBeUndefined();
  });
});
