/**
 * How busy polling stations are over an election day (7:00 to 20:00, as a fraction 0 → 1 of the
 * day): a morning rush before work, a lull at midday, and the evening peak after work — the shape
 * reported turnout takes by the hour. Piecewise linear, scaled so its mean over the day is 1: a
 * vote rate times the curve keeps that rate on average.
 */
const points: [number, number][] = [
  [0, 0.6],
  [0.12, 1.5],
  [0.3, 0.9],
  [0.5, 0.65],
  [0.7, 1],
  [0.85, 1.6],
  [1, 0.7],
];

function raw(x: number): number {
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x0, y0] = points[i - 1]!;
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return points[points.length - 1]![1];
}

/** The mean of the piecewise-linear curve: the trapezoids' area. */
const mean = points.slice(1).reduce((area, [x1, y1], i) => {
  const [x0, y0] = points[i]!;
  return area + ((y0 + y1) / 2) * (x1 - x0);
}, 0);

/** Relative intensity of voting at `x` (0 = polls open, 1 = polls close; outside: wraps); mean 1. */
export function turnoutCurve(x: number): number {
  const wrapped = x - Math.floor(x);
  return raw(wrapped) / mean;
}
