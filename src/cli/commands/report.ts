// `edc report`: the study report (self-contained HTML + report.json) of the central store (--dir) or a site store (--db).

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { writeReport } from '../../core/report';
import { studyModules } from '../../studies';
import { AppError } from '../../shared/errors/app-error';
import { langOf, type CliIo } from '../io';
import { cliDetail, cliText } from '../messages';
import { progressBar } from '../progress';
import { withStore } from './exports';

export interface ReportCommandOptions {
  db?: string;
  user?: string;
  dir?: string;
  out: string;
  lang?: string;
  dataCutoff?: string;
}

function checkOptions(opts: ReportCommandOptions): void {
  if (opts.lang !== undefined && opts.lang !== 'it' && opts.lang !== 'en') throw new AppError('input.invalid', { issues: cliDetail('issues.lang') });
  if (opts.dataCutoff !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.dataCutoff)) throw new AppError('input.invalid', { issues: cliDetail('issues.dataCutoff') });
  if (opts.dir && opts.db) throw new AppError('input.invalid', { issues: cliDetail('issues.storeEither') });
  if (!/\.html?$/i.test(opts.out)) throw new AppError('input.invalid', { issues: cliDetail('issues.htmlOut') });
}

export function registerReport(program: Command, io: CliIo): void {
  program
    .command('report')
    .description('Study report: one offline HTML file (enrolment, completeness, checks, missing data, descriptive statistics, and the study module’s sections) and report.json beside it')
    .option('--db <file>', 'site database (with --user): the site’s own report')
    .option('--user <name>', 'acting user')
    .option('--dir <dir>', 'coordinator directory (central report)')
    .requiredOption('--out <file>', 'HTML file to write (the JSON goes beside it)')
    .option('--lang <lang>', 'it or en (default: EDC_LANG / LANG)')
    .option('--data-cutoff <date>', 'study data cut-off (YYYY-MM-DD), if not set in the definition')
    .action(async (opts: ReportCommandOptions) => {
      checkOptions(opts);
      const lang = opts.lang === 'it' || opts.lang === 'en' ? opts.lang : langOf(io);
      const out = resolve(io.cwd, opts.out);
      const t = cliText(io);
      await withStore(io, opts, async (session) => {
        const result = await writeReport(session, { out, lang, modules: studyModules, onProgress: progressBar(io, t('progress.report')), ...(opts.dataCutoff ? { params: { data_cutoff: opts.dataCutoff } } : {}) });
        const h = result.data.header;
        for (const f of result.files) io.out(t('report.file', { path: f.path, sha256: f.sha256 }));
        const population = h.analysis_population === null ? '' : t('report.population', { n: h.analysis_population });
        io.out(t('report.summary', { subjects: h.subjects, population, sites: h.sites.length, cutoff: h.data_cutoff ?? t('report.noCutoff') }));
      });
    });
}
