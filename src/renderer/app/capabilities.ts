// What the logged-in user may do here: the role table, narrowed by the store (a coordinator's central store is
// read-only data from the sites: no entry, signatures, identification log, site backups or bundle exports).

import type { Role } from '../../shared/study/definition.schema';
import { may, type UiAction } from './permissions';

export type StoreKind = 'site' | 'central';

/** Actions that only make sense on a site store. */
export const SITE_ONLY: readonly UiAction[] = [
  'subject.create',
  'identity.read',
  'identity.write',
  'form.save',
  'form.remove',
  'form.sign',
  'form.lock',
  'form.unlock',
  'casebook.lock',
  'store.backup',
  'bundle.export',
  'receipt.import',
  'data.exportIdentified',
  'query.answer',
];

/** Actions that only make sense on the central store. */
export const CENTRAL_ONLY: readonly UiAction[] = ['central.merge', 'query.manage'];

export function canDo(role: Role, kind: StoreKind, action: UiAction): boolean {
  if (kind === 'central' && SITE_ONLY.includes(action)) return false;
  if (kind === 'site' && CENTRAL_ONLY.includes(action)) return false;
  return may(role, action);
}
