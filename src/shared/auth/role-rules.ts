// Who may do what: one table for core (which enforces it on every transport) and the UI (which only
// hides what a role cannot do).

import type { Field, Role } from '../study/definition.schema';

export const ACTIONS = {
  'subject.create': ['admin', 'investigator', 'data_entry'],
  'identity.read': ['admin', 'investigator', 'data_entry'],
  'identity.write': ['admin', 'investigator', 'data_entry'],
  'form.save': ['admin', 'investigator', 'data_entry'],
  'form.remove': ['admin', 'investigator', 'data_entry'],
  'form.sign': ['investigator'],
  'form.lock': ['admin'],
  'form.unlock': ['admin'],
  'casebook.lock': ['admin'],
  'user.manage': ['admin'],
  'site.settings': ['admin'],
  'store.backup': ['admin'],
  'data.export': ['admin', 'investigator', 'data_entry', 'monitor'],
  'data.exportIdentified': ['admin'],
  'bundle.export': ['admin', 'investigator', 'data_entry'],
  'receipt.import': ['admin', 'investigator', 'data_entry'],
  'data.read': ['admin', 'investigator', 'data_entry', 'monitor'],
  'central.merge': ['admin'],
  'review.mark': ['admin', 'monitor'],
  'return.import': ['admin', 'investigator', 'data_entry'],
  /** Applying a protocol amendment a return bundle carries (importing one already applied is return.import). */
  'study.amend': ['admin'],
  'central.lock': ['admin'],
  'query.manage': ['admin'],
  'query.answer': ['admin', 'investigator', 'data_entry'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

export function may(role: Role, action: Action): boolean {
  return (ACTIONS[action] as readonly Role[]).includes(role);
}

/** Whether a role may change a field: its writableBy list, or anyone who enters data. */
export function mayWriteField(role: Role, field: Field): boolean {
  if (field.type === 'calc') return false;
  return field.writableBy ? field.writableBy.includes(role) : role !== 'monitor';
}
