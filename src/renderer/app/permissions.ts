// What each role may do, mirrored from core's rules only to hide what a role cannot do; the server enforces them.

import type { Field, Role } from '../../shared/study/definition.schema';

const ALLOWED = {
  'subject.create': ['admin', 'investigator', 'data_entry'],
  'identity.read': ['admin', 'investigator', 'data_entry'],
  'identity.write': ['admin', 'investigator', 'data_entry'],
  'form.save': ['admin', 'investigator', 'data_entry'],
  'form.remove': ['admin', 'investigator', 'data_entry'],
  'form.sign': ['investigator'],
  'form.lock': ['admin'],
  'form.unlock': ['admin'],
  'user.manage': ['admin'],
  'site.settings': ['admin'],
  'store.backup': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type UiAction = keyof typeof ALLOWED;

export function may(role: Role, action: UiAction): boolean {
  return (ALLOWED[action] as readonly Role[]).includes(role);
}

/** Whether a role may change a field: its writableBy list, or anyone who enters data. */
export function mayWriteField(role: Role, field: Field): boolean {
  if (field.type === 'calc') return false;
  return field.writableBy ? field.writableBy.includes(role) : role !== 'monitor';
}
