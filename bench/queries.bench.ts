// Issue 12: `queries generate` over the exchange bench's central workload (40 sites of 500 subjects; 4 of 60
// with --quick), next to one full evaluation of the same subjects (streamed from the same store, each
// evaluated once) in the same run. Goal: ratio ≤ 1.3. Each run is a fresh process on a fresh copy of the
// store, baseline then generate on it; medians of three pairs in quick mode, where one run takes about a second,
// one pair at full size, where each run takes half a minute (a cold run has fifteen minutes for everything).

import { rmSync } from 'node:fs';
import { runChild } from './child';
import { mergedCentral } from './merged-central';
import { measurement, type Benchmark } from './measure';

interface Timed {
  readonly ms: number;
  readonly subjects: number;
  readonly raised: number;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const queriesBenchmark: Benchmark = {
  name: 'queries',
  async run(ctx) {
    const patients = ctx.quick ? 60 : 500;
    const sites = ctx.quick ? 4 : 40;
    const generated: Timed[] = [];
    const evaluated: Timed[] = [];
    for (let i = 0; i < (ctx.quick ? 3 : 1); i += 1) {
      const dir = await mergedCentral(ctx, patients, sites);
      try {
        evaluated.push(runChild<Timed>('queries-child.ts', ['evaluate', dir]));
        generated.push(runChild<Timed>('queries-child.ts', ['generate', dir]));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const subjects = evaluated[0]!.subjects;
    if (generated.some((g) => g.subjects !== subjects)) throw new Error('generate and the baseline read different subjects');
    if (generated[0]!.raised === 0) throw new Error('the workload raised no query: nothing was measured');
    ctx.log(`  ${subjects} subjects, ${generated[0]!.raised} queries raised`);
    return [
      measurement({
        name: `queries generate, ${sites}×${patients} central`,
        value: median(generated.map((g) => g.ms)),
        unit: 'ms',
        baseline: median(evaluated.map((e) => e.ms)),
        goal: 'ratio ≤ 1.3',
        met: (_v, r) => r !== null && r <= 1.3,
      }),
    ];
  },
};
