// Queries on site users (names and roles; their wrapped keys live in the keyring file, not here).

import type { User, UserChanges } from '../domain/user';
import { kyselyOf, type Db, type Tx } from '../handle';
import { toUser, userChangeColumns, userRow } from '../mappers/user.mapper';

export async function insertUser(tx: Tx, user: User): Promise<void> {
  await kyselyOf(tx).insertInto('users').values(userRow(user)).execute();
}

export async function findUser(db: Db, username: string): Promise<User | undefined> {
  const row = await kyselyOf(db).selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await kyselyOf(db).selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toUser);
}

export async function updateUser(tx: Tx, username: string, changes: UserChanges): Promise<void> {
  await kyselyOf(tx).updateTable('users').set(userChangeColumns(changes)).where('username', '=', username).execute();
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await kyselyOf(db)
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
