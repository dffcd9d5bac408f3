/** TIMESTAMP/DATE/TIME text forms used by REST rows and CAST to STRING. */
export function timestampText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23);
}
export function dateText(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}
export function timeText(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}
