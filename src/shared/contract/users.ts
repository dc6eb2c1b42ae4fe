// Contract entries for user administration and password changes.

import { z } from 'zod';
import { Role } from '../study/definition.schema';
import { NewPassword, Password, Username } from './common';

export const AddUserInput = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1).max(100),
  role: Role,
  password: NewPassword,
});
export type AddUserInput = z.infer<typeof AddUserInput>;

export const ChangePasswordInput = z.strictObject({ currentPassword: Password, newPassword: NewPassword });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const ResetPasswordInput = z.strictObject({ username: Username, newPassword: NewPassword });
export type ResetPasswordInput = z.infer<typeof ResetPasswordInput>;

export const UsernameInput = z.strictObject({ username: Username });
export type UsernameInput = z.infer<typeof UsernameInput>;

export const SetRoleInput = z.strictObject({ username: Username, role: Role });
export type SetRoleInput = z.infer<typeof SetRoleInput>;

export const UserSummary = z.strictObject({
  username: z.string(),
  displayName: z.string(),
  role: Role,
  active: z.boolean(),
  locked: z.boolean(),
  lockedForSeconds: z.number().int().min(0),
  failures: z.number().int().min(0),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof UserSummary>;
