/** Small statistics for benchmark figures (nothing here asserts anything). */

export function sorted(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Nearest-rank percentile (p in 0..100) of already sorted values; NaN when empty. */
export function percentileOfSorted(s: number[], p: number): number {
  if (s.length === 0) {
    return Number.NaN;
  }
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank] as number;
}

export function median(values: number[]): number {
  const s = sorted(values);
  if (s.length === 0) {
    return Number.NaN;
  }
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Median and range of repeated measurements. */
export type Spread = { median: number; min: number; max: number; n: number; values: number[] };

export function spread(values: number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length, values };
}

export type Percentiles = { p50: number; p99: number; max: number; n: number };

export function percentiles(values: number[]): Percentiles {
  const s = sorted(values);
  return { p50: percentileOfSorted(s, 50), p99: percentileOfSorted(s, 99), max: s.length ? (s[s.length - 1] as number) : Number.NaN, n: s.length };
}

/** H = S·K/(S+K): the ceiling when the sink and source stages share the same cores. */
export function harmonicCeiling(s: number, k: number): number {
  return (s * k) / (s + k);
}
