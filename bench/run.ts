// `npm run bench [-- --json] [-- --only NAME] [-- --quick]`: every benchmark of the project in one run (those
// marked onlyWhenNamed only when `--only` gives their exact name), printed as a table of figures, same-run
// baselines, ratios and goals (or JSON for machines), with each group's wall time and the total on stderr.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BENCHMARKS } from './suite';
import { nowMs, type Measurement } from './measure';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function table(rows: readonly Measurement[]): string {
  const head = ['benchmark', 'value', 'unit', 'baseline', 'ratio', 'goal', 'met'];
  const body = rows.map((m) => [m.name, String(m.value), m.unit, m.baseline === null ? '-' : String(m.baseline), m.ratio === null ? '-' : `${m.ratio}×`, m.goal, m.met === null ? '-' : m.met ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const quick = args.includes('--quick');
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const cacheDir = resolve(process.env.EDC_BENCH_CACHE ?? join(__dirname, '..', '.bench-cache'));
  mkdirSync(cacheDir, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), 'edc-bench-'));
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const results: Measurement[] = [];
  // Wall time per group, fixtures included: where a cold run's time goes.
  const walls: { name: string; ms: number }[] = [];
  const started = nowMs();
  let failed = 0;
  try {
    for (const bench of BENCHMARKS) {
      if (only && !bench.name.includes(only)) continue;
      if (bench.onlyWhenNamed && only !== bench.name) continue;
      log(`▶ ${bench.name}`);
      const t = nowMs();
      try {
        const measured = await bench.run({ cacheDir, workDir, log, quick });
        // Printed as they come, so a later failure never loses them.
        for (const m of measured) log(`  ${m.name}: ${m.value} ${m.unit} (baseline ${m.baseline ?? '-'}, ratio ${m.ratio ?? '-'}, goal ${m.goal}, met ${m.met ?? '-'})`);
        results.push(...measured);
      } catch (error) {
        failed += 1;
        log(`  ${bench.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        results.push({ name: `${bench.name} (failed)`, value: NaN, unit: '-', baseline: null, ratio: null, goal: '-', met: false });
      }
      walls.push({ name: bench.name, ms: nowMs() - t });
      log(`  ${bench.name}: ${seconds(walls.at(-1)!.ms)} wall`);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  log(`wall time: ${walls.map((w) => `${w.name} ${seconds(w.ms)}`).join(', ')}; total ${seconds(nowMs() - started)}`);
  process.stdout.write(json ? `${JSON.stringify(results, null, 2)}\n` : `${table(results)}\n`);
  if (failed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
