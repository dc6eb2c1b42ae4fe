// `edc report`: the study report (self-contained HTML + report.json) of the central store (--dir) or a site store (--db).

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { writeReport } from '../../core/report';
import { studyModules } from '../../studies';
import { AppError } from '../../shared/errors/app-error';
import { langOf, type CliIo } from '../io';
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
  if (opts.lang !== undefined && opts.lang !== 'it' && opts.lang !== 'en') throw new AppError('input.invalid', { issues: '--lang: it or en' });
  if (opts.dataCutoff !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.dataCutoff)) throw new AppError('input.invalid', { issues: '--data-cutoff: YYYY-MM-DD' });
  if (opts.dir && opts.db) throw new AppError('input.invalid', { issues: 'give either --dir (coordinator) or --db/--user (site), not both' });
  if (!/\.html?$/i.test(opts.out)) throw new AppError('input.invalid', { issues: '--out: an .html file' });
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
      await withStore(io, opts, async (session) => {
        const result = await writeReport(session, { out, lang, modules: studyModules, onProgress: progressBar(io, 'report'), ...(opts.dataCutoff ? { params: { data_cutoff: opts.dataCutoff } } : {}) });
        const h = result.data.header;
        for (const f of result.files) io.out(`${f.path}  sha256 ${f.sha256}`);
        const population = h.analysis_population === null ? '' : ` (${h.analysis_population} in the analysis population)`;
        io.out(`${h.subjects} subjects${population}, ${h.sites.length} site(s), cut-off ${h.data_cutoff ?? 'none'}`);
      });
    });
}
