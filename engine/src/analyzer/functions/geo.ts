/**
 * Geographic functions (ksqlDB's function reference): GEO_DISTANCE, the great-circle distance
 * between two (latitude, longitude) points in decimal degrees by the haversine formula, in
 * kilometres or, with a unit argument, miles. Coordinates out of range are an error (a processing
 * log entry and a null result); a null or blank unit means kilometres.
 */
import { type ScalarFunctionSpec, scalar } from './function-spec.js';

const EARTH_RADIUS_KM = 6371;
const EARTH_RADIUS_MILES = 3959;
const MILES = ['mi', 'mile', 'miles'];
const KILOMETRES = ['km', 'kilometer', 'kilometers', 'kilometre', 'kilometres'];
const UNIT_NAMES = [...MILES, ...KILOMETRES];
const VALID_UNITS = `one of ${UNIT_NAMES.slice(0, -1).join(', ')} or ${UNIT_NAMES.at(-1)}`;
const DEGREES_TO_RADIANS = 0.017453292519943295;

function earthRadius(units: string | null): number {
  const unit = units?.trim().toLowerCase() ?? '';
  if (unit === '' || KILOMETRES.includes(unit)) return EARTH_RADIUS_KM;
  if (MILES.includes(unit)) return EARTH_RADIUS_MILES;
  throw new Error(
    `GeoDistance function units parameter must be ${VALID_UNITS}. Values are case-insensitive.`,
  );
}

const haversin = (x: number): number => Math.sin(x / 2) ** 2;

/** The haversine distance between two points, in units of `radius`. */
export function geoDistance(lat1: number, lon1: number, lat2: number, lon2: number, radius: number): number {
  if (lat1 < -90 || lat2 < -90 || lat1 > 90 || lat2 > 90)
    throw new Error(
      'valid latitude values for GeoDistance function are in the range of -90 to 90 decimal degrees',
    );
  if (lon1 < -180 || lon2 < -180 || lon1 > 180 || lon2 > 180)
    throw new Error(
      'valid longitude values for GeoDistance function are in the range of -180 to +180 decimal degrees',
    );
  const a =
    haversin((lat2 - lat1) * DEGREES_TO_RADIANS) +
    haversin((lon2 - lon1) * DEGREES_TO_RADIANS) *
      Math.cos(lat1 * DEGREES_TO_RADIANS) *
      Math.cos(lat2 * DEGREES_TO_RADIANS);
  return 2 * Math.asin(Math.sqrt(a)) * radius;
}

const POINTS = ['DOUBLE lat1', 'DOUBLE lon1', 'DOUBLE lat2', 'DOUBLE lon2'];

export const geoFunctions: ScalarFunctionSpec[] = [
  scalar(
    'geo_distance',
    // ksqlDB declares no category for it, so SHOW FUNCTIONS lists it under OTHER.
    'OTHER',
    'Compute the distance between two points on the surface of the earth, according to the Haversine formula for "great circle distance".',
    [
      {
        params: [...POINTS, 'STRING units'],
        returns: 'DOUBLE',
        // A null unit means kilometres; a null coordinate still gives null.
        nullTolerant: true,
        impl: ([lat1, lon1, lat2, lon2, units]) =>
          lat1 === null || lon1 === null || lat2 === null || lon2 === null
            ? null
            : geoDistance(
                lat1 as number,
                lon1 as number,
                lat2 as number,
                lon2 as number,
                earthRadius(units as string | null),
              ),
      },
      {
        params: POINTS,
        returns: 'DOUBLE',
        impl: ([lat1, lon1, lat2, lon2]) =>
          geoDistance(lat1 as number, lon1 as number, lat2 as number, lon2 as number, EARTH_RADIUS_KM),
      },
    ],
  ),
];
