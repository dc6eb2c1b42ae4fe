// Role rules enforced in core, for every transport (the table itself is shared with the UI).

import { ACTION_LABELS, may, type Action } from '../../shared/auth/role-rules';
import { AppError } from '../../shared/errors/app-error';
import type { Role } from '../../shared/study/definition.schema';

export { ACTIONS, may, type Action } from '../../shared/auth/role-rules';

export function requireRole(role: Role, action: Action): void {
  if (!may(role, action)) throw new AppError('role.forbidden', { role, action: ACTION_LABELS[action] });
}
