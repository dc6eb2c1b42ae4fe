// `edc crf blank|casebook`: the printable CRFs in the app's print layout, as one HTML file (print it or save as PDF).

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { blankCrfHtml } from '../../core/exports/crf/blank-crf';
import { printDocument } from '../../core/exports/crf/print-document';
import { writeFileAtomic } from '../../core/files/write-file-atomic';
import { loadBuiltInStudy } from '../../core/study/built-in';
import { SubjectId } from '../../shared/contract/common';
import { AppError } from '../../shared/errors/app-error';
import type { Lang } from '../../shared/study/localized';
import { langOf, type CliIo } from '../io';
import { cliDetail, cliText } from '../messages';
import { withSession } from '../session';

function checkOut(out: string): void {
  if (!/\.html?$/i.test(out)) throw new AppError('input.invalid', { issues: cliDetail('issues.htmlOut') });
}

function langOption(io: CliIo, lang: string | undefined): Lang {
  if (lang === undefined) return langOf(io);
  if (lang !== 'it' && lang !== 'en') throw new AppError('input.invalid', { issues: cliDetail('issues.lang') });
  return lang;
}

export function registerCrf(program: Command, io: CliIo): void {
  const crf = program.command('crf').description('Printable CRFs: the blank CRF of a study, a subject’s filled casebook (HTML in the print layout)');
  crf
    .command('blank')
    .description('The blank CRF: every form, field, choice, unit and check message')
    .requiredOption('--study <id>', 'built-in study id')
    .option('--lang <lang>', 'it or en (default: EDC_LANG / LANG)')
    .requiredOption('--out <file>', 'HTML file to write')
    .action((opts: { study: string; lang?: string; out: string }) => {
      checkOut(opts.out);
      const lang = langOption(io, opts.lang);
      const out = resolve(io.cwd, opts.out);
      writeFileAtomic(out, blankCrfHtml(loadBuiltInStudy(opts.study), lang));
      io.out(cliText(io)('crf.written', { path: out }));
    });
  crf
    .command('casebook')
    .description('A subject’s casebook with values, audit summary and signatures')
    .requiredOption('--db <file>', 'site database')
    .requiredOption('--user <name>', 'acting user')
    .requiredOption('--subject <id>', 'subject id, e.g. IT01-0001')
    .option('--lang <lang>', 'it or en (default: EDC_LANG / LANG)')
    .requiredOption('--out <file>', 'HTML file to write')
    .action(async (opts: { db: string; user: string; subject: string; lang?: string; out: string }) => {
      checkOut(opts.out);
      const lang = langOption(io, opts.lang);
      const subject = SubjectId.safeParse(opts.subject);
      if (!subject.success) throw new AppError('input.invalid', { issues: cliDetail('issues.subjectId') });
      const out = resolve(io.cwd, opts.out);
      await withSession(io, { db: opts.db, user: opts.user }, async (session) => {
        const doc = await printDocument(session, { kind: 'casebook', lang, subjectId: subject.data });
        writeFileAtomic(out, doc.html);
      });
      io.out(cliText(io)('crf.written', { path: out }));
    });
}
