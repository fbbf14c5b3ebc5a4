/** One figure in the `npm run bench` table. */
export interface BenchRow {
  /** The table section, e.g. "size" or "token endpoint". */
  group: string;
  name: string;
  value: number;
  unit: string;
  /** Free text shown beside the figure: a baseline, a ratio, a note. */
  detail?: string;
  /** A budget this figure must keep; a broken budget makes `npm run bench` exit non-zero. */
  budget?: { max?: number; min?: number; label: string };
}

/** A benchmark module: `bench/*.bench.ts`, default-exporting one of these. */
export type Bench = () => Promise<BenchRow[]>;

export function withinBudget(row: BenchRow): boolean {
  if (!row.budget) return true;
  if (row.budget.max !== undefined && row.value > row.budget.max) return false;
  if (row.budget.min !== undefined && row.value < row.budget.min) return false;
  return true;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}
