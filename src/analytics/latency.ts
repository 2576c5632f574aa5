/** Answer latency is rolled up in buckets 10 % wide (1 ms, 1.1 ms, 1.21 ms …): percentiles come out within 10 %. */
const STEP = Math.log(1.1);

export function latencyBucket(ms: number): number {
  return ms <= 1 ? 0 : Math.ceil(Math.log(ms) / STEP);
}

/** The upper bound of a bucket, in milliseconds. */
export function bucketCeiling(bucket: number): number {
  return Math.round(Math.exp(bucket * STEP) * 10) / 10;
}

/** The p-th percentile (0–1) of a bucket histogram, as the bucket's upper bound; null when empty. */
export function percentile(histogram: Map<number, number>, p: number): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket) ?? 0;
    if (seen >= rank) return bucketCeiling(bucket);
  }
  return null;
}
