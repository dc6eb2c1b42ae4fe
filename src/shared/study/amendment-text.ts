// An amendment in words, for the coordinator who makes it and the site admin who applies it (CLI and app
// alike): one line per change of the diff and one per rule of the migration, from the catalogue's cli texts.

import { translate, type Lang } from '../i18n/catalogue';
import type { AmendmentChange } from './amendment-diff';
import type { AmendmentMigration } from './amendment-migration';

/** One change of the diff, e.g. "dm: field ecog added". */
export function amendmentChangeText(change: AmendmentChange, lang: Lang): string {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(change)) if (key !== 'kind') params[key] = Array.isArray(value) ? value.join(', ') || '—' : String(value);
  return translate(lang, 'cli', `amend.change.${change.kind}`, params);
}

function valueText(value: AmendmentMigration['set'][number]['value']): string {
  if (value === null) return '—';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** The migration's rules in the order they are applied; one line saying there is none when it is empty. */
export function migrationLines(migration: AmendmentMigration, lang: Lang): string[] {
  const t = (key: string, params: Record<string, string>): string => translate(lang, 'cli', `amend.migration.${key}`, params);
  const lines = [
    ...migration.renames.map((r) => t('rename', { form: r.form, from: r.from, to: r.to })),
    ...migration.moves.map((m) => t('move', { field: m.field, from: m.from, to: m.to })),
    ...migration.recodes.map((r) => t('recode', { form: r.form, field: r.field, map: Object.entries(r.map).map(([from, to]) => `${from} → ${to ?? from}`).join(', ') })),
    ...migration.set.map((s) => t('set', { form: s.form, field: s.field, value: valueText(s.value) })),
  ];
  return lines.length > 0 ? lines : [t('none', {})];
}
