// `edc exchange status|run|settings`: the periodic exchange from the command line (a scheduled task runs
// `edc exchange run` where the app is not open). The same use-cases as the app's Settings and home screen.

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { answeredReturnLine } from '../answered-return-line';
import { runExchangeCycle } from '../../core/bundles/exchange-cycle';
import { readExchangeSettings, setExchangeSettings } from '../../core/bundles/exchange-settings';
import { exchangeStatus } from '../../core/bundles/exchange-status';
import { ExchangeSettings, type ExchangeStatus } from '../../shared/contract/bundles';
import { json, keyValues, table } from '../format';
import type { CliIo } from '../io';
import { cliText, type CliText } from '../messages';
import { parseWith } from '../parse-input';
import { withSession } from '../session';

function statusLines(status: ExchangeStatus, t: CliText): string {
  const none = t('common.none');
  return keyValues([
    [t('periodic.interval'), status.settings.intervalDays === null ? none : t('periodic.days', { days: status.settings.intervalDays })],
    [t('periodic.folder'), status.settings.folder ?? none],
    [t('periodic.uploadUrl'), status.uploadUrl ?? none],
    [t('periodic.lastExport'), status.lastExport ? `${status.lastExport.sequence} · ${status.lastExport.at}` : none],
    [t('periodic.lastReceipt'), status.lastReceipt ? `${status.lastReceipt.sequence} · ${status.lastReceipt.mergedAt}` : none],
    [t('periodic.changes'), t('periodic.changesCount', { subjects: status.changes.subjects, entries: status.changes.entries })],
    [t('periodic.dueAt'), status.dueAt ?? none],
    [t('periodic.overdue'), status.overdue ? t('common.yes') : t('common.no')],
    [t('periodic.queue'), status.queue.pending],
    [t('periodic.nextAttempt'), status.queue.nextAttemptAt ?? none],
    [t('periodic.lastError'), status.queue.lastError ?? none],
  ]);
}

/** `--interval 14` or `off`, `--folder DIR` or `off`; what is not given stays as it is. */
function settingsFrom(current: ExchangeSettings, opts: { interval?: string; folder?: string }, cwd: string): ExchangeSettings {
  const interval = opts.interval === undefined ? current.intervalDays : opts.interval === 'off' ? null : Number(opts.interval);
  const folder = opts.folder === undefined ? current.folder : opts.folder === 'off' ? null : resolve(cwd, opts.folder);
  return parseWith(ExchangeSettings, { intervalDays: interval, folder });
}

export function registerPeriodicExchange(program: Command, io: CliIo): void {
  const t = cliText(io);
  const exchange = program.command('exchange').description('periodic export and upload to the coordinating centre');
  exchange
    .command('status')
    .description('last bundle exported and acknowledged, changes not yet exported, when the next export is due, the upload queue')
    .requiredOption('--db <file>', 'site database')
    .requiredOption('--user <name>', 'acting user')
    .option('--json', 'machine-readable output')
    .action(async (opts: { db: string; user: string; json?: boolean }) => {
      await withSession(io, opts, async (session) => {
        const status = await exchangeStatus(session);
        io.out(opts.json ? json(status) : statusLines(status, t));
      });
    });
  exchange
    .command('run')
    .description('one cycle: export if the interval has passed (or --force) and upload what is queued')
    .requiredOption('--db <file>', 'site database')
    .requiredOption('--user <name>', 'acting user')
    .option('--force', 'export now even if the interval has not passed')
    .option('--json', 'machine-readable output')
    .action(async (opts: { db: string; user: string; force?: boolean; json?: boolean }) => {
      await withSession(io, opts, async (session) => {
        const result = await runExchangeCycle(session, { force: opts.force ?? false });
        if (opts.json) {
          io.out(json(result));
          return;
        }
        io.out(result.exported ? t('periodic.exported', { file: result.exported.file, sequence: result.exported.sequence }) : t('periodic.notDue'));
        if (result.uploads.length > 0) {
          io.out(table([t('upload.bundle'), t('upload.result'), t('upload.attempts'), t('upload.error')], result.uploads.map((u) => [u.sequence, t(`periodic.state.${u.state}`), u.attempts, u.error])));
          for (const u of result.uploads) if (u.returnBundle) io.out(answeredReturnLine(t, u.returnBundle));
        }
        io.out(statusLines(result.status, t));
      });
    });
  exchange
    .command('settings')
    .description('set the export interval in days and the folder (off to turn either off)')
    .requiredOption('--db <file>', 'site database')
    .requiredOption('--user <name>', 'acting user (an admin)')
    .option('--interval <days>', 'days between automatic exports, or off')
    .option('--folder <dir>', 'folder the automatic export writes to, or off')
    .action(async (opts: { db: string; user: string; interval?: string; folder?: string }) => {
      await withSession(io, opts, async (session) => {
        const settings = settingsFrom(await readExchangeSettings(session), opts, io.cwd);
        await setExchangeSettings(session, settings);
        io.out(statusLines(await exchangeStatus(session), t));
      });
    });
}
