// `edc coordinator …`, `edc merge`, `edc central summary`: the coordinating centre's side of the exchange.

import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { exportCoordinatorIdentity } from '../../core/central/export-identity';
import { centralSummary } from '../../core/central/central-summary';
import { expandBundlePaths } from '../../core/exchange/bundle-paths';
import { initCoordinator } from '../../core/central/coordinator-init';
import { centralDatabase, describeCentralDatabase, type PostgresLocation } from '../../core/central/database-location';
import { moveCentralToPostgres } from '../../core/central/move-to-postgres';
import { mergeRun } from '../../core/central/merge-run';
import { issueSiteKit } from '../../core/central/issue-site-kit';
import { writeFileAtomic } from '../../core/files/write-file-atomic';
import { uploadBundle } from '../../core/bundles/upload-client';
import { uploadSigner } from '../../core/bundles/upload-signer';
import { importAnsweredReturn } from '../../core/bundles/answered-return';
import { answeredReturnLine } from '../answered-return-line';
import { requireRole } from '../../core/store/permissions';
import { startUploadServer } from '../../core/central/upload-server';
import { formatFingerprint } from '../../core/crypto/signing';
import { builtInStudyDir } from '../../core/resources';
import { loadDefinition } from '../../core/study/load-definition';
import { NewPassword, SiteId } from '../../shared/contract/common';
import { AppError } from '../../shared/errors/app-error';
import { formatRanges } from '../../shared/format';
import { json, keyValues, table } from '../format';
import { langOf, type CliIo } from '../io';
import { formatMergeReport } from '../merge-summary';
import { cliDetail, cliText } from '../messages';
import { parseWith } from '../parse-input';
import { progressBar } from '../progress';
import { readNewSecret, readSecret } from '../secrets';
import { withCentral } from '../central-session';
import { withSession } from '../session';

interface DatabaseOptions {
  database?: string;
  sslmode?: string;
  ca?: string;
  insecureNetwork?: boolean;
}

