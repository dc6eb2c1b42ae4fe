// Site parameters of the study definition (scope "site", e.g. the ethics-committee approval date), set by an admin.

import { getSiteParams as storedSiteParams, setSiteParams } from '../../db/repositories/meta.repository';
import { inWriteTransaction } from '../../db/transaction';
import { parsePartialDate } from '../../shared/dates/partial-date';
import { AppError } from '../../shared/errors/app-error';
import { problemDetail } from '../../shared/errors/codes';
import { appendAudit } from './audit-chain';
import { requireRole } from './permissions';
import { isoNow } from '../clock';
import type { Session } from './session';

export async function getSiteParams(session: Session): Promise<Record<string, string | number | null>> {
  requireRole(session.user.role, 'data.read');
  const stored = await storedSiteParams(session.store.db);
  const out: Record<string, string | number | null> = {};
  for (const p of session.study.definition.parameters.filter((q) => q.scope === 'site')) out[p.name] = stored[p.name] ?? p.value;
  return out;
}

export async function setSiteParam(session: Session, name: string, value: string | number | null): Promise<void> {
  requireRole(session.user.role, 'site.settings');
  const spec = session.study.definition.parameters.find((p) => p.name === name && p.scope === 'site');
  if (!spec) throw new AppError('input.invalid', { issues: problemDetail('notASiteParam', { name }) });
  if (value !== null) {
    if (spec.type === 'date' && (typeof value !== 'string' || parsePartialDate(value)?.precision !== 'day')) {
      throw new AppError('input.invalid', { issues: problemDetail('dateExpected', { name }) });
    }
    if (spec.type === 'number' && typeof value !== 'number') throw new AppError('input.invalid', { issues: problemDetail('numberExpected', { name }) });
  }
  await inWriteTransaction(session.store.db, async (tx) => {
    const params = await storedSiteParams(tx);
    const old = params[name] ?? null;
    params[name] = value;
    await setSiteParams(tx, params);
    await appendAudit(tx, isoNow(session.clock), session.user.username, [
      { action: 'site.param', field: name, old_value: old === null ? null : String(old), new_value: value === null ? null : String(value) },
    ]);
  });
}
