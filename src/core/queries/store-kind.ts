// Which store a query action belongs to: raising, closing and re-opening at the centre, answering at the site.

import { AppError } from '../../shared/errors/app-error';
import type { Session } from '../store/session';

export function requireStoreKind(session: Session, expected: 'site' | 'central'): void {
  if (session.info.kind !== expected) throw new AppError('store.wrongKind', { found: session.info.kind, expected });
}
