// `edc export` and `edc receipt import`: the site's side of the exchange with the coordinating centre.

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { exportBundle } from '../../core/bundles/export-bundle';
import { importReceipt, readReceiptFile } from '../../core/bundles/import-receipt';
import { keyValues } from '../format';
import type { CliIo } from '../io';
import { cliText } from '../messages';
import { progressBar } from '../progress';
import { withSession } from '../session';

export function registerExchange(program: Command, io: CliIo): void {
  const t = cliText(io);
  program
    .command('export')
    .description('export a signed, encrypted bundle (full snapshot) for the coordinating centre')
    .requiredOption('--db <file>', 'site database')
    .requiredOption('--user <name>', 'acting user')
    .requiredOption('--out <dir>', 'folder to write the bundle to (e.g. a USB stick)')
    .action(async (opts: { db: string; user: string; out: string }) => {
      await withSession(io, opts, async (session) => {
        const bar = progressBar(io, t('progress.export'));
        const result = await exportBundle(session, resolve(io.cwd, opts.out), (phase, done, total) => {
          if (phase === 'reading') bar(done, total, t('progress.subjects'));
        });
        io.out(
          keyValues([
            [t('exchange.bundle'), result.file],
            [t('exchange.sequence'), result.sequence],
            ['sha256', result.sha256],
            [t('exchange.subjects'), result.counts.subjects],
            [t('exchange.formInstances'), result.counts.formInstances],
            [t('exchange.auditEntries'), result.counts.auditEntries],
            [t('exchange.bytes'), result.bytes],
          ]),
        );
      });
    });

  const receipt = program.command('receipt').description('receipts from the coordinating centre');
  receipt
    .command('import')
    .description('record what the coordinating centre acknowledged (the receipt signature is verified)')
    .requiredOption('--db <file>', 'site database')
    .requiredOption('--user <name>', 'acting user')
    .argument('<file>')
    .action(async (file: string, opts: { db: string; user: string }) => {
      await withSession(io, opts, async (session) => {
        const body = await importReceipt(session, readReceiptFile(resolve(io.cwd, file)));
        io.out(
          keyValues([
            [t('exchange.acknowledgedBundle'), body.sequence],
            [t('exchange.mergedAt'), body.mergedAt],
            [t('exchange.subjects'), body.counts.subjects],
            [t('exchange.formInstances'), body.counts.formInstances],
            [t('exchange.quarantined'), body.counts.quarantined],
          ]),
        );
      });
    });
}
