/**
 * Java's `Double.toString`: plain notation with at least one fractional digit for
 * 1e-3 ≤ |d| < 1e7 (`10.0`, `0.5`), otherwise `d.dddE±n` (`1.0E7`, `1.5E-4`). JSON writers of
 * ksqlDB (Jackson) render DOUBLE this way, so topics and REST rows must too.
 */
export function javaDouble(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Number.POSITIVE_INFINITY) return 'Infinity';
  if (d === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  // One significant digit in JavaScript's shortest form: Java prints two (a fractional digit is
  // required), the nearest such — Double.MIN_VALUE is 4.9E-324, not 5.0E-324.
  let [m = '', e = '0'] = abs.toExponential().split('e');
  if (!m.includes('.')) [m = '', e = '0'] = abs.toExponential(1).split('e');
  return `${d < 0 ? '-' : ''}${m}E${Number(e)}`;
}
