// Contract entries for logging in and out, and the session the UI sees.

import { z } from 'zod';
import { Role } from '../study/definition.schema';
import { Password, Username } from './common';

export const LoginInput = z.strictObject({ username: Username, password: Password });
export type LoginInput = z.infer<typeof LoginInput>;

export const SessionInfo = z.strictObject({
  username: z.string(),
  displayName: z.string(),
  role: Role,
  siteId: z.string(),
  siteName: z.string(),
  storeKind: z.enum(['site', 'central']),
  study: z.strictObject({ id: z.string(), version: z.string(), hash: z.string(), title: z.strictObject({ it: z.string(), en: z.string() }) }),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
