// `edc subject …`: enrol (allocating the pseudonym), list with progress, show a casebook, identification log.

import type { Command } from 'commander';
import { getCasebook } from '../../core/subjects/casebook';
import { createSubject } from '../../core/subjects/create-subject';
import { getIdentity, setIdentity } from '../../core/subjects/identity';
import { listSubjects } from '../../core/subjects/list-subjects';
import { CreateSubjectInput, SetIdentityInput, SubjectIdInput, SubjectQuery } from '../../shared/contract/subjects';
import { json, keyValues, table } from '../format';
import { langOf, type CliIo } from '../io';
import { parseWith, readJsonArg } from '../parse-input';
import { withSession } from '../session';

interface StoreOpts {
  db: string;
  user: string;
}

export function registerSubject(program: Command, io: CliIo): void {
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
              ['subject', 'forms', 'complete', 'signed', 'locked', 'hard', 'soft', 'missing'],
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
        io.out(keyValues([['subject', book.subject.id], ['open queries', book.openQueries], ['forms complete', book.formsComplete ? 'yes' : 'no']]));
        io.out('');
        io.out(table(['form', '#', 'status', 'version', 'missing', 'failed checks'], book.instances.map((i) => [i.form, i.instanceNo, i.status, i.version, i.missing.join(' '), i.failures.map((f) => `${f.id}${f.severity === 'soft' ? (f.overridden ? '(s,overridden)' : '(s)') : '(H)'}`).join(' ')])));
        const failures = book.instances.flatMap((i) => i.failures.map((f) => `${i.form}#${i.instanceNo} ${f.id} [${f.severity}] ${f.message[lang]}${f.overridden ? ` — overridden: ${f.overridden.reason}` : ''}`));
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
