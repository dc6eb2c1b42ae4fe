// The blank CRF for the site file: every form, field, choice, unit and check message of a study definition,
// in Italian or English, in the one print layout (crf-layout.ts).

import type { Lang } from '../../../shared/study/localized';
import type { LoadedStudy } from '../../study/load-definition';
import { checksOf, crfText, esc, fieldsTable, formHeading, page } from './crf-layout';

export function blankCrfHtml(study: LoadedStudy, lang: Lang): string {
  const def = study.definition;
  const title = crfText(lang, 'blankTitle', { study: def.title[lang] });
  const intro = `<h1>${esc(title)}</h1>
<dl class="meta"><dt>${esc(crfText(lang, 'study'))}</dt><dd>${esc(def.id)} ${esc(def.version)}</dd><dt>${esc(crfText(lang, 'definitionHash'))}</dt><dd class="name">${esc(study.hash)}</dd></dl>
<p>${esc(crfText(lang, 'blankIntro'))}</p>
<p class="small">${esc(crfText(lang, 'missingLegend'))}</p>
<div class="signature"><b>${esc(crfText(lang, 'signatureMeaning'))}</b>: ${esc(def.signatureMeaning[lang])}<br>${esc(crfText(lang, 'signedByBlank'))}</div>`;
  const forms = def.forms.map((form) => `<section class="form">${formHeading(form, lang, form.repeating ? ` (${crfText(lang, 'repeating')})` : '')}${fieldsTable(study.compiled, form, lang)}${checksOf(study.compiled, form, lang)}</section>`);
  return page(lang, title, intro + forms.join(''));
}
