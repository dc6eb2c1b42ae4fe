// `edc site …`: create a site store, recover access with the recovery code, show and set site settings.

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
import { parseWith } from '../parse-input';
import { readNewSecret, readSecret } from '../secrets';
import { withSession } from '../session';

export function registerSite(program: Command, io: CliIo): void {
  const site = program.command('site').description('site store: set-up, recovery, settings');

  site
    .command('init')
    .description('create an encrypted site store and its keyring; prints the recovery code once')
    .requiredOption('--db <file>', 'database file to create')
    .requiredOption('--site <code>', 'site code, e.g. IT01')
    .option('--study <id>', 'built-in study definition', 'ino-all-it')
    .option('--study-dir <dir>', 'study definition folder instead of a built-in one')
    .requiredOption('--admin <name>', 'user name of the first administrator')
    .option('--admin-name <text>', 'full name of the administrator')
    .option('--site-name <text>', 'name of the site (hospital, unit)')
    .action(async (opts: { db: string; site: string; study: string; studyDir?: string; admin: string; adminName?: string; siteName?: string }) => {
      const siteId = parseWith(SiteId, opts.site);
      const admin = parseWith(Username, opts.admin);
      if (!/^[a-z][a-z0-9-]*$/.test(opts.study)) throw new AppError('study.unknown', { study: opts.study });
      const study = loadDefinition(opts.studyDir ? resolve(io.cwd, opts.studyDir) : builtInStudyDir(opts.study));
      const password = parseWith(NewPassword, await readNewSecret(io, 'EDC_PASSWORD', `New password for ${admin} / Nuova password per ${admin}: `));
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
          `Site store created / Archivio del centro creato: ${resolve(io.cwd, opts.db)}`,
          `Keyring / Portachiavi: ${result.keyringFile}`,
          `Study / Studio: ${study.definition.id} ${study.definition.version} (${study.hash.slice(0, 16)})`,
          '',
          'RECOVERY CODE — print it and give it to the principal investigator; it is shown only now:',
          'CODICE DI RECUPERO — stamparlo e consegnarlo allo sperimentatore principale; è mostrato solo ora:',
          '',
          `    ${result.recoveryCode}`,
          '',
        ].join('\n'),
      );
    });

  site
    .command('recover')
    .description('set a new password for a user with the recovery code (EDC_RECOVERY_CODE or prompt; new password from EDC_NEW_PASSWORD or prompt)')
    .requiredOption('--db <file>', 'site database')
    .requiredOption('--user <name>', 'user whose password is set')
    .action(async (opts: { db: string; user: string }) => {
      const username = parseWith(Username, opts.user);
      const code = await readSecret(io, 'EDC_RECOVERY_CODE', 'Recovery code / Codice di recupero: ');
      const newPassword = parseWith(NewPassword, await readNewSecret(io, 'EDC_NEW_PASSWORD', `New password for ${username} / Nuova password: `));
      await recoverAccess({ dbFile: resolve(io.cwd, opts.db), code, username, newPassword });
      io.out(`Password set for ${username} / Password impostata per ${username}`);
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
            ['store', session.info.kind],
            ['site', `${session.info.siteId} ${session.info.siteName}`],
            ['study', `${session.study.definition.id} ${session.study.definition.version}`],
            ['definition hash', session.study.hash],
            ['store id', session.info.storeId],
            ...Object.entries(params).map(([k, v]) => [`param ${k}`, v] as const),
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
