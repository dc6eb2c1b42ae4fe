// `edc demo`: runs the whole system end to end with synthetic patients and prints where everything is.

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runDemo, type DemoEvent, type DemoPhase } from '../../tools/demo/run-demo';
import { AppError } from '../../shared/errors/app-error';
import { table } from '../format';
import { langOf, type CliIo } from '../io';
import { cliDetail, cliText, type CliText } from '../messages';
import { progressBar } from '../progress';

function count(value: string, name: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new AppError('input.invalid', { issues: cliDetail('issues.count', { name, max }) });
  return n;
}

export function registerDemo(program: Command, io: CliIo): void {
  const t = cliText(io);
  program
    .command('demo')
    .description('the whole loop with synthetic patients: coordinator, site kits, site stores, data entry, bundles, merge, data queries answered and closed, return bundles, exports, report')
    .requiredOption('--out <dir>', 'empty folder for everything the demo creates')
    .option('--sites <n>', 'number of sites', '3')
    .option('--patients <n>', 'patients per site', '40')
    .option('--seed <n>', 'random seed (same seed, same patients)', '1')
    .option('--study <id>', 'built-in study (resources/studies/<id>)', 'ino-all-it')
    .action(async (opts: { out: string; sites: string; patients: string; seed: string; study: string }) => {
      const outDir = resolve(io.cwd, opts.out);
      const bars = new Map<string, ReturnType<typeof progressBar>>();
      const phaseLabel = (phase: DemoPhase): string => (phase.kind === 'merge' ? t('demo.phase.merge', { round: phase.round }) : t('demo.phase.site', { site: phase.siteId }));
      const result = await runDemo({
        outDir,
        studyId: opts.study,
        sites: count(opts.sites, '--sites', 40),
        patients: count(opts.patients, '--patients', 2000),
        seed: count(opts.seed, '--seed', 1_000_000_000),
        lang: langOf(io),
        onEvent: (event) => io.err(eventLine(t, event)),
        onProgress: (phase, done, total) => {
          const label = phaseLabel(phase);
          if (!bars.has(label)) bars.set(label, progressBar(io, label));
          bars.get(label)!(done, total);
        },
      });
      const s = result.summary;
      const q = result.queries;
      const users = result.sites[0]?.users.map((u) => t('demo.user', { username: u.username, role: u.role, password: u.password })).join(', ') ?? '';
      const population = result.highlights.population ? t('demo.population', { n: result.highlights.population.n, label: result.highlights.population.label }) : '';
      io.out(
        [
          '',
          t('demo.finished', { study: result.studyId, seconds: result.seconds.toFixed(1), dir: outDir }),
          '',
          t('demo.coordinator', { dir: result.coordinatorDir }),
          t('demo.passphrase', { passphrase: result.passphrase }),
          t('demo.exports', { csv: result.exports.csvDir, odm: result.exports.odm, dictionary: result.exports.dictionary }),
          '',
          table(
            [t('demo.site'), t('demo.store'), t('demo.subjects'), t('demo.bundle')],
            result.sites.map((site) => [site.siteId, site.dbFile, site.subjects, site.bundle.split('/').pop()]),
          ),
          t('demo.users', { users }),
          '',
          t('demo.merge', { merged: result.merge.totals.merged, unchanged: result.merge.totals.unchanged, refused: result.merge.totals.refused }),
          t('demo.secondMerge', { merged: result.secondMerge.totals.merged, unchanged: result.secondMerge.totals.unchanged, refused: result.secondMerge.totals.refused }),
          t('demo.queriesLine', {
            raised: q.generated + q.byHand,
            generated: q.generated,
            byHand: q.byHand,
            text: q.answeredByText,
            corrected: q.answeredByCorrection,
            open: q.byStatus.open,
            reopened: q.byStatus.reopened,
            answered: q.byStatus.answered,
            closed: q.byStatus.closed,
          }),
          t('demo.central', { sites: s.totals.sites, subjects: s.totals.subjects, instances: s.totals.formInstances, quarantined: s.totals.quarantined }),
          t('demo.digest', { digest: s.digest }),
          '',
          t('demo.report', { file: result.exports.report, subjects: result.highlights.subjects }) + population,
          ...result.highlights.lines.map((line) => `  ${line}`),
          '',
          t('demo.try', { dir: result.coordinatorDir }),
          t('demo.tryQueries', { dir: result.coordinatorDir }),
        ].join('\n'),
      );
    });
}

function eventLine(t: CliText, event: DemoEvent): string {
  switch (event.kind) {
    case 'coordinator':
      return t('demo.events.coordinator', { fingerprint: `${event.fingerprint.slice(0, 16)}…` });
    case 'site':
      return t('demo.events.site', { site: event.siteId, subjects: event.subjects, seconds: event.seconds.toFixed(1) });
    case 'merged':
      return t('demo.events.merged', { round: event.round, merged: event.merged });
    case 'queries':
      return t('demo.events.queries', { generated: event.generated, byHand: event.byHand });
    case 'returned':
      return t('demo.events.returned', { site: event.siteId, sequence: event.sequence, queries: event.queries, receipts: event.receipts });
    case 'answered':
      return t('demo.events.answered', { site: event.siteId, text: event.byText, corrected: event.byCorrection, open: event.stillOpen });
    case 'reviewed':
      return t('demo.events.reviewed', { closed: event.closed, reopened: event.reopened, waiting: event.waiting });
    case 'exported':
      return t('demo.events.exported');
  }
}
