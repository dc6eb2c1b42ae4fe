// When the last backup was made, and whether a reminder is due.

import { getMeta } from '../../db/repositories/meta.repository';
import type { Session } from '../store/session';

export async function backupStatus(session: Session, reminderDays: number): Promise<{ lastBackupAt: string | null; daysSince: number | null; reminder: boolean }> {
  const last = (await getMeta(session.store.db, 'last_backup_at')) ?? null;
  if (!last) return { lastBackupAt: null, daysSince: null, reminder: true };
  const daysSince = Math.floor((session.clock().getTime() - Date.parse(last)) / 86_400_000);
  return { lastBackupAt: last, daysSince, reminder: daysSince >= reminderDays };
}
