// The cumulative incidence (Aalen–Johansen) and Gray's test of core/stats against cmprsk::cuminc, run by Rscript on
// seeded data with ties, competing events, censoring and groups leaving the risk set early: equal to 1e-9.

import { cumulativeIncidence, grayTest, type GroupedCompetingRisksObservation } from '../../src/core/stats';
import { createRng } from '../../src/core/stats/random';
import { runR, rVector } from '../helpers/rscript';
import { tempDir } from '../helpers/temp';

interface RResult {
  readonly stat: number;
  readonly pv: number;
  readonly times: readonly number[];
  readonly est: readonly number[];
  readonly var: readonly number[];
}

/** Runs cuminc(time, status, group) and prints Gray's statistic and p for cause 1, and cause 1's curve in group 1. */
function cuminc(dir: string, data: readonly GroupedCompetingRisksObservation[]): RResult {
  const out = runR(dir, 'cuminc.R', `suppressMessages(library(cmprsk))
t <- ${rVector(data.map((d) => d.time))}
s <- ${rVector(data.map((d) => d.status))}
g <- ${rVector(data.map((d) => d.group))}
r <- cuminc(t, s, g)
p <- function(x) cat(sprintf('%.17g', x), sep = ' ')
p(r$Tests[1, 'stat']); cat('\\n'); p(r$Tests[1, 'pv']); cat('\\n')
all <- cuminc(t, s)[['1 1']]
p(all$time); cat('\\n'); p(all$est); cat('\\n'); p(all$var); cat('\\n')
`);
  const [stat, pv, times, est, variance] = out.trim().split('\n').map((line) => line.trim().split(' ').map(Number));
  return { stat: stat![0]!, pv: pv![0]!, times: times!, est: est!, var: variance! };
}

/** Seeded data: three groups of different sizes and hazards, times rounded so that ties occur; group 2 ends early. */
function sample(seed: number, n: number): GroupedCompetingRisksObservation[] {
  const rng = createRng(seed);
  const random = (): number => rng.next();
  return Array.from({ length: n }, (_, i) => {
    const group = i % 3;
    const horizon = group === 2 ? 40 : 200;
    const time = Math.round(random() * horizon);
    const u = random();
    const status = (u < 0.3 + 0.1 * group ? 1 : u < 0.6 ? 2 : 0) as 0 | 1 | 2;
    return { time, status, group };
  });
}

describe('agreement with cmprsk::cuminc (Rscript)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it.each([
    [1, 60],
    [7, 150],
  ])("gives Gray's statistic, its p-value and the pooled cumulative incidence with its variance of cuminc (seed %i, n %i)", (seed, n) => {
    const data = sample(seed, n);
    const r = cuminc(tmp.dir, data);
    const mine = grayTest(data, 3);
    expect(mine.df).toBe(2);
    expect(Math.abs(mine.statistic - r.stat)).toBeLessThan(1e-9);
    expect(Math.abs(mine.p_value - r.pv)).toBeLessThan(1e-9);
    // cuminc's curve has two points per time (before and after the jump); the value after each jump is ours.
    const curve = cumulativeIncidence(data);
    const jumps = curve.steps.filter((step) => step.events > 0);
    expect(jumps.length).toBeGreaterThan(10);
    for (const step of jumps) {
      const at = r.times.lastIndexOf(step.time);
      expect(at).toBeGreaterThan(0);
      expect(Math.abs(step.cif - r.est[at]!)).toBeLessThan(1e-9);
      expect(Math.abs(step.std_err ** 2 - r.var[at]!)).toBeLessThan(1e-9);
    }
  });

  it("gives cuminc's two-group test with one degree of freedom", () => {
    const data = sample(3, 80).map((d) => ({ ...d, group: d.group === 2 ? 1 : d.group }));
    const r = cuminc(tmp.dir, data);
    const mine = grayTest(data, 2);
    expect(mine.df).toBe(1);
    expect(Math.abs(mine.statistic - r.stat)).toBeLessThan(1e-9);
    expect(Math.abs(mine.p_value - r.pv)).toBeLessThan(1e-9);
  });
});
