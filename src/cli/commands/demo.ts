// `edc demo`: runs the whole system end to end with synthetic patients and prints where everything is.

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runDemo } from '../../tools/demo/run-demo';
import { AppError } from '../../shared/errors/app-error';
import { table } from '../format';
import { langOf, type CliIo } from '../io';
import { progressBar } from '../progress';

function count(value: string, name: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new AppError('input.invalid', { issues: `${name}: a whole number from 1 to ${max}` });
  return n;
}

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('the whole loop with synthetic patients: coordinator, site kits, site stores, data entry, bundles, merge, receipts, exports, report')
    .requiredOption('--out <dir>', 'empty folder for everything the demo creates')
    .option('--sites <n>', 'number of sites', '3')
    .option('--patients <n>', 'patients per site', '40')
    .option('--seed <n>', 'random seed (same seed, same patients)', '1')
    .option('--study <id>', 'built-in study (resources/studies/<id>)', 'ino-all-it')
    .action(async (opts: { out: string; sites: string; patients: string; seed: string; study: string }) => {
      const outDir = resolve(io.cwd, opts.out);
      const bars = new Map<string, ReturnType<typeof progressBar>>();
      const result = await runDemo({
        outDir,
        studyId: opts.study,
        sites: count(opts.sites, '--sites', 40),
        patients: count(opts.patients, '--patients', 2000),
        seed: count(opts.seed, '--seed', 1_000_000_000),
        lang: langOf(io),
        log: (line) => io.err(line),
        onProgress: (phase, done, total) => {
          if (!bars.has(phase)) bars.set(phase, progressBar(io, phase));
          bars.get(phase)!(done, total);
        },
      });
      const s = result.summary;
      io.out(
        [
          '',
          `EDC demo of ${result.studyId} finished in ${result.seconds.toFixed(1)} s — everything is in ${outDir}`,
          '',
          `Coordinator directory (every --dir command accepts it): ${result.coordinatorDir}`,
          `  passphrase (EDC_PASSPHRASE): ${result.passphrase}`,
          `  exports: ${result.exports.csvDir} (CSV, codebook, analysis), ${result.exports.odm} (CDISC ODM), ${result.exports.dictionary} (REDCap)`,
          '',
          table(
            ['site', 'store', 'subjects', 'bundle'],
            result.sites.map((site) => [site.siteId, site.dbFile, site.subjects, site.bundle.split('/').pop()]),
          ),
          `  site users: ${result.sites[0]?.users.map((u) => `${u.username} (${u.role}) password ${u.password}`).join(', ') ?? ''} — same pattern at every site`,
          '',
          `Merge: ${result.merge.totals.merged} merged, ${result.merge.totals.unchanged} unchanged, ${result.merge.totals.refused} refused; receipts imported at every site`,
          `Central data: ${s.totals.sites} sites, ${s.totals.subjects} subjects, ${s.totals.formInstances} form instances, ${s.totals.quarantined} quarantined`,
          `Content digest: ${s.digest}`,
          '',
          `Report: ${result.exports.report} (+ report.json), ${result.highlights.subjects} subjects` +
            (result.highlights.population ? `, ${result.highlights.population.n} in the analysis population (${result.highlights.population.label})` : ''),
          ...result.highlights.lines.map((line) => `  ${line}`),
          '',
          'Try: EDC_PASSPHRASE=… npx edc central summary --dir ' + result.coordinatorDir,
        ].join('\n'),
      );
    });
}
