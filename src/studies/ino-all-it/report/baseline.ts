// Baseline characteristics at the first inotuzumab dose, overall and by Ph status: continuous summaries and category counts.

import type { CompiledStudy } from '../../../shared/study/compile';
import { summarize } from '../../../core/stats';
import { groupLabel, t } from './labels';
import { groupsOf, valueOf, type SubjectFacts } from './subject-facts';
import type { BaselineRow, BaselineSection, CategoricalCell, ContinuousCell, GroupId } from './types';
import type { Lang as ReportLang } from '../../../shared/study/localized';

type Groups = ReturnType<typeof groupsOf>;

function continuous(groups: Groups, key: string, label: string, unit: string | null, read: (f: SubjectFacts) => number | undefined): BaselineRow {
  const cells = groups.map(({ group, members }): ContinuousCell => {
    const xs = members.map(read).filter((x): x is number => x !== undefined);
    const s = summarize(xs);
    return { group, n: s.n, missing: members.length - s.n, mean: s.mean, median: s.median, q1: s.q1, q3: s.q3, min: s.min, max: s.max };
  });
  return { kind: 'continuous', key, label, unit, cells };
}

function categorical(groups: Groups, key: string, label: string, levels: readonly { code: string; label: string }[], read: (f: SubjectFacts) => string | undefined): BaselineRow {
  const codes = new Set(levels.map((l) => l.code));
  const cells = groups.map(({ group, members }): CategoricalCell => {
    const values = members.map(read);
    return {
      group,
      n: members.length,
      counts: levels.map((l) => ({ code: l.code, n: values.filter((v) => v === l.code).length })),
      missing: values.filter((v) => v === undefined || !codes.has(v)).length,
    };
  });
  return { kind: 'categorical', key, label, levels, cells };
}

export function baselineSection(population: readonly SubjectFacts[], study: CompiledStudy, lang: ReportLang): BaselineSection {
  const groups = groupsOf(population);
  const choices = (form: string, field: string): { code: string; label: string }[] => {
    const compiled = study.field(form, field);
    return (compiled?.choices ?? []).map((c) => ({ code: c.code, label: c.label[lang] }));
  };
  const yesNoUnknown = [
    { code: '1', label: t(lang, 'yes') },
    { code: '0', label: t(lang, 'no') },
    { code: '9', label: t(lang, 'unknown') },
  ];
  const phLevels = [
    { code: 'ph_pos', label: groupLabel(lang, 'ph_pos') },
    { code: 'ph_neg', label: groupLabel(lang, 'ph_neg') },
    { code: 'ph_unknown', label: groupLabel(lang, 'ph_unknown') },
  ];
  const salvage = (f: SubjectFacts): string | undefined => {
    const line = valueOf(f, 'salvage_line');
    return line === undefined ? undefined : line >= 3 ? '3+' : String(line);
  };
  const blasts = (f: SubjectFacts): string | undefined => (f.bmBlastsPct === undefined ? undefined : f.bmBlastsPct >= 50 ? '1' : '0');
  const rows: BaselineRow[] = [
    continuous(groups, 'age_first_dose', t(lang, 'b_age'), 'years', (f) => valueOf(f, 'age_first_dose')),
    categorical(groups, 'sex', t(lang, 'b_sex'), choices('dm', 'sex'), (f) => valueOf(f, 'sex')?.toString()),
    categorical(groups, 'ph_status', t(lang, 'b_ph'), phLevels, (f) => f.phGroup),
    categorical(groups, 'ecog', t(lang, 'b_ecog'), choices('dm', 'ecog'), (f) => f.ecog),
    categorical(groups, 'salvage_line', t(lang, 'b_salvage'), [{ code: '0', label: t(lang, 'salvage_0') }, { code: '1', label: '1' }, { code: '2', label: '2' }, { code: '3+', label: '≥3' }], salvage),
    categorical(groups, 'prior_allo_hsct', t(lang, 'b_prior_hsct'), yesNoUnknown, (f) => f.priorAlloHsct),
    categorical(groups, 'cns_pre_ino', t(lang, 'b_cns'), yesNoUnknown, (f) => f.cnsPreIno),
    categorical(groups, 'bm_blasts_ge50', t(lang, 'b_blasts50'), yesNoUnknown.slice(0, 2), blasts),
    continuous(groups, 'cd22_pct', t(lang, 'b_cd22'), '%', (f) => f.cd22Pct),
  ];
  return { groups: groups.map(({ group, members }) => ({ group: group as GroupId, label: groupLabel(lang, group), n: members.length })), rows };
}
