// The one print layout of CRFs (HTML + print CSS), blank or filled: a document per study or casebook, a section
// per form, a row per field with its choices, unit and the checks that concern it. Pure: data in, HTML out.

import { translate, type MessageParams } from '../../../shared/i18n/catalogue';
import type { CompiledStudy } from '../../../shared/study/compile';
import type { Field, Form } from '../../../shared/study/definition.schema';
import type { Lang } from '../../../shared/study/localized';

/** More choices than this (a reference list such as CTCAE terms) are named, not listed. */
export const LISTED_CHOICES = 40;

export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function crfText(lang: Lang, key: string, params: MessageParams = {}): string {
  return translate(lang, 'report', `crf.${key}`, params);
}

/** A4 portrait; every form starts on a new page; rows never split across pages. */
const PRINT_CSS = `
@page { size: A4; margin: 15mm 12mm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #000; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 0 0 6pt; border-bottom: 1.5pt solid #000; padding-bottom: 2pt; }
h3 { font-size: 11pt; margin: 8pt 0 4pt; }
.meta { margin: 0 0 8pt; }
.meta dt { font-weight: bold; display: inline; }
.meta dd { display: inline; margin: 0 12pt 0 4pt; }
section.form { page-break-before: always; break-before: page; }
table { width: 100%; border-collapse: collapse; margin-bottom: 6pt; }
th, td { border: 0.75pt solid #555; padding: 3pt 4pt; vertical-align: top; text-align: left; }
th { background: #e8e8e8; }
tr { page-break-inside: avoid; break-inside: avoid; }
.name { font-family: 'DejaVu Sans Mono', monospace; font-size: 8pt; color: #333; }
.choices { margin: 0; padding: 0; list-style: none; }
.choices li::before { content: '\\2610\\00a0'; }
.value { min-width: 40mm; }
.blank .value { height: 14pt; }
.checks li, .notes li { margin-bottom: 2pt; }
.signature { border: 1.5pt solid #000; padding: 6pt; margin: 6pt 0; }
.locked { border: 1.5pt dashed #000; padding: 4pt; margin: 4pt 0; font-weight: bold; }
.small { font-size: 8.5pt; }
@media screen { body { max-width: 190mm; margin: 10mm auto; } }
`;

export function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>${PRINT_CSS}</style></head>
<body>${body}</body></html>
`;
}

/** What a field accepts, in words: its type, unit, limits, choices (or the list they come from). */
function fieldSpec(study: CompiledStudy, form: Form, field: Field, lang: Lang): string {
  const parts: string[] = [];
  const choices = study.field(form.key, field.name)?.choices;
  if (field.type === 'calc') parts.push(crfText(lang, 'calculated'));
  else if (!choices) parts.push(crfText(lang, `types.${field.type}`));
  if ('unit' in field && field.unit) parts.push(`${crfText(lang, 'unit')}: ${esc(field.unit)}`);
  if ('min' in field && field.min !== undefined && 'max' in field && field.max !== undefined) parts.push(crfText(lang, 'range', { min: field.min, max: field.max }));
  let out = parts.length ? `<div>${parts.map(esc).join(' · ')}</div>` : '';
  if (choices && field.type !== 'calc') {
    const reference = 'reference' in field ? field.reference : undefined;
    if (choices.length > LISTED_CHOICES) {
      const source = reference ? study.definition.references[reference]?.source : undefined;
      out += `<div>${esc(crfText(lang, 'fromList', { source: source ?? reference ?? '', count: choices.length }))}</div>`;
    } else {
      out += `<ul class="choices">${choices.map((c) => `<li>${esc(c.label[lang])} <span class="name">[${esc(c.code)}]</span></li>`).join('')}</ul>`;
      if (field.type === 'multi') out = `<div>${esc(crfText(lang, 'multi'))}</div>${out}`;
    }
  }
  if (field.type !== 'calc' && field.missingReasons.length > 0) out += `<div class="small">${esc(crfText(lang, 'missingAllowed', { reasons: field.missingReasons.join(', ') }))}</div>`;
  return out;
}

function fieldLabel(field: Field, lang: Lang): string {
  const required = field.type !== 'calc' && field.required ? ' *' : '';
  const help = field.help ? `<div class="small">${esc(field.help[lang])}</div>` : '';
  return `${esc(field.label[lang])}${required} <span class="name">${esc(field.name)}</span>${help}`;
}

/** The checks of a form with their messages, as the entry screen shows them. */
export function checksOf(study: CompiledStudy, form: Form, lang: Lang): string {
  const checks = study.checks.filter((c) => c.forms.includes(form.key));
  if (checks.length === 0) return '';
  const items = checks.map((c) => `<li><b>${esc(c.check.id)}</b> (${esc(crfText(lang, `severity.${c.check.severity}`))}): ${esc(c.check.message[lang])}</li>`);
  return `<h3>${esc(crfText(lang, 'checks'))}</h3><ul class="checks">${items.join('')}</ul>`;
}

/** A form's fields as a table: blank (an empty value column) or with the values given. */
export function fieldsTable(study: CompiledStudy, form: Form, lang: Lang, values?: (field: Field) => string): string {
  const head = `<tr><th>${esc(crfText(lang, 'field'))}</th><th>${esc(crfText(lang, 'accepts'))}</th><th>${esc(crfText(lang, 'value'))}</th></tr>`;
  const rows = form.fields.map((f) => `<tr><td>${fieldLabel(f, lang)}</td><td>${fieldSpec(study, form, f, lang)}</td><td class="value">${values ? values(f) : ''}</td></tr>`);
  return `<table class="${values ? 'filled' : 'blank'}">${head}${rows.join('')}</table>`;
}

export function formHeading(form: Form, lang: Lang, suffix = ''): string {
  return `<h2>${esc(`${form.specId} ${form.title[lang]}${suffix}`)}</h2>`;
}
