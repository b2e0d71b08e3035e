// Shared bits of the benchmarks: one row per figure, printed as an aligned table.
export interface BenchRow {
  name: string;
  value: string;
  detail?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The `p` quantile (0…1) of `values`: the smallest value at least that share is not above. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

export function printRows(rows: readonly BenchRow[]): void {
  const width = Math.max(...rows.map((r) => r.name.length));
  const valueWidth = Math.max(...rows.map((r) => r.value.length));
  for (const r of rows) {
    console.log(`${r.name.padEnd(width)}  ${r.value.padStart(valueWidth)}${r.detail ? `  (${r.detail})` : ""}`);
  }
}
