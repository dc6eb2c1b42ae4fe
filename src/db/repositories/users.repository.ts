// Queries on site users (names and roles; their wrapped keys live in the keyring file, not here).

import type { Kysely } from 'kysely';
import type { Database, NewUser, UserRow } from '../schema/tables';

export async function insertUser(db: Kysely<Database>, user: NewUser): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export async function findUser(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function listUsers(db: Kysely<Database>): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('username').execute();
}

export async function updateUser(
  db: Kysely<Database>,
  username: string,
  changes: { role?: string; active?: number; display_name?: string; updated_at: string },
): Promise<void> {
  await db.updateTable('users').set(changes).where('username', '=', username).execute();
}

export async function countActiveAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
