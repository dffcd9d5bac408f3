import { describe, expect, it } from 'vitest';
import { NULL_TYPE, type SqlType, T } from '../types.js';
import { Decimal } from '../values.js';
import './index.js';
import { callOf } from './test-support.js';

const POINTS = [T.DOUBLE, T.DOUBLE, T.DOUBLE, T.DOUBLE];
const PALO_ALTO_LONDON = [37.4439, -122.1663, 51.5257, -0.1122];

describe('GEO_DISTANCE', () => {
  it.each([
    [undefined, 8634.659796579544],
    ['KM', 8634.659796579544],
    [' kilometres ', 8634.659796579544],
    [null, 8634.659796579544],
    ['', 8634.659796579544],
    ['MI', 5365.659729188262],
    ['Miles', 5365.659729188262],
  ])('in unit %j', (unit, expected) => {
    const call =
      unit === undefined ? callOf('geo_distance', ...POINTS) : callOf('geo_distance', ...POINTS, T.STRING);
    expect(call.returnType).toEqual(T.DOUBLE);
    const args = unit === undefined ? PALO_ALTO_LONDON : [...PALO_ALTO_LONDON, unit];
    expect(call.run(...args)).toBeCloseTo(expected, 9);
  });

  it('is null for a null coordinate, with or without a unit', () => {
    expect(callOf('geo_distance', ...POINTS).run(null, 0, 0, 0)).toBeNull();
    expect(callOf('geo_distance', ...POINTS, T.STRING).run(0, 0, null, 0, 'mi')).toBeNull();
  });

  it('refuses coordinates out of range and unknown units', () => {
    const call = callOf('geo_distance', ...POINTS, T.STRING);
    expect(() => call.run(91, 0, 0, 0, 'km')).toThrow(/latitude values .* -90 to 90/);
    expect(() => call.run(0, 0, 0, -180.5, 'km')).toThrow(/longitude values .* -180 to \+180/);
    expect(() => call.run(0, 0, 0, 0, 'parsecs')).toThrow(
      'GeoDistance function units parameter must be one of mi, mile, miles, km, kilometer, kilometers, kilometre or kilometres. Values are case-insensitive.',
    );
  });

  it('takes INT, BIGINT and DECIMAL coordinates by implicit cast, but no strings', () => {
    const dec: SqlType = { kind: 'DECIMAL', precision: 3, scale: 1 };
    const call = callOf('geo_distance', T.DOUBLE, T.DOUBLE, dec, T.INTEGER);
    expect(call.run(37.4439, -122.1663, Decimal.parse('51.0'), 0)).toBeCloseTo(8682.459061368269, 9);
    expect(callOf('geo_distance', T.DOUBLE, T.DOUBLE, T.BIGINT, NULL_TYPE).returnType).toEqual(T.DOUBLE);
    expect(() => callOf('geo_distance', T.DOUBLE, T.DOUBLE, [T.STRING, 'literal'], T.INTEGER)).toThrow(
      "Function 'geo_distance' does not accept parameters",
    );
  });
});
