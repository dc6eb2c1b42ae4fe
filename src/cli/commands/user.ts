// `edc user …`: add, list, change or reset passwords, unlock, deactivate, change roles.

import type { Command } from 'commander';
import { addUser, changeOwnPassword, deactivateUser, listUsers, resetPassword, setRole, unlockUser } from '../../core/users/manage-users';
import { AddUserInput, ChangePasswordInput, ResetPasswordInput, SetRoleInput, UsernameInput } from '../../shared/contract/users';
import { json, table } from '../format';
import type { CliIo } from '../io';
import { cliText } from '../messages';
import { parseWith } from '../parse-input';
import { readNewSecret } from '../secrets';
import { withSession } from '../session';

interface StoreOpts {
  db: string;
  user: string;
}

export function registerUser(program: Command, io: CliIo): void {
  const t = cliText(io);
  const user = program.command('user').description('users of the site (acting user: --user, password from EDC_PASSWORD)');
  const common = (c: Command): Command => c.requiredOption('--db <file>', 'database').requiredOption('--user <name>', 'acting user');

  common(user.command('add').description('add a user; the new password comes from EDC_NEW_PASSWORD or a prompt'))
    .argument('<name>')
    .requiredOption('--role <role>', 'admin | investigator | data_entry | monitor')
    .option('--display-name <text>', 'full name')
    .action(async (name: string, opts: StoreOpts & { role: string; displayName?: string }) => {
      await withSession(io, opts, async (session) => {
        const password = await readNewSecret(io, 'EDC_NEW_PASSWORD', t('prompts.newPassword', { user: name }));
        const input = parseWith(AddUserInput, { username: name, displayName: opts.displayName ?? name, role: opts.role, password });
        const added = await addUser(session, input);
        io.out(t('user.added', { user: added.username, role: added.role }));
      });
    });

  common(user.command('list').description('list users, their roles and lock state'))
    .option('--json', 'machine-readable output')
    .action(async (opts: StoreOpts & { json?: boolean }) => {
      await withSession(io, opts, async (session) => {
        const users = await listUsers(session);
        if (opts.json) io.out(json(users));
        else
          io.out(
            table(
              [t('user.columns.user'), t('user.columns.name'), t('user.columns.role'), t('user.columns.active'), t('user.columns.locked'), t('user.columns.failures')],
              users.map((u) => [u.username, u.displayName, u.role, u.active ? t('common.yes') : t('common.no'), u.locked ? t('common.seconds', { seconds: u.lockedForSeconds }) : '', u.failures]),
            ),
          );
      });
    });

  common(user.command('passwd').description('change your own password (current: EDC_PASSWORD, new: EDC_NEW_PASSWORD); an admin naming another user resets theirs'))
    .argument('[name]')
    .action(async (name: string | undefined, opts: StoreOpts) => {
      await withSession(io, opts, async (session) => {
        const newPassword = await readNewSecret(io, 'EDC_NEW_PASSWORD', t('prompts.newOwnPassword'));
        if (name && name !== session.user.username) {
          await resetPassword(session, parseWith(ResetPasswordInput, { username: name, newPassword }));
          io.out(t('user.passwordReset', { user: name }));
        } else {
          const current = io.env.EDC_PASSWORD ?? '';
          await changeOwnPassword(session, parseWith(ChangePasswordInput, { currentPassword: current, newPassword }));
          io.out(t('user.passwordChanged'));
        }
      });
    });

  common(user.command('unlock').description('unlock an account locked after failed logins'))
    .argument('<name>')
    .action(async (name: string, opts: StoreOpts) => {
      await withSession(io, opts, async (session) => {
        await unlockUser(session, parseWith(UsernameInput, { username: name }));
        io.out(t('user.unlocked', { user: name }));
      });
    });

  common(user.command('deactivate').description('deactivate a user: their password no longer opens the store'))
    .argument('<name>')
    .action(async (name: string, opts: StoreOpts) => {
      await withSession(io, opts, async (session) => {
        await deactivateUser(session, parseWith(UsernameInput, { username: name }));
        io.out(t('user.deactivated', { user: name }));
      });
    });

  common(user.command('role').description("change a user's role"))
    .argument('<name>')
    .argument('<role>')
    .action(async (name: string, role: string, opts: StoreOpts) => {
      await withSession(io, opts, async (session) => {
        await setRole(session, parseWith(SetRoleInput, { username: name, role }));
        io.out(`${name}: ${role}`);
      });
    });
}
