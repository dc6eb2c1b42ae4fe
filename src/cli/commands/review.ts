// `edc review mark|list` (site with --db, centre with --dir) and `edc central lock|unlock`: source
// verification and the centre's freezes, both of which travel in the return bundle.

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { lockCentral, unlockCentral, type LockTarget } from '../../core/central/central-locks';
import { centralReviewMarks } from '../../core/central/return-sections';
import { markReviewed, reviewMarks } from '../../core/review/review-marks';
import type { Session } from '../../core/store/session';
import { FormKey, InstanceNo, Reason, SiteId, SubjectId } from '../../shared/contract/common';
import type { ReviewMark } from '../../shared/contract/return-bundles';
import { AppError } from '../../shared/errors/app-error';
import { withCentral } from '../central-session';
import { table } from '../format';
import type { CliIo } from '../io';
import { cliDetail, cliText } from '../messages';
import { parseWith } from '../parse-input';
import { withSession } from '../session';

interface Where {
  readonly db?: string;
  readonly user?: string;
  readonly dir?: string;
}

/** Runs `work` at the site (--db, --user) or at the centre (--dir). */
async function atSiteOrCentre<T>(io: CliIo, where: Where, work: (session: Session) => Promise<T>): Promise<T> {
  if (where.dir !== undefined) return withCentral(io, where.dir, work);
  if (where.db === undefined || where.user === undefined) throw new AppError('input.invalid', { issues: cliDetail('return.lock.scopeNeeded') });
  return withSession(io, { db: where.db, user: where.user }, work);
}

export function registerReview(program: Command, io: CliIo): void {
  const t = cliText(io);
  const review = program.command('review').description('source verification of forms: at the site (--db, --user) or at the centre (--dir)');
  review
    .command('mark')
    .description('mark a form instance source-verified (the mark travels between site and centre)')
    .option('--db <file>', 'site database')
    .option('--user <name>', 'acting user (a monitor or an administrator)')
    .option('--dir <dir>', 'coordinator directory')
    .requiredOption('--subject <id>', 'subject id')
    .requiredOption('--form <key>', 'form')
    .option('--instance <n>', 'instance number of a repeating form', '1')
    .action(async (opts: Where & { subject: string; form: string; instance: string }) => {
      const target = { subjectId: parseWith(SubjectId, opts.subject), form: parseWith(FormKey, opts.form), instanceNo: parseWith(InstanceNo, Number(opts.instance)) };
      await atSiteOrCentre(io, opts, async (session) => {
        const { mark, added } = await markReviewed(session, target);
        const params = { subject: mark.subjectId, form: mark.form, instance: mark.instanceNo, user: mark.markedBy, at: mark.markedAt, side: t(`return.review.sides.${mark.side}`) };
        io.out(t(added ? 'return.review.marked' : 'return.review.already', params));
      });
    });
  review
    .command('list')
    .description('the forms marked source-verified')
    .option('--db <file>', 'site database')
    .option('--user <name>', 'acting user')
    .option('--dir <dir>', 'coordinator directory (marks made at the centre and at every site)')
    .action(async (opts: Where) => {
      await atSiteOrCentre(io, opts, async (session) => {
        const marks: ReviewMark[] = session.info.kind === 'central' ? await centralReviewMarks(session.store.db) : await reviewMarks(session);
        if (marks.length === 0) {
          io.out(t('return.review.none'));
          return;
        }
        const columns = (['subject', 'form', 'instance', 'at', 'by', 'side'] as const).map((c) => t(`return.review.columns.${c}`));
        io.out(table(columns, marks.map((m) => [m.subjectId, m.form, m.instanceNo, m.markedAt, m.markedBy, t(`return.review.sides.${m.side}`)])));
      });
    });
}

function lockTargetOf(opts: { subject?: string; site?: string; study?: boolean; reason: string }): LockTarget {
  const reason = parseWith(Reason, opts.reason);
  const given = [opts.subject !== undefined, opts.site !== undefined, opts.study === true].filter(Boolean).length;
  if (given !== 1) throw new AppError('input.invalid', { issues: cliDetail('return.lock.scopeNeeded') });
  if (opts.subject !== undefined) return { scope: 'subject', target: parseWith(SubjectId, opts.subject), reason };
  if (opts.site !== undefined) return { scope: 'site', target: parseWith(SiteId, opts.site), reason };
  return { scope: 'study', reason };
}

/** `edc central lock|unlock`, added to the `central` command group. */
export function registerCentralLocks(central: Command, io: CliIo): void {
  const t = cliText(io);
  for (const verb of ['lock', 'unlock'] as const) {
    central
      .command(verb)
      .description(verb === 'lock' ? 'freeze a subject, a site or the study: read-only at the sites once their return bundle arrives' : 'lift a freeze, with a reason')
      .requiredOption('--dir <dir>', 'coordinator directory')
      .option('--subject <id>', 'a subject')
      .option('--site <site>', 'a site')
      .option('--study', 'the whole study')
      .requiredOption('--reason <text>', 'why')
      .action(async (opts: { dir: string; subject?: string; site?: string; study?: boolean; reason: string }) => {
        const target = lockTargetOf(opts);
        await withCentral(io, opts.dir, async (session) => {
          const params = { scope: target.scope, target: target.target ?? session.study.definition.id, reason: target.reason };
          if (verb === 'unlock') {
            await unlockCentral(session, target);
            io.out(t('return.lock.unlocked', params));
            return;
          }
          const { certificateFile } = await lockCentral(session, { ...target, coordinatorDir: resolve(io.cwd, opts.dir) });
          io.out(t('return.lock.locked', params));
          if (certificateFile) io.out(t('return.lock.certificate', { file: certificateFile }));
        });
      });
  }
}
