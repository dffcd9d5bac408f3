/** Milliseconds per ksqlDB time unit (`SIZE 1 MINUTE`, `GRACE PERIOD 10 MINUTES`, `'1 HOUR'`). */
export const TIME_UNITS: Readonly<Record<string, number>> = {
  MILLISECOND: 1,
  MILLISECONDS: 1,
  SECOND: 1000,
  SECONDS: 1000,
  MINUTE: 60_000,
  MINUTES: 60_000,
  HOUR: 3_600_000,
  HOURS: 3_600_000,
  DAY: 86_400_000,
  DAYS: 86_400_000,
};
