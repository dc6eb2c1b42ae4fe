// `edc site …`: create a site store, recover access with the recovery code, show and set site settings.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { recoverAccess } from '../../core/auth/recover';
import { builtInStudyDir } from '../../core/resources';
import { initStore } from '../../core/store/init-site';
import { getSiteParams, setSiteParam } from '../../core/store/site-settings';
import { loadDefinition } from '../../core/study/load-definition';
import { NewPassword, SiteId, Username } from '../../shared/contract/common';
import { AppError } from '../../shared/errors/app-error';
import { keyValues } from '../format';
import type { CliIo } from '../io';
import { cliDetail, cliText, type CliText } from '../messages';
import { parseWith } from '../parse-input';
import { readNewSecret, readSecret } from '../secrets';
import { withSession } from '../session';
import { initSiteFromKit } from '../../core/bundles/init-site-from-kit';
import { requireSiteKeys } from '../../core/bundles/site-identity';
import { kitFingerprint, readKitFile } from '../../core/exchange/site-kit';
import { formatFingerprint } from '../../core/crypto/signing';
import { joinCentre } from '../../core/bundles/join-centre';

/**
 * Shows the kit's coordinator fingerprint and returns the one confirmed out of band: the one given with
 * --coordinator-fingerprint, or on a terminal the kit's own after a yes (undefined otherwise: core refuses).
 */
async function confirmKitFingerprint(io: CliIo, kit: unknown, given: string | undefined): Promise<string | undefined> {
  const t = cliText(io);
  const found = kitFingerprint(kit);
  io.err(t('site.kitFingerprint', { fingerprint: formatFingerprint(found) }));
  if (given !== undefined || !io.interactive) return given;
  const answer = await io.prompt(t('prompts.fingerprintMatches'), false);
  // Either language's yes, whatever the messages' language.
  return /^(y|yes|s|si|sì)$/i.test(answer.trim()) ? found : undefined;
}

async function initFromKit(io: CliIo, opts: { db: string; kit: string; coordinatorFingerprint?: string; adminName?: string }, admin: string): Promise<void> {
  const t = cliText(io);
  const kit = readKitFile(resolve(io.cwd, opts.kit));
  const expected = await confirmKitFingerprint(io, kit, opts.coordinatorFingerprint);
  const password = parseWith(NewPassword, await readNewSecret(io, 'EDC_PASSWORD', t('prompts.newPassword', { user: admin })));
  const result = await initSiteFromKit({
    dbFile: resolve(io.cwd, opts.db),
    kit,
    expectedFingerprint: expected,
    admin: { username: admin, displayName: opts.adminName ?? admin, password },
  });
  io.out(
    [
      t('site.createdFromKit', { file: resolve(io.cwd, opts.db) }),
      t('site.siteAndStudy', { site: result.siteId, study: result.studyId }),
      t('site.sendFingerprint'),
      `    ${formatFingerprint(result.siteFingerprint)}`,
      recoveryCodeBlock(t, result.recoveryCode),
    ].join('\n'),
  );
}

/** The recovery code, shown once at set-up, with what to do with it. */
function recoveryCodeBlock(t: CliText, code: string): string {
  return [
    '',
    t('site.recoveryCode'),
    '',
    `    ${code}`,
    '',
  ].join('\n');
}

