// `edc subject …`: enrol (allocating the pseudonym), list with progress, show a casebook, identification log.

import type { Command } from 'commander';
import { getCasebook } from '../../core/subjects/casebook';
import { createSubject } from '../../core/subjects/create-subject';
import { getIdentity, setIdentity } from '../../core/subjects/identity';
import { listSubjects } from '../../core/subjects/list-subjects';
import { CreateSubjectInput, SetIdentityInput, SubjectIdInput, SubjectQuery } from '../../shared/contract/subjects';
import { json, keyValues, table } from '../format';
import { langOf, type CliIo } from '../io';
import { cliText } from '../messages';
import { parseWith, readJsonArg } from '../parse-input';
import { withSession } from '../session';

interface StoreOpts {
  db: string;
  user: string;
}

export function registerSubject(program: Command, io: CliIo): void {
  const t = cliText(io);
  const subject = program.command('subject').description('subjects: enrolment, list, casebook, identification log');
  const common = (c: Command): Command => c.requiredOption('--db <file>', 'database').requiredOption('--user <name>', 'acting user');

  common(subject.command('add').description('enrol a subject and print its pseudonym'))
    .option('--identity <json>', 'identification-log entry (site-only), JSON or @file')
    .action(async (opts: StoreOpts & { identity?: string }) => {
      await withSession(io, opts, async (session) => {
        const input = parseWith(CreateSubjectInput, opts.identity ? { identity: readJsonArg(opts.identity, io.cwd) } : {});
        const created = await createSubject(session, input);
        io.out(created.id);
      });
    });

  common(subject.command('list').description('subjects with their progress'))
    .option('--search <text>', 'part of the pseudonym')
    .option('--filter <filter>', 'all | in_progress | complete | signed | with_failed_checks | with_missing', 'all')
    .option('--json', 'machine-readable output')
    .action(async (opts: StoreOpts & { search?: string; filter: string; json?: boolean }) => {
      await withSession(io, opts, async (session) => {
        const query = parseWith(SubjectQuery, { filter: opts.filter, ...(opts.search ? { search: opts.search } : {}) });
        const rows = await listSubjects(session, query);
        if (opts.json) io.out(json(rows));
        else
          io.out(
            table(
              [t('subject.columns.subject'), t('subject.columns.forms'), t('subject.columns.complete'), t('subject.columns.signed'), t('subject.columns.locked'), t('subject.columns.hard'), t('subject.columns.soft'), t('subject.columns.missing')],
              rows.map((s) => [s.id, s.instances, s.complete, s.signed, s.locked, s.failedHard, s.failedSoft, s.missingItems]),
            ),
          );
      });
    });

  common(subject.command('show').description('casebook of a subject: statuses, missing items, failed checks'))
    .argument('<id>')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: StoreOpts & { json?: boolean }) => {
      await withSession(io, opts, async (session) => {
        const book = await getCasebook(session, parseWith(SubjectIdInput, { subjectId: id }));
        if (opts.json) {
          io.out(json(book));
          return;
        }
        const lang = langOf(io);
        io.out(keyValues([[t('subject.casebook.subject'), book.subject.id], [t('subject.casebook.openQueries'), book.openQueries], [t('subject.casebook.formsComplete'), book.formsComplete ? t('common.yes') : t('common.no')]]));
        io.out('');
        const mark = (f: (typeof book.instances)[number]['failures'][number]): string => t(f.severity === 'hard' ? 'subject.casebook.hard' : f.overridden ? 'subject.casebook.softOverridden' : 'subject.casebook.soft', { check: f.id });
        io.out(
          table(
            [t('subject.casebook.form'), '#', t('subject.casebook.status'), t('subject.casebook.version'), t('subject.casebook.missing'), t('subject.casebook.failedChecks')],
            book.instances.map((i) => [i.form, i.instanceNo, i.status, i.version, i.missing.join(' '), i.failures.map(mark).join(' ')]),
          ),
        );
        const failures = book.instances.flatMap((i) =>
          i.failures.map((f) => t(f.overridden ? 'subject.casebook.failureOverridden' : 'subject.casebook.failure', { instance: `${i.form}#${i.instanceNo}`, check: f.id, severity: t(`severity.${f.severity}`), message: f.message[lang], reason: f.overridden?.reason })),
        );
        if (failures.length > 0) io.out(`\n${failures.join('\n')}`);
      });
    });

  common(subject.command('identity').description('show or set the site-only identification-log entry'))
    .argument('<id>')
    .option('--set <json>', 'fields to set, JSON or @file (null clears)')
    .action(async (id: string, opts: StoreOpts & { set?: string }) => {
      await withSession(io, opts, async (session) => {
        const entry = opts.set
          ? await setIdentity(session, parseWith(SetIdentityInput, { subjectId: id, identity: readJsonArg(opts.set, io.cwd) }))
          : await getIdentity(session, parseWith(SubjectIdInput, { subjectId: id }));
        io.out(json(entry));
      });
    });
}
