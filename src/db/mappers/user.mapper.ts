// Rows of users ↔ User.

import type { Role } from '../../shared/study/definition.schema';
import type { User, UserChanges } from '../domain/user';
import type { NewUser, UserRow } from '../schema/tables';

export function toUser(row: UserRow): User {
  return {
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    active: row.active === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

export function userRow(user: User): NewUser {
  return {
    username: user.username,
    display_name: user.displayName,
    role: user.role,
    active: user.active ? 1 : 0,
    created_at: user.createdAt,
    created_by: user.createdBy,
    updated_at: user.updatedAt,
  };
}

export function userChangeColumns(changes: UserChanges): Partial<NewUser> {
  return {
    ...(changes.role !== undefined ? { role: changes.role } : {}),
    ...(changes.active !== undefined ? { active: changes.active ? 1 : 0 } : {}),
    ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
    updated_at: changes.updatedAt,
  };
}
