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
  'user.manage': ['admin'],
  'site.settings': ['admin'],
  'store.backup': ['admin'],
  'data.export': ['admin', 'investigator', 'data_entry', 'monitor'],
  'data.exportIdentified': ['admin'],
  'bundle.export': ['admin', 'investigator', 'data_entry'],
  'receipt.import': ['admin', 'investigator', 'data_entry'],
  'data.read': ['admin', 'investigator', 'data_entry', 'monitor'],
  'central.merge': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

export const ACTION_LABELS: Readonly<Record<Action, { it: string; en: string }>> = {
  'subject.create': { en: 'enrol subjects', it: 'arruolare pazienti' },
  'identity.read': { en: 'see the identification log', it: 'vedere il registro di identificazione' },
  'identity.write': { en: 'edit the identification log', it: 'modificare il registro di identificazione' },
  'form.save': { en: 'enter or change data', it: 'inserire o modificare dati' },
  'form.remove': { en: 'remove form instances', it: 'rimuovere istanze di schede' },
  'form.sign': { en: 'sign forms', it: 'firmare le schede' },
  'form.lock': { en: 'lock forms', it: 'bloccare le schede' },
  'form.unlock': { en: 'unlock forms', it: 'sbloccare le schede' },
  'user.manage': { en: 'manage users', it: 'gestire gli utenti' },
  'site.settings': { en: 'change site settings', it: 'modificare le impostazioni del centro' },
  'store.backup': { en: 'back up or restore the database', it: 'eseguire backup o ripristino del database' },
  'data.export': { en: 'export data', it: 'esportare i dati' },
  'data.exportIdentified': { en: 'export identified data', it: 'esportare dati identificativi' },
  'bundle.export': { en: 'export bundles', it: 'esportare pacchetti' },
  'receipt.import': { en: 'import receipts', it: 'importare ricevute' },
  'data.read': { en: 'read data', it: 'leggere i dati' },
  'central.merge': { en: 'merge bundles', it: 'accorpare pacchetti' },
};

export function may(role: Role, action: Action): boolean {
  return (ACTIONS[action] as readonly Role[]).includes(role);
}

/** Whether a role may change a field: its writableBy list, or anyone who enters data. */
export function mayWriteField(role: Role, field: Field): boolean {
  if (field.type === 'calc') return false;
  return field.writableBy ? field.writableBy.includes(role) : role !== 'monitor';
}
