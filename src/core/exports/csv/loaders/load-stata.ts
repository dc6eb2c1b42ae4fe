// load.do: a Stata do-file, written beside the CSV files, that imports each file and saves it as a .dta with variable
// labels, value labels (label define before label values), dates converted with date() and the derivations as notes.

import type { Dialect } from '../dialect';
import { MISSING_LABELS, type LoaderFile, type LoaderVariable } from './loader-model';

/** A Stata compound-quoted string `"…"' (safe for any double quote inside), on one line. */
export function stataString(text: string, max = Infinity): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  return `\`"${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}"'`;
}

/** Stata names have at most 32 characters. */
export function stataName(name: string): string {
  return name.length <= 32 ? name : name.slice(0, 32);
}

const integerCodes = (v: LoaderVariable): boolean => (v.codes ?? []).length > 0 && (v.codes ?? []).every((c) => /^-?\d{1,9}$/.test(c.code));

function variableLines(v: LoaderVariable, labelName: string | undefined, dialect: Dialect): string[] {
  const n = stataName(v.name);
  const lines: string[] = [];
  const reasons = MISSING_LABELS.map((m) => `"${m.code}"`).join(', ');
  if (v.missingReasons) {
    const m = stataName(`${v.name}_missing`);
    lines.push(`generate byte ${m} = cond(${n} == "ND", 1, cond(${n} == "NK", 2, cond(${n} == "NA", 3, .)))`, `label values ${m} edc_missing`, `label variable ${m} ${stataString(`${v.label}: missing-data reason`, 80)}`, `replace ${n} = "" if inlist(${n}, ${reasons})`);
  }
  switch (v.kind) {
    case 'number':
      lines.push(`destring ${n}, replace${dialect.decimalComma ? ' dpcomma' : ''}`);
      break;
    case 'date':
      lines.push(`generate double edc_tmp = date(${n}, "YMD")`, `format edc_tmp %td`, `drop ${n}`, `rename edc_tmp ${n}`);
      break;
    case 'factor':
    case 'checkbox':
      if (v.kind === 'checkbox' || labelName) lines.push(`destring ${n}, replace`, `label values ${n} ${v.kind === 'checkbox' ? 'edc_ticked' : labelName!}`);
      break;
    case 'text':
      if (dialect.guardFormulas) lines.push(`replace ${n} = substr(${n}, 2, .) if regexm(${n}, "^'[-=+@]")`);
      break;
    default:
      break;
  }
  lines.push(`label variable ${n} ${stataString(v.label, 80)}`);
  if (v.kind === 'partialDate') lines.push(`notes ${n}: ${stataString('Partial date kept as text (YYYY, YYYY-MM or a full date as exported)')}`);
  if (v.note) lines.push(`notes ${n}: ${stataString(v.note)}`);
  return lines;
}

/** One file: import (which clears the value labels in memory), then its value labels, then each variable, then save. */
function fileBlock(file: LoaderFile, dialect: Dialect): string[] {
  const labels = new Map<string, string>();
  const defines: string[] = [];
  for (const v of file.variables) {
    if (v.kind !== 'factor' || !integerCodes(v)) continue;
    const key = JSON.stringify(v.codes);
    if (labels.has(key)) continue;
    const name = `edc_l${labels.size + 1}`;
    labels.set(key, name);
    defines.push(`label define ${name} ${(v.codes ?? []).map((c) => `${c.code} ${stataString(c.label)}`).join(' ')}, replace`);
  }
  return [
    ``,
    `* ${file.file}`,
    `import delimited using "${file.file}", delimiters("${dialect.delimiter}") varnames(1) case(preserve) stringcols(_all) encoding("utf-8") bindquotes(strict) clear`,
    ...COMMON_LABELS,
    ...defines,
    ...file.variables.flatMap((v) => variableLines(v, v.kind === 'factor' && integerCodes(v) ? labels.get(JSON.stringify(v.codes)) : undefined, dialect)),
    `save "${file.name}.dta", replace`,
  ];
}

export function loadStata(files: readonly LoaderFile[], dialect: Dialect): string {
  return [
    `* load.do, written by edc with this CSV export (dialect ${dialect.name}): imports every CSV file of this folder and`,
    `* saves it as <file>.dta with variable labels, value labels from codebook.csv, dates as Stata dates and notes.`,
    `* Run it in this folder: do load.do. ND/NK/NA become missing with a <field>_missing labelled variable.`,
    `version 14`,
    `set more off`,
    ...files.flatMap((f) => fileBlock(f, dialect)),
    ``,
  ].join('\n');
}

const COMMON_LABELS = [
  `label define edc_missing ${MISSING_LABELS.map((m, i) => `${i + 1} ${stataString(m.label)}`).join(' ')}, replace`,
  `label define edc_ticked 1 "Ticked" 0 "Not ticked", replace`,
];
