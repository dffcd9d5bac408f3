/** A seeded source of uniform numbers in [0, 1). */
export type Random = () => number;

/** murmur3's 32-bit finaliser: a bijection on 32-bit integers that scrambles every bit. */
export function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a over a string's UTF-16 code units, finalised: a stable 32-bit hash of `text`. */
export function hashString(text: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/**
 * splitmix32: a tiny, fast generator that passes the usual statistical tests, seeded by one
 * 32-bit number. Each voter gets its own stream, so voter `i` depends only on (seed, i).
 */
export function createRandom(seed: number): Random {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    return mix32(state) / 4294967296;
  };
}

/** A uniform integer in [min, max] (both included). */
export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A uniformly chosen element of a non-empty array. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Cumulative weights for `pickWeighted` (weights need not sum to 1). */
export function cumulative(weights: readonly number[]): Float64Array {
  const sums = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i]!;
    sums[i] = total;
  }
  return sums;
}

/** Index chosen with probability proportional to its weight, given `cumulative(weights)`. */
export function pickWeighted(sums: Float64Array, u: number): number {
  const target = u * sums[sums.length - 1]!;
  let lo = 0;
  let hi = sums.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sums[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
