// Benchmark measurements: each figure beside a baseline measured in the same run, the ratio and the goal.

export interface Measurement {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number | null;
  readonly ratio: number | null;
  /** Human-readable goal, e.g. "ratio ≤ 5" or "≤ 100 ms". */
  readonly goal: string;
  readonly met: boolean | null;
}

export function measurement(m: { name: string; value: number; unit: string; baseline?: number | null; goal: string; met?: (value: number, ratio: number | null) => boolean }): Measurement {
  const baseline = m.baseline ?? null;
  const ratio = baseline !== null && baseline !== 0 ? m.value / baseline : null;
  return { name: m.name, value: round(m.value), unit: m.unit, baseline: baseline === null ? null : round(baseline), ratio: ratio === null ? null : round(ratio), goal: m.goal, met: m.met ? m.met(m.value, ratio) : null };
}

function round(n: number): number {
  return Math.abs(n) >= 100 ? Math.round(n * 10) / 10 : Math.round(n * 1000) / 1000;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export interface Benchmark {
  readonly name: string;
  /** Too long for the default run: runs only when `--only` names it exactly. */
  readonly onlyWhenNamed?: boolean;
  run(ctx: BenchContext): Promise<Measurement[]>;
}

export interface BenchContext {
  /** A folder for fixtures kept between runs (seeded stores are slow to build). */
  readonly cacheDir: string;
  readonly workDir: string;
  readonly log: (line: string) => void;
  readonly quick: boolean;
}
