// README.md of a REDCap export: what the files are, the Missing Data Codes to paste in the project's
// settings, the three uploads in order, and what REDCap does not compute. Texts from the catalogue.

import { translate } from '../../../shared/i18n/catalogue';
import type { MissingReason } from '../../../shared/study/definition.schema';
import type { Lang } from '../../../shared/study/localized';
import type { DictionaryGaps } from '../dictionary/redcap-field';
import { MISSING_REASON_LABELS } from '../dictionary/missing-reasons';

export interface ReadmeFacts {
  readonly lang: Lang;
  readonly study: { readonly id: string; readonly version: string; readonly title: string };
  readonly scope: 'site' | 'central';
  readonly date: string;
  readonly subjects: number;
  readonly rows: number;
  readonly variables: number;
  readonly repeating: number;
  readonly calculations: number;
  readonly missingReasons: readonly MissingReason[];
  readonly gaps: DictionaryGaps;
}

/** The lines for REDCap's Missing Data Codes box: `code, label`, one per line, as REDCap's choices are written. */
export function missingDataCodes(reasons: readonly MissingReason[], lang: Lang): string[] {
  return reasons.map((r) => `${r}, ${MISSING_REASON_LABELS[r][lang]}`);
}

export function redcapReadme(f: ReadmeFacts): string {
  const t = (key: string, params: Record<string, string | number> = {}): string => translate(f.lang, 'redcap', `readme.${key}`, params);
  const list = (names: readonly string[]): string => names.map((n) => `\`${n}\``).join(', ');
  const { gaps } = f;
  const conditionFields = [...new Set(gaps.conditions.map((c) => c.field))];
  const translated = f.calculations - gaps.calculations.length - gaps.appValues.length;
  const scope = t(f.scope === 'central' ? 'scopeCentral' : 'scopeSite');
  const lines = [
    t('title', { study: f.study.title }),
    '',
    t('intro', { id: f.study.id, version: f.study.version, subjects: f.subjects, scope, date: f.date }),
    '',
    t('files', { variables: f.variables, repeating: f.repeating, rows: f.rows }),
    '',
    t('missingTitle'),
    '',
    '```',
    ...missingDataCodes(f.missingReasons, f.lang),
    '```',
    '',
    t('stepsTitle'),
    '',
    t('step1'),
    t('step2'),
    t('step3'),
    '',
    t('calcsTitle'),
    '',
    `- ${t('calcsTranslated', { count: translated })}`,
    ...(gaps.calculations.length > 0 ? [`- ${t('calcsApp', { count: gaps.calculations.length, fields: list(gaps.calculations.map((c) => c.field)) })}`] : []),
    ...(gaps.appValues.length > 0 ? [`- ${t('appValues', { count: gaps.appValues.length, fields: list(gaps.appValues) })}`] : []),
    ...(conditionFields.length > 0 ? [`- ${t('conditions', { count: conditionFields.length, fields: list(conditionFields) })}`] : []),
    `- ${t('semantics')}`,
    '',
  ];
  return lines.join('\n');
}
