// The periodic exchange settings an admin sets (interval, folder), kept in the store and audited.

import { getMeta, setMeta } from '../../db/repositories/meta.repository';
import { inWriteTransaction } from '../../db/transaction';
import { ExchangeSettings } from '../../shared/contract/bundles';
import { appendAudit } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import { isoNow } from '../clock';
import type { Session } from '../store/session';

export async function readExchangeSettings(session: Session): Promise<ExchangeSettings> {
  const db = session.store.db;
  const interval = Number((await getMeta(db, 'exchange_interval_days')) ?? '');
  const folder = (await getMeta(db, 'exchange_folder')) || null;
  return ExchangeSettings.parse({ intervalDays: Number.isInteger(interval) && interval > 0 ? interval : null, folder });
}

export async function setExchangeSettings(session: Session, input: ExchangeSettings): Promise<ExchangeSettings> {
  requireRole(session.user.role, 'site.settings');
  const settings = ExchangeSettings.parse(input);
  await inWriteTransaction(session.store.db, async (tx) => {
    await setMeta(tx, 'exchange_interval_days', settings.intervalDays === null ? '' : String(settings.intervalDays));
    await setMeta(tx, 'exchange_folder', settings.folder ?? '');
    await appendAudit(tx, isoNow(session.clock), session.user.username, [
      { action: 'site.exchangeSettings', new_value: settings.intervalDays === null ? null : String(settings.intervalDays), details: { folder: settings.folder } },
    ]);
  });
  return settings;
}
