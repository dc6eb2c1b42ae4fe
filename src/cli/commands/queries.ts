// `edc queries …`: raise, generate, close and re-open at the centre (--dir), answer at the site (--db/--user),
// list on either side.

import type { Command } from 'commander';
import { readStoredSubjects } from '../../core/dataset/dataset';
import { generateQueries } from '../../core/queries/generate-queries';
import { listQueryViews } from '../../core/queries/list-queries';
import { answerQuery, closeQuery, reopenQuery } from '../../core/queries/query-actions';
import { raiseQuery } from '../../core/queries/raise-query';
import { ListQueriesInput, QueryActionInput, RaiseQueryInput, type QueryOut } from '../../shared/contract/queries';
import { AppError } from '../../shared/errors/app-error';
import { withCentral } from '../central-session';
import { json, table } from '../format';
import type { CliIo } from '../io';
import { cliDetail, cliText } from '../messages';
import { parseWith } from '../parse-input';
import { withSession } from '../session';
import { withStore } from './exports';

function instanceNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new AppError('input.invalid', { issues: cliDetail('issues.instance') });
  return Number(value);
}

/** What a query is on and where it stands, as core returns it. */
interface QuerySaid {
  readonly id: string;
  readonly subjectId: string;
  readonly form: string | null;
  readonly instanceNo: number | null;
  readonly field: string | null;
  readonly status: QueryOut['status'];
}

function targetOf(q: QuerySaid): string {
  return [q.subjectId, q.form === null ? null : `${q.form}#${q.instanceNo ?? 1}`, q.field].filter((x) => x !== null).join(' ');
}

export function registerQueries(program: Command, io: CliIo): void {
  const t = cliText(io);
  const queries = program.command('queries').description('data queries: raised and closed at the centre, answered at the site');
  const said = (q: QuerySaid): void => io.out(t('queries.state', { id: q.id, target: targetOf(q), status: t(`queries.status.${q.status}`) }));

  queries
    .command('raise')
    .description('raise a query at the centre on a subject, a form instance or one of its fields')
    .requiredOption('--dir <dir>', 'coordinator directory')
    .requiredOption('--subject <id>', 'subject pseudonym')
    .option('--form <key>', 'form key')
    .option('--instance <n>', 'instance number (repeating forms; default 1)')
    .option('--field <name>', 'field name')
    .requiredOption('--text <text>', 'the question to the site')
    .option('--category <c>', 'missing, inconsistent, out_of_range, protocol or other', 'other')
    .action(async (opts: { dir: string; subject: string; form?: string; instance?: string; field?: string; text: string; category: string }) => {
      const instanceNo = instanceNumber(opts.instance);
      const input = parseWith(RaiseQueryInput, {
        subjectId: opts.subject,
        text: opts.text,
        category: opts.category,
        ...(opts.form !== undefined ? { form: opts.form } : {}),
        ...(instanceNo !== undefined ? { instanceNo } : {}),
        ...(opts.field !== undefined ? { field: opts.field } : {}),
      });
      await withCentral(io, opts.dir, async (session) => said(await raiseQuery(session, input)));
    });

  queries
    .command('generate')
    .description('evaluate every check over all central data and raise the queries that are not raised yet')
    .requiredOption('--dir <dir>', 'coordinator directory')
    .option('--json', 'machine-readable output')
    .action(async (opts: { dir: string; json?: boolean }) => {
      await withCentral(io, opts.dir, async (session) => {
        const result = await generateQueries(session, readStoredSubjects(session.store.db, {}));
        if (opts.json) io.out(json({ raised: result.raised.map((q) => q.id), subjects: result.subjects, alreadyQueried: result.alreadyQueried }));
        else {
          for (const q of result.raised) io.out(t('queries.raisedLine', { id: q.id, target: targetOf(q), check: q.checkId ?? '' }));
          io.out(t('queries.generated', { raised: result.raised.length, subjects: result.subjects, already: result.alreadyQueried }));
        }
      });
    });

  for (const [name, action] of [
    ['close', closeQuery],
    ['reopen', reopenQuery],
  ] as const) {
    queries
      .command(name)
      .description(name === 'close' ? 'close a query at the centre, with a comment' : 're-open an answered or closed query at the centre, with a comment')
      .requiredOption('--dir <dir>', 'coordinator directory')
      .requiredOption('--query <id>', 'query id (Q-…)')
      .option('--text <text>', 'comment (default: a standard one)')
      .action(async (opts: { dir: string; query: string; text?: string }) => {
        const input = parseWith(QueryActionInput, { queryId: opts.query, text: opts.text ?? t(`queries.defaultText.${name}`) });
        await withCentral(io, opts.dir, async (session) => said(await action(session, input)));
      });
  }

  queries
    .command('answer')
    .description('answer a query at the site with a text (or answer it by a form save whose --reason names the query)')
    .requiredOption('--db <file>', 'site database')
    .requiredOption('--user <name>', 'acting user')
    .requiredOption('--query <id>', 'query id (Q-…)')
    .requiredOption('--text <text>', 'the answer, e.g. "confirmed in source"')
    .action(async (opts: { db: string; user: string; query: string; text: string }) => {
      const input = parseWith(QueryActionInput, { queryId: opts.query, text: opts.text });
      await withSession(io, opts, async (session) => said(await answerQuery(session, input)));
    });

  queries
    .command('list')
    .description('queries of the central store (--dir) or a site store (--db/--user)')
    .option('--dir <dir>', 'coordinator directory')
    .option('--db <file>', 'site database (with --user)')
    .option('--user <name>', 'acting user')
    .option('--status <s>', 'open, answered, closed or reopened')
    .option('--site <code>', 'one site only')
    .option('--subject <id>', 'one subject only')
    .option('--json', 'machine-readable output')
    .action(async (opts: { dir?: string; db?: string; user?: string; status?: string; site?: string; subject?: string; json?: boolean }) => {
      if (opts.dir && opts.db) throw new AppError('input.invalid', { issues: cliDetail('issues.storeEither') });
      const filter = parseWith(ListQueriesInput, {
        ...(opts.status !== undefined ? { status: opts.status } : {}),
        ...(opts.site !== undefined ? { siteId: opts.site } : {}),
        ...(opts.subject !== undefined ? { subjectId: opts.subject } : {}),
      });
      await withStore(io, opts, async (session) => {
        const list = await listQueryViews(session, filter);
        if (opts.json) {
          io.out(json(list));
          return;
        }
        const late = (q: QueryOut): string => (q.lateAnswers > 0 ? t('queries.late', { n: q.lateAnswers }) : '');
        io.out(
          table(
            [t('queries.columns.id'), t('queries.columns.site'), t('queries.columns.target'), t('queries.columns.category'), t('queries.columns.status'), t('queries.columns.raisedAt'), t('queries.columns.text'), t('queries.columns.lastAnswer')],
            list.map((q) => [q.id, q.siteId, targetOf(q), t(`queries.category.${q.category}`), `${t(`queries.status.${q.status}`)}${late(q)}`, q.raisedAt.slice(0, 10), q.text, q.events.filter((e) => e.kind === 'answer').at(-1)?.text ?? '']),
          ),
        );
        io.out(t('queries.total', { n: list.length }));
      });
    });
}
