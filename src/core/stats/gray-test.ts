// Gray's test (Gray 1988, Ann. Stat. 16:1141) comparing the cumulative incidence of one cause among groups, with
// the score and variance cmprsk::cuminc computes (no strata, weight (1 − F(t−))^rho).

import { chiSquareUpperTail } from './chi-square';
import type { CompetingRisksObservation } from './aalen-johansen';

export interface GroupedCompetingRisksObservation extends CompetingRisksObservation {
  /** Group index 0 … groups − 1. */
  readonly group: number;
}

export interface GrayTestResult {
  /** s' V⁻¹ s, approximately χ² with groups − 1 degrees of freedom. */
  readonly statistic: number;
  readonly df: number;
  readonly p_value: number;
  /** Scores of the first groups − 1 groups (observed − expected, weighted) and their covariance matrix. */
  readonly scores: readonly number[];
  readonly variance: readonly (readonly number[])[];
}

/** Per-group state carried from one distinct time to the next (left limits at the current time). */
interface GroupState {
  atRisk: number;
  /** All-cause Kaplan–Meier, just before the current time. */
  survivalBefore: number;
  /** Cumulative incidence of the cause of interest, just before the current time. */
  cifBefore: number;
  survivalAfter: number;
}

/** Solves V x = s (V symmetric positive definite, small) by Gaussian elimination with partial pivoting. */
function solve(matrix: readonly (readonly number[])[], rhs: readonly number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((r, i) => [...r, rhs[i]!]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    if (p === 0) throw new RangeError("Gray's test: singular variance matrix");
    for (let r = col + 1; r < n; r += 1) {
      const factor = a[r]![col]! / p;
      for (let c = col; c <= n; c += 1) a[r]![c] = a[r]![c]! - factor * a[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r -= 1) {
    let sum = a[r]![n]!;
    for (let c = r + 1; c < n; c += 1) sum -= a[r]![c]! * x[c]!;
    x[r] = sum / a[r]![r]!;
  }
  return x;
}

const square = (n: number): number[][] => Array.from({ length: n }, () => new Array<number>(n).fill(0));

/**
 * Gray's K-sample test for the cumulative incidence of cause `cause` (the other non-zero status competes).
 * At each distinct time with an event, with R_k = n_k/S_k(t−) and the pooled subdistribution hazard d/ΣR:
 *   score_k += w·(d_k − d·R_k·(1 − F_k(t−))/Σ_j R_j·(1 − F_j(t−)))
 * and the variance is the martingale-based estimate of the paper's §3 with the tie corrections cmprsk applies;
 * groups that have left the risk set drop out of the sums. Needs at least two non-empty groups.
 */
export function grayTest(observations: readonly GroupedCompetingRisksObservation[], groups: number, cause: 1 | 2 = 1, rho = 0): GrayTestResult {
  if (!Number.isInteger(groups) || groups < 2) throw new RangeError(`Gray's test needs at least 2 groups, got ${groups}`);
  for (const [i, o] of observations.entries()) {
    if (!Number.isInteger(o.group) || o.group < 0 || o.group >= groups) throw new RangeError(`observation ${i}: group must be 0 … ${groups - 1}, got ${o.group}`);
    if (!Number.isFinite(o.time) || o.time < 0) throw new RangeError(`observation ${i}: time must be finite and ≥ 0, got ${o.time}`);
  }
  const k = groups;
  const m = k - 1;
  const state: GroupState[] = Array.from({ length: k }, () => ({ atRisk: 0, survivalBefore: 1, cifBefore: 0, survivalAfter: 1 }));
  for (const o of observations) state[o.group]!.atRisk += 1;
  const sorted = [...observations].sort((a, b) => a.time - b.time);
  const score = new Array<number>(m).fill(0);
  const v = square(m);
  // Running sums of the variance estimate: c accumulates the derivative terms, v2 and v3 the cross and own terms.
  const c = square(k);
  const v2 = Array.from({ length: m }, () => new Array<number>(k).fill(0));
  const v3 = new Array<number>(k).fill(0);
  let pooledBefore = 0;

  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end < sorted.length && sorted[end]!.time === sorted[start]!.time) end += 1;
    const interest = new Array<number>(k).fill(0);
    const other = new Array<number>(k).fill(0);
    for (let i = start; i < end; i += 1) {
      const o = sorted[i]!;
      if (o.status === cause) interest[o.group]! += 1;
      else if (o.status !== 0) other[o.group]! += 1;
    }
    const d1 = interest.reduce((a, b) => a + b, 0);
    const d2 = other.reduce((a, b) => a + b, 0);
    if (d1 + d2 > 0) {
      let sumR = 0;
      let sumQ = 0;
      for (let g = 0; g < k; g += 1) {
        const s = state[g]!;
        if (s.atRisk <= 0) continue;
        s.survivalAfter = (s.survivalBefore * (s.atRisk - interest[g]! - other[g]!)) / s.atRisk;
        sumR += s.atRisk / s.survivalBefore;
        sumQ += (s.atRisk * (1 - s.cifBefore)) / s.survivalBefore;
      }
      const pooledAfter = pooledBefore + d1 / sumR;
      const weight = (1 - pooledBefore) ** rho;
      // a: this time's derivative matrix of the scores; c sums a·dΛ over time.
      const a = square(k);
      for (let i = 0; i < k; i += 1) {
        const si = state[i]!;
        if (si.atRisk <= 0) continue;
        const ri = si.atRisk / si.survivalBefore;
        for (let j = 0; j < k; j += 1) {
          const sj = state[j]!;
          if (sj.atRisk <= 0) continue;
          a[i]![j] = i === j ? weight * ri * (1 - ri / sumR) : (-weight * ri * sj.atRisk) / (sj.survivalBefore * sumR);
          c[i]![j]! += (a[i]![j]! * d1) / (sumR * (1 - pooledBefore));
        }
      }
      for (let i = 0; i < m; i += 1) {
        const si = state[i]!;
        if (si.atRisk <= 0) continue;
        score[i]! += weight * (interest[i]! - (d1 * si.atRisk * (1 - si.cifBefore)) / (si.survivalBefore * sumQ));
      }
      if (d1 > 0) {
        for (let g = 0; g < k; g += 1) {
          const s = state[g]!;
          if (s.atRisk <= 0) continue;
          const t4 = s.survivalAfter > 0 ? 1 - (1 - pooledAfter) / s.survivalAfter : 1;
          const ties = d1 > 1 ? 1 - (d1 - 1) / (sumR * s.survivalBefore - 1) : 1;
          const t3 = (ties * s.survivalBefore * d1) / (sumR * s.atRisk);
          v3[g]! += t4 * t4 * t3;
          for (let i = 0; i < m; i += 1) {
            const ti = a[i]![g]! - t4 * c[i]![g]!;
            v2[i]![g]! += ti * t4 * t3;
            for (let j = 0; j <= i; j += 1) v[i]![j]! += ti * (a[j]![g]! - t4 * c[j]![g]!) * t3;
          }
        }
      }
      if (d2 > 0) {
        for (let g = 0; g < k; g += 1) {
          const s = state[g]!;
          const dg = other[g]!;
          if (s.survivalAfter <= 0 || dg <= 0) continue;
          const t4 = (1 - pooledAfter) / s.survivalAfter;
          const ties = dg > 1 ? 1 - (dg - 1) / (s.atRisk - 1) : 1;
          const t3 = (ties * s.survivalBefore ** 2 * dg) / s.atRisk ** 2;
          v3[g]! += t4 * t4 * t3;
          for (let i = 0; i < m; i += 1) {
            const ti = t4 * c[i]![g]!;
            v2[i]![g]! -= ti * t4 * t3;
            for (let j = 0; j <= i; j += 1) v[i]![j]! += ti * t4 * c[j]![g]! * t3;
          }
        }
      }
      for (let g = 0; g < k; g += 1) {
        const s = state[g]!;
        if (s.atRisk <= 0) continue;
        s.cifBefore += (s.survivalBefore * interest[g]!) / s.atRisk;
        s.survivalBefore = s.survivalAfter;
      }
      pooledBefore = pooledAfter;
    }
    for (let i = start; i < end; i += 1) state[sorted[i]!.group]!.atRisk -= 1;
    start = end;
  }
  for (let i = 0; i < m; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      for (let g = 0; g < k; g += 1) v[i]![j]! += c[i]![g]! * c[j]![g]! * v3[g]! + c[i]![g]! * v2[j]![g]! + c[j]![g]! * v2[i]![g]!;
      v[j]![i] = v[i]![j]!;
    }
  }
  const x = solve(v, score);
  const statistic = score.reduce((sum, s, i) => sum + s * x[i]!, 0);
  return { statistic, df: m, p_value: chiSquareUpperTail(statistic, m), scores: score, variance: v };
}