export function registerSite(program: Command, io: CliIo): void {
  const t = cliText(io);
  const site = program.command('site').description('site store: set-up, recovery, settings');

  site
    .command('init')
    .description('create an encrypted site store and its keyring; prints the recovery code once')
    .requiredOption('--db <file>', 'database file to create')
    .option('--kit <file>', 'site kit issued by the coordinating centre (study, site code and coordinator keys come from it)')
    .option('--coordinator-fingerprint <fp>', 'the coordinator fingerprint confirmed out of band (asked on a terminal otherwise)')
    .option('--site <code>', 'site code, e.g. IT01 (without a kit)')
    .option('--study <id>', 'built-in study definition (without a kit)', 'ino-all-it')
    .option('--study-dir <dir>', 'study definition folder instead of a built-in one')
    .requiredOption('--admin <name>', 'user name of the first administrator')
    .option('--admin-name <text>', 'full name of the administrator')
    .option('--site-name <text>', 'name of the site (hospital, unit)')
    .action(async (opts: { db: string; kit?: string; coordinatorFingerprint?: string; site?: string; study: string; studyDir?: string; admin: string; adminName?: string; siteName?: string }) => {
      const admin = parseWith(Username, opts.admin);
      if (opts.kit) {
        await initFromKit(io, { ...opts, kit: opts.kit }, admin);
        return;
      }
      if (!opts.site) throw new AppError('input.invalid', { issues: cliDetail('issues.siteWithoutKit') });
      const siteId = parseWith(SiteId, opts.site);
      if (!/^[a-z][a-z0-9-]*$/.test(opts.study)) throw new AppError('study.unknown', { study: opts.study });
      const study = loadDefinition(opts.studyDir ? resolve(io.cwd, opts.studyDir) : builtInStudyDir(opts.study));
      const password = parseWith(NewPassword, await readNewSecret(io, 'EDC_PASSWORD', t('prompts.newPassword', { user: admin })));
      const result = await initStore({
        dbFile: resolve(io.cwd, opts.db),
        kind: 'site',
        siteId,
        siteName: opts.siteName ?? siteId,
        study,
        admin: { username: admin, displayName: opts.adminName ?? admin, password },
      });
      io.out(
        [
          t('site.created', { file: resolve(io.cwd, opts.db) }),
          t('site.keyring', { file: result.keyringFile }),
          t('site.study', { study: study.definition.id, version: study.definition.version, hash: study.hash.slice(0, 16) }),
          recoveryCodeBlock(t, result.recoveryCode),
        ].join('\n'),
      );
    });

  site
    .command('join')
    .description("join a coordinating centre: a stand-alone site that has never exported takes the exchange keys of a kit issued for its site code and study")
    .requiredOption('--db <file>', 'site database')
    .requiredOption('--user <name>', 'acting admin (password from EDC_PASSWORD or prompt)')
    .requiredOption('--kit <file>', 'site kit issued by the coordinating centre for this site code')
    .option('--coordinator-fingerprint <fp>', 'the coordinator fingerprint confirmed out of band (asked on a terminal otherwise)')
    .action(async (opts: { db: string; user: string; kit: string; coordinatorFingerprint?: string }) => {
      // The kit is read and its fingerprint shown before the password is asked: a wrong file fails at once.
      const kit = readKitFile(resolve(io.cwd, opts.kit));
      const expected = await confirmKitFingerprint(io, kit, opts.coordinatorFingerprint);
      await withSession(io, opts, async (session) => {
        const result = await joinCentre(session, kit, expected);
        io.out([t('site.joined', { site: result.siteId, study: result.studyId }), t('site.sendFingerprint'), `    ${formatFingerprint(result.siteFingerprint)}`].join('\n'));
      });
    });

  site
    .command('public-key')
    .description("print the site's signing public key (PEM) and its fingerprint, to register the site at the centre")
    .requiredOption('--db <file>', 'site database')
    .requiredOption('--user <name>', 'acting user')
    .option('--out <file>', 'also write the PEM to this file (for openssl)')
    .action(async (opts: { db: string; user: string; out?: string }) => {
      await withSession(io, opts, async (session) => {
        const keys = await requireSiteKeys(session.store.db);
        if (opts.out) writeFileSync(resolve(io.cwd, opts.out), keys.signingPublicKeyPem);
        io.out(keys.signingPublicKeyPem.trimEnd());
        io.out(t('site.fingerprint', { fingerprint: formatFingerprint(keys.fingerprint) }));
      });
    });

  site
    .command('recover')
    .description('set a new password for a user with the recovery code (EDC_RECOVERY_CODE or prompt; new password from EDC_NEW_PASSWORD or prompt)')
    .requiredOption('--db <file>', 'site database')
    .requiredOption('--user <name>', 'user whose password is set')
    .action(async (opts: { db: string; user: string }) => {
      const username = parseWith(Username, opts.user);
      const code = await readSecret(io, 'EDC_RECOVERY_CODE', t('prompts.recoveryCode'));
      const newPassword = parseWith(NewPassword, await readNewSecret(io, 'EDC_NEW_PASSWORD', t('prompts.newPassword', { user: username })));
      await recoverAccess({ dbFile: resolve(io.cwd, opts.db), code, username, newPassword });
      io.out(t('site.passwordSet', { user: username }));
    });

  site
    .command('info')
    .description('show the store: site, study, definition hash, site parameters')
    .requiredOption('--db <file>', 'database')
    .requiredOption('--user <name>', 'acting user (password from EDC_PASSWORD or prompt)')
    .action(async (opts: { db: string; user: string }) => {
      await withSession(io, opts, async (session) => {
        const params = await getSiteParams(session);
        io.out(
          keyValues([
            [t('site.info.store'), session.info.kind],
            [t('site.info.site'), `${session.info.siteId} ${session.info.siteName}`],
            [t('site.info.study'), `${session.study.definition.id} ${session.study.definition.version}`],
            [t('site.info.definitionHash'), session.study.hash],
            [t('site.info.storeId'), session.info.storeId],
            ...Object.entries(params).map(([k, v]) => [t('site.info.param', { name: k }), v] as const),
          ]),
        );
      });
    });

  site
    .command('param')
    .description('set a site parameter of the study (e.g. site_ec_approval_date 2019-05-01); "null" clears it')
    .requiredOption('--db <file>', 'database')
    .requiredOption('--user <name>', 'acting admin')
    .argument('<name>')
    .argument('<value>')
    .action(async (name: string, value: string, opts: { db: string; user: string }) => {
      await withSession(io, opts, async (session) => {
        const parsed = value === 'null' ? null : /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
        await setSiteParam(session, name, parsed);
        io.out(`${name} = ${value}`);
      });
    });
}
