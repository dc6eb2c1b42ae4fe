// Search over a reference list (CTCAE v5.0 terms): by words of the term, by the group (SOC), or by the key
// (MedDRA code); term-start matches first.

import type { ReferenceList } from '../../shared/study/definition.schema';

export interface ReferenceOption {
  readonly key: string;
  readonly label: string;
  readonly group: string;
  readonly attributes: Readonly<Record<string, string | null>>;
}

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export function referenceOptions(list: ReferenceList): ReferenceOption[] {
  return list.entries.map((e) => ({
    key: e.key,
    label: e.attributes[list.labelAttribute] ?? e.key,
    group: list.groupAttribute ? (e.attributes[list.groupAttribute] ?? '') : '',
    attributes: e.attributes,
  }));
}

interface Indexed {
  readonly option: ReferenceOption;
  readonly label: string;
  readonly group: string;
}

export function createReferenceIndex(options: readonly ReferenceOption[]): (query: string, limit?: number) => ReferenceOption[] {
  const indexed: Indexed[] = options.map((option) => ({ option, label: fold(option.label), group: fold(option.group) }));
  return (query, limit = 50) => {
    const q = fold(query.trim());
    if (q === '') return [];
    if (/^\d+$/.test(q)) return indexed.filter((i) => i.option.key.startsWith(q)).slice(0, limit).map((i) => i.option);
    const words = q.split(/\s+/);
    const scored: { score: number; item: Indexed }[] = [];
    for (const item of indexed) {
      const inLabel = words.every((w) => item.label.includes(w));
      const inGroup = !inLabel && words.every((w) => item.group.includes(w) || item.label.includes(w));
      if (!inLabel && !inGroup) continue;
      const score = item.label.startsWith(q) ? 0 : item.label.split(/[\s,-]+/).some((w) => w.startsWith(words[0]!)) ? 1 : inLabel ? 2 : 3;
      scored.push({ score, item });
    }
    scored.sort((a, b) => a.score - b.score || a.item.label.localeCompare(b.item.label));
    return scored.slice(0, limit).map((s) => s.item.option);
  };
}