/** A PostgreSQL address and its TLS options, checked (db/location.ts); the CA file resolved from the working directory. */
function databaseLocation(io: CliIo, url: string, opts: DatabaseOptions): PostgresLocation {
  return centralDatabase({ url, ...(opts.sslmode ? { sslmode: opts.sslmode } : {}), ...(opts.ca ? { caFile: resolve(io.cwd, opts.ca) } : {}), insecureNetwork: opts.insecureNetwork === true });
}
import { registerCentralLocks } from './review';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerCoordinator(program: Command, io: CliIo): void {
  const t = cliText(io);
  const coordinator = program.command('coordinator').description('the coordinating centre: keys, site kits, upload server (passphrase from EDC_PASSPHRASE or prompt)');

  coordinator
    .command('init')
    .description('create the coordinator keys (age X25519 + Ed25519) and the encrypted central store in DIR')
    .requiredOption('--dir <dir>', 'coordinator directory')
    .option('--study <id>', 'built-in study definition', 'ino-all-it')
    .option('--study-dir <dir>', 'study definition folder instead of a built-in one')
    .option('--name <text>', 'name of the coordinating centre')
    .option('--database <url>', 'keep the central data in PostgreSQL: postgres://USER@HOST:PORT/DB (password from PGPASSWORD or ~/.pgpass)')
    .option('--sslmode <mode>', 'TLS to the database server: disable, require, verify-ca, verify-full')
    .option('--ca <file>', 'CA certificate (PEM) that verifies the database server')
    .option('--insecure-network', 'accept an unencrypted connection to a database server on another host')
    .action(async (opts: { dir: string; study: string; studyDir?: string; name?: string } & DatabaseOptions) => {
      if (!/^[a-z][a-z0-9-]*$/.test(opts.study)) throw new AppError('study.unknown', { study: opts.study });
      const study = loadDefinition(opts.studyDir ? resolve(io.cwd, opts.studyDir) : builtInStudyDir(opts.study));
      // Checked before the passphrase is asked: a bad address or a refused plaintext connection fails first.
      const database = opts.database ? databaseLocation(io, opts.database, opts) : undefined;
      const passphrase = parseWith(NewPassword, await readNewSecret(io, 'EDC_PASSPHRASE', t('prompts.newPassphrase')));
      const result = await initCoordinator({ dir: resolve(io.cwd, opts.dir), passphrase, study, ...(opts.name ? { name: opts.name } : {}), ...(database ? { database } : {}) });
      io.out(
        [
          t('coordinator.created', { dir: resolve(io.cwd, opts.dir) }),
          t('coordinator.recipient', { recipient: result.coordinator.recipient }),
          t('coordinator.fingerprint'),
          `    ${formatFingerprint(result.coordinator.fingerprint)}`,
          '',
          t('coordinator.recoveryCode'),
          '',
          `    ${result.recoveryCode}`,
          '',
        ].join('\n'),
      );
    });

  coordinator
    .command('export-identity')
    .description('write the plain age identity (SECRET) for escrow and for decrypting bundles with the stock age CLI')
    .requiredOption('--dir <dir>', 'coordinator directory')
    .requiredOption('--out <file>', 'file to write')
    .action(async (opts: { dir: string; out: string }) => {
      await withCentral(io, opts.dir, async (session) => {
        const { recipient } = await exportCoordinatorIdentity(session, resolve(io.cwd, opts.out));
        io.err(t('coordinator.identityWarning'));
        io.out(keyValues([[t('coordinator.written'), resolve(io.cwd, opts.out)], [t('coordinator.recipientLabel'), recipient]]));
      });
    });

  coordinator
    .command('site-kit')
    .description('issue a signed site kit (study definition, coordinator keys, site id)')
    .requiredOption('--dir <dir>', 'coordinator directory')
    .requiredOption('--site <code>', 'site code, e.g. IT01')
    .requiredOption('--site-name <text>', 'site name')
    .requiredOption('--out <file>', 'kit file to write')
    .action(async (opts: { dir: string; site: string; siteName: string; out: string }) => {
      const siteId = parseWith(SiteId, opts.site);
      await withCentral(io, opts.dir, async (session) => {
        const kit = await issueSiteKit(session, { siteId, siteName: opts.siteName, outFile: resolve(io.cwd, opts.out) });
        io.out(
          keyValues([
            [t('coordinator.kit'), resolve(io.cwd, opts.out)],
            [t('coordinator.site'), `${siteId} ${opts.siteName}`],
            [t('coordinator.study'), `${kit.kit.studyId} (${kit.kit.definitionHash.slice(0, 16)})`],
            [t('coordinator.coordinatorFingerprint'), formatFingerprint(kit.kit.coordinator.fingerprint)],
          ]),
        );
        io.err(t('coordinator.readFingerprint'));
      });
    });

  coordinator
    .command('serve')
    .description('receive bundles over HTTPS; each is decrypted, verified and merged before it is stored (passphrase asked once)')
    .requiredOption('--dir <dir>', 'coordinator directory')
    .requiredOption('--listen <host:port>', 'address to listen on, e.g. 0.0.0.0:8443')
    .requiredOption('--tls-cert <file>', 'certificate (PEM)')
    .requiredOption('--tls-key <file>', 'private key (PEM)')
    .option('--max-mb <n>', 'largest bundle accepted, in MiB', '512')
    .action(async (opts: { dir: string; listen: string; tlsCert: string; tlsKey: string; maxMb: string }) => {
      const at = opts.listen.lastIndexOf(':');
      const host = opts.listen.slice(0, at).replace(/^\[|\]$/g, '');
      const port = Number(opts.listen.slice(at + 1));
      if (at < 1 || !Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('input.invalid', { issues: cliDetail('issues.listen') });
      const read = (file: string): string => {
        try {
          return readFileSync(resolve(io.cwd, file), 'utf8');
        } catch {
          throw new AppError('input.file', { file });
        }
      };
      const cert = read(opts.tlsCert);
      const key = read(opts.tlsKey);
      const dir = resolve(io.cwd, opts.dir);
      await withCentral(io, dir, async (session) => {
        const server = await startUploadServer({ session, dir, host, port, cert, key, maxBytes: Number(opts.maxMb) * 1024 * 1024, log: (line) => io.err(`${new Date().toISOString()} ${line}`) });
        io.out(t('coordinator.serving', { url: `${server.url}/bundles` }));
        await new Promise<void>((resolveStop) => {
          const stop = (): void => {
            void server.close().then(() => resolveStop());
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      });
    });

  program
    .command('upload')
    .description("send bundles to the coordinating centre over HTTPS, each request signed with the site's key, with retries; prints a summary")
    .requiredOption('--db <file>', 'site database (its signing key signs the requests)')
    .requiredOption('--user <name>', 'acting user')
    .requiredOption('--to <url>', 'coordinator address, e.g. https://centre.example:8443')
    .option('--ca <file>', 'CA certificate (PEM) to trust for the coordinator')
    .option('--retries <n>', 'attempts after the first on network or server errors', '4')
    .argument('<bundles...>')
    .action(async (bundles: string[], opts: { db: string; user: string; to: string; ca?: string; retries: string }) => {
      const ca = opts.ca ? readFileSync(resolve(io.cwd, opts.ca), 'utf8') : undefined;
      const files = expandBundlePaths(bundles, io.cwd);
      const rows: (string | number)[][] = [];
      const returned: string[] = [];
      let failed = 0;
      // The session stays open: the return bundle each answer carries is imported into the store.
      await withSession(io, opts, async (session) => {
        requireRole(session.user.role, 'bundle.export');
        const signer = await uploadSigner(session);
        const bar = progressBar(io, t('progress.upload'));
        for (const [i, file] of files.entries()) {
          bar(i, files.length, file.split('/').pop());
          const outcome = await uploadBundle(opts.to, file, { signer, ...(ca ? { ca } : {}), retries: Number(opts.retries) });
          if (outcome.status === 'refused' || outcome.status === 'failed') failed += 1;
          rows.push([outcome.file, outcome.status, outcome.attempts, outcome.receipt ? `#${outcome.receipt.receipt.sequence} ${outcome.receipt.receipt.mergedAt}` : '', outcome.error ? `[${outcome.error.code}] ${outcome.error.message}` : '']);
          if (outcome.receipt) writeFileAtomic(`${file}.receipt.json`, `${JSON.stringify(outcome.receipt, null, 2)}\n`);
          if (outcome.returnBundle) {
            const r = await importAnsweredReturn(session, outcome.returnBundle);
            returned.push(answeredReturnLine(t, { status: r.status, sequence: r.sequence, code: r.error?.code ?? null, error: r.error?.message ?? null }));
          }
        }
        bar(files.length, files.length);
      });
      io.out(table([t('upload.bundle'), t('upload.result'), t('upload.attempts'), t('upload.receipt'), t('upload.error')], rows));
      for (const line of returned) io.out(line);
      if (failed > 0) throw new AppError('upload.failed', { url: opts.to, detail: cliDetail('upload.notAccepted', { failed, total: files.length }) });
    });

  program
    .command('merge')
    .description('merge site bundles into the central store (files or folders); writes signed receipts and a report')
    .requiredOption('--dir <dir>', 'coordinator directory')
    .option('--register-site <site:fingerprint>', 'register an unknown site whose key fingerprint was confirmed out of band (repeatable)', collect, [])
    .option('--receipts <dir>', 'where receipts are written (default DIR/receipts)')
    .option('--report <file>', 'JSON report file (default DIR/reports/merge-<time>.json)')
    .option('--json', 'print the JSON report instead of the summary')
    .argument('<bundles...>')
    .action(async (bundles: string[], opts: { dir: string; registerSite: string[]; receipts?: string; report?: string; json?: boolean }) => {
      const dir = resolve(io.cwd, opts.dir);
      const registerSites = new Map<string, string>();
      for (const r of opts.registerSite) {
        const at = r.indexOf(':');
        if (at < 2) throw new AppError('input.invalid', { issues: cliDetail('issues.registerSite', { value: r }) });
        registerSites.set(parseWith(SiteId, r.slice(0, at)), r.slice(at + 1));
      }
      const files = expandBundlePaths(bundles, io.cwd);
      const code = await withCentral(io, dir, async (session) => {
        const report = await mergeRun(session, files, {
          registerSites,
          receiptsDir: opts.receipts ? resolve(io.cwd, opts.receipts) : join(dir, 'receipts'),
          lang: langOf(io),
          onProgress: progressBar(io, t('progress.merge')),
          log: (line) => io.err(line),
        });
        const reportFile = opts.report ? resolve(io.cwd, opts.report) : join(dir, 'reports', `merge-${report.startedAt.replace(/[:.]/g, '-')}.json`);
        mkdirSync(join(reportFile, '..'), { recursive: true });
        writeFileAtomic(reportFile, `${JSON.stringify(report, null, 2)}\n`);
        writeFileAtomic(reportFile.replace(/\.json$/, '.txt'), `${formatMergeReport(report, t)}\n`);
        io.out(opts.json ? json(report) : `${formatMergeReport(report, t)}\n${t('merge.reportFile', { file: reportFile })}`);
        // Each site that got new data can now be answered (receipts, review marks, locks).
        if (!opts.json) for (const site of new Set(report.outcomes.filter((o) => o.status === 'merged').map((o) => o.siteId))) io.out(t('return.offer', { site, dir: opts.dir }));
        return report.totals.refused > 0 ? 11 : 0;
      });
      if (code !== 0) throw new MergeRefusals();
    });

  const central = program.command('central').description('the central dataset');
  registerCentralLocks(central, io);
  central
    .command('summary')
    .description('per site: last sequence, counts, quarantine; and a content digest of the central data')
    .requiredOption('--dir <dir>', 'coordinator directory')
    .option('--json', 'machine-readable output')
    .action(async (opts: { dir: string; json?: boolean }) => {
      await withCentral(io, opts.dir, async (session) => {
        const summary = await centralSummary(session);
        if (opts.json) {
          io.out(json(summary));
          return;
        }
        const columns = (['site', 'name', 'lastBundle', 'mergedAt', 'subjects', 'forms', 'quarantined', 'audit', 'missing'] as const).map((c) => t(`central.columns.${c}`));
        io.out(table(columns, summary.sites.map((s) => [s.siteId, s.siteName, s.lastSequence, s.lastMergedAt, s.subjects, s.formInstances, s.quarantined, s.auditEntries, formatRanges(s.missingSequences)])));
        io.out(`\n${t('central.totals', { sites: summary.totals.sites, subjects: summary.totals.subjects, forms: summary.totals.formInstances, quarantined: summary.totals.quarantined })}\n${t('central.digest', { digest: summary.digest })}`);
      });
    });
  central
    .command('migrate')
    .description('move the SQLite central store to PostgreSQL (keys, receipts, history); the content digest is checked; central.db is kept')
    .requiredOption('--dir <dir>', 'coordinator directory')
    .requiredOption('--to <url>', 'postgres://USER@HOST:PORT/DB, an empty database (password from PGPASSWORD or ~/.pgpass)')
    .option('--sslmode <mode>', 'TLS to the database server: disable, require, verify-ca, verify-full')
    .option('--ca <file>', 'CA certificate (PEM) that verifies the database server')
    .option('--insecure-network', 'accept an unencrypted connection to a database server on another host')
    .action(async (opts: { dir: string; to: string } & DatabaseOptions) => {
      const target = databaseLocation(io, opts.to, opts);
      const passphrase = await readSecret(io, 'EDC_PASSPHRASE', t('prompts.passphrase'));
      const dir = resolve(io.cwd, opts.dir);
      const moved = await moveCentralToPostgres({ dir, passphrase, target });
      const rows = moved.tables.reduce((n, table) => n + table.rows, 0);
      io.out(t('central.moved', { database: describeCentralDatabase(target), tables: moved.tables.length, rows, digest: moved.digest, file: join(dir, 'central.db') }));
    });
}

/** Some bundles were refused: the report says which and why; the exit status says so too (11). */
export class MergeRefusals extends Error {
  readonly exitCode = 11;
}
