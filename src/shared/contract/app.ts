// Contract entries for the app shell: first-run state, site set-up, study definition, backups, settings.

import { z } from 'zod';
import { StudyDefinition } from '../study/definition.schema';
import { Lang, NewPassword, SiteId, Username } from './common';
import { SessionInfo } from './auth';

export const AppStatus = z.strictObject({
  /** False until a site store exists in the data folder (first run). */
  initialized: z.boolean(),
  /** A coordinator's data folder (central.db) runs the app in coordinator mode: log in as `coordinator`. */
  mode: z.enum(['site', 'central']),
  session: SessionInfo.nullable(),
  builtInStudies: z.array(z.strictObject({ id: z.string(), version: z.string(), title: z.strictObject({ it: z.string(), en: z.string() }) })),
  /** Minutes of inactivity before the session locks. */
  autoLockMinutes: z.number().int().min(1).max(240),
  lang: Lang,
});
export type AppStatus = z.infer<typeof AppStatus>;

/** The first administrator of a new site store, whichever way the site is set up. */
export const SiteAdmin = z.strictObject({ username: Username, displayName: z.string().trim().min(1).max(100), password: NewPassword });
export type SiteAdmin = z.infer<typeof SiteAdmin>;

export const SiteInitInput = z.strictObject({
  siteId: SiteId,
  siteName: z.string().trim().min(1).max(120),
  studyId: z.string().regex(/^[a-z][a-z0-9-]*$/),
  admin: SiteAdmin,
});
export type SiteInitInput = z.infer<typeof SiteInitInput>;

export const SiteInitResult = z.strictObject({ recoveryCode: z.string(), session: SessionInfo });
export type SiteInitResult = z.infer<typeof SiteInitResult>;

export const StudyDefinitionOut = z.strictObject({ hash: z.string(), definition: StudyDefinition });
export type StudyDefinitionOut = z.infer<typeof StudyDefinitionOut>;

export const BackupInput = z.strictObject({ folder: z.string().min(1).max(1000) });
export type BackupInput = z.infer<typeof BackupInput>;

export const BackupOut = z.strictObject({ file: z.string(), sha256: z.string(), auditEntries: z.number().int(), at: z.string() });

export const BackupStatus = z.strictObject({
  lastBackupAt: z.string().nullable(),
  daysSince: z.number().nullable(),
  /** True when the last backup is older than the reminder interval (or there is none). */
  reminder: z.boolean(),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

export const SettingsInput = z.strictObject({
  autoLockMinutes: z.number().int().min(1).max(240).optional(),
  lang: Lang.optional(),
});

export const SiteParamsOut = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export const SiteParamInput = z.strictObject({ name: z.string().regex(/^[a-z][a-z0-9_]*$/), value: z.union([z.string().max(100), z.number(), z.null()]) });

export const AuditVerifyOut = z.strictObject({
  ok: z.boolean(),
  entries: z.number().int(),
  brokenAt: z.number().int().nullable(),
  reason: z.string().nullable(),
});

export const JobRef = z.strictObject({ jobId: z.uuid() });
export const JobOut = z.strictObject({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  phase: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  result: z.unknown(),
  error: z.strictObject({ code: z.string(), message: z.string(), messages: z.strictObject({ it: z.string(), en: z.string() }), details: z.record(z.string(), z.unknown()) }).nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobOut = z.infer<typeof JobOut>;
