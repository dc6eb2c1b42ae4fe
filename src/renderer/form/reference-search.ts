// Search over a reference list (CTCAE v5.0 terms): by word starts of the term in any language the list carries, of its
// synonyms and of its group (SOC), or by the key (MedDRA code); accent- and case-insensitive, term-start matches first.

import { REFERENCE_SYNONYM_SEPARATOR, type ReferenceList } from '../../shared/study/definition.schema';
import type { Lang } from '../../shared/study/localized';

export interface LocalizedOption {
  /** Absent when the list is translated into the language but this entry is not. */
  readonly label?: string;
  readonly group?: string;
  readonly synonyms: readonly string[];
}

export interface ReferenceOption {
  readonly key: string;
  /** The list's own label (the English CTCAE term): what exports and the stored record name. */
  readonly label: string;
  readonly group: string;
  readonly attributes: Readonly<Record<string, string | null>>;
  /** Per language the list is translated into. */
  readonly localized: Readonly<Partial<Record<Lang, LocalizedOption>>>;
}

/** What an option shows in a language: its label there, the list's label beside it when they differ, its group. */
export interface OptionDisplay {
  readonly label: string;
  /** The list's label, shown beside a translated one. */
  readonly original?: string;
  /** The list is translated into the language but this entry is not: shown in the list's language, marked. */
  readonly untranslated: boolean;
  readonly group: string;
}

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const wordsOf = (folded: string): string[] => folded.split(/[^a-z0-9]+/).filter((w) => w !== '');

/** Folded, punctuation dropped: "Chest pain - cardiac" and "chest pain cardiac" compare equal. */
const normal = (s: string): string => wordsOf(fold(s)).join(' ');

export function referenceOptions(list: ReferenceList): ReferenceOption[] {
  const attr = (e: ReferenceList['entries'][number], name: string | undefined): string | undefined => (name ? (e.attributes[name] ?? undefined) : undefined);
  return list.entries.map((e) => {
    const localized: Partial<Record<Lang, LocalizedOption>> = {};
    for (const [lang, names] of Object.entries(list.localized ?? {}) as [Lang, NonNullable<ReferenceList['localized']>[Lang]][]) {
      if (!names) continue;
      const label = attr(e, names.label);
      const group = attr(e, names.group);
      const synonyms = attr(e, names.synonyms)?.split(REFERENCE_SYNONYM_SEPARATOR) ?? [];
      localized[lang] = { ...(label ? { label } : {}), ...(group ? { group } : {}), synonyms };
    }
    return {
      key: e.key,
      label: e.attributes[list.labelAttribute] ?? e.key,
      group: list.groupAttribute ? (e.attributes[list.groupAttribute] ?? '') : '',
      attributes: e.attributes,
      localized,
    };
  });
}

export function displayOf(option: ReferenceOption, lang: Lang): OptionDisplay {
  const local = option.localized[lang];
  if (!local) return { label: option.label, untranslated: false, group: option.group };
  const group = local.group ?? option.group;
  if (!local.label) return { label: option.label, untranslated: true, group };
  return { label: local.label, ...(local.label !== option.label ? { original: option.label } : {}), untranslated: false, group };
}

interface Indexed {
  readonly option: ReferenceOption;
  /** Label in the display language (normal), for the first rank and the order. */
  readonly shown: string;
  /** Labels in every language and synonyms (normal). */
  readonly names: readonly string[];
  readonly nameWords: readonly string[];
  readonly groupWords: readonly string[];
  /** Everything folded in one string, for the last-resort substring match. */
  readonly all: string;
}

function indexOne(option: ReferenceOption, lang: Lang): Indexed {
  const locals = Object.values(option.localized);
  const names = [option.label, ...locals.flatMap((l) => [...(l.label ? [l.label] : []), ...l.synonyms])].map(normal);
  const groups = [option.group, ...locals.flatMap((l) => (l.group ? [l.group] : []))].map(normal);
  return {
    option,
    shown: normal(displayOf(option, lang).label),
    names,
    nameWords: names.flatMap((n) => n.split(' ')),
    groupWords: groups.flatMap((g) => g.split(' ')),
    all: [...names, ...groups].join(' | '),
  };
}

/** Rank of a match (lower first), or undefined when the option does not match every word of the query. */
function rank(item: Indexed, phrase: string, words: readonly string[]): number | undefined {
  const inNames = (w: string): boolean => item.nameWords.some((n) => n.startsWith(w));
  const inGroup = (w: string): boolean => item.groupWords.some((g) => g.startsWith(w));
  if (item.shown.startsWith(phrase)) return 0;
  if (item.names.some((n) => n.startsWith(phrase))) return 1;
  if (words.every(inNames)) return 2;
  if (words.every((w) => inNames(w) || inGroup(w))) return 3;
  if (words.every((w) => item.all.includes(w))) return 4;
  return undefined;
}

/** A search function over the options; `lang` is the display language, which orders equal matches. */
export function createReferenceIndex(options: readonly ReferenceOption[], lang: Lang = 'en'): (query: string, limit?: number) => ReferenceOption[] {
  const indexed = options.map((o) => indexOne(o, lang));
  return (query, limit = 50) => {
    const q = fold(query.trim());
    if (q === '') return [];
    if (/^\d+$/.test(q)) return indexed.filter((i) => i.option.key.startsWith(q)).slice(0, limit).map((i) => i.option);
    const words = wordsOf(q);
    if (words.length === 0) return [];
    const phrase = words.join(' ');
    const scored: { score: number; item: Indexed }[] = [];
    for (const item of indexed) {
      const score = rank(item, phrase, words);
      if (score !== undefined) scored.push({ score, item });
    }
    scored.sort((a, b) => a.score - b.score || a.item.shown.localeCompare(b.item.shown));
    return scored.slice(0, limit).map((s) => s.item.option);
  };
}
