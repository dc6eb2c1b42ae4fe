// A subject's filled casebook in the print layout of the blank CRF: every instance with its values, status,
// audit summary and the signature manifestation of 21 CFR 11.50 (printed name, date and time, meaning).

import { findUser } from '../../../db/repositories/users.repository';
import type { AuditEntryOut, FormInstanceOut } from '../../../shared/contract/forms';
import { AppError } from '../../../shared/errors/app-error';
import { formatTimestampUtc } from '../../../shared/format';
import type { CompiledStudy } from '../../../shared/study/compile';
import type { Field } from '../../../shared/study/definition.schema';
import { isEmptyEntry, isMissing, type StoredEntry } from '../../../shared/study/entries';
import type { Lang } from '../../../shared/study/localized';
import { fieldHistory } from '../../audit/audit-queries';
import { getFormInstance } from '../../forms/instance-actions';
import type { Session } from '../../store/session';
import { getCasebook } from '../../subjects/casebook';
import { checksOf, crfText, esc, fieldsTable, formHeading, page } from './crf-layout';

/** Lifecycle actions always shown in the audit summary; field changes only when they carry a reason. */
const LIFECYCLE = new Set(['form.create', 'form.status', 'form.sign', 'form.lock', 'form.unlock', 'form.signatureVoided', 'check.override', 'form.remove']);

function valueText(study: CompiledStudy, form: string, field: Field, entry: unknown, lang: Lang): string {
  if (entry === undefined || entry === null || isEmptyEntry(entry as StoredEntry)) return '';
  if (isMissing(entry)) return `[${entry.missing}] ${crfText(lang, `missing.${entry.missing}`)}`;
  const choices = study.field(form, field.name)?.choices;
  const label = (code: string): string => choices?.find((c) => c.code === code)?.label[lang] ?? code;
  if (Array.isArray(entry)) return entry.map((c) => label(String(c))).join('; ');
  if (choices && typeof entry === 'string') return `${label(entry)} [${entry}]`;
  const unit = 'unit' in field && field.unit ? ` ${field.unit}` : '';
  return `${typeof entry === 'number' && lang === 'it' ? String(entry).replace('.', ',') : String(entry)}${unit}`;
}

async function printedName(session: Session, username: string): Promise<string> {
  // At the centre the site's users are not known: the user name is what the bundle carries.
  const user = await findUser(session.store.db, username);
  return user ? `${user.displayName} (${username})` : username;
}

async function signatureBlock(session: Session, instance: FormInstanceOut, lang: Lang): Promise<string> {
  if (!instance.signedBy || !instance.signedAt) return `<p class="small">${esc(crfText(lang, 'notSigned'))}</p>`;
  const rows = [
    [crfText(lang, 'signedBy'), await printedName(session, instance.signedBy)],
    [crfText(lang, 'signedAt'), formatTimestampUtc(instance.signedAt, lang)],
    [crfText(lang, 'signatureMeaning'), instance.signMeaning ?? session.study.definition.signatureMeaning[lang]],
  ];
  return `<div class="signature"><b>${esc(crfText(lang, 'signature'))}</b><br>${rows.map(([k, v]) => `${esc(k!)}: ${esc(v!)}`).join('<br>')}</div>`;
}

function auditSummary(entries: readonly AuditEntryOut[], lang: Lang): string {
  const changes = entries.filter((e) => e.action === 'field.change').length;
  const shown = entries.filter((e) => LIFECYCLE.has(e.action) || (e.action === 'field.change' && e.reason));
  const first = entries[0];
  const last = entries[entries.length - 1];
  const line = first && last ? crfText(lang, 'auditLine', { created: formatTimestampUtc(first.at, lang), creator: first.user, changes, last: formatTimestampUtc(last.at, lang), lastUser: last.user }) : '';
  const head = `<tr><th>${esc(crfText(lang, 'auditAt'))}</th><th>${esc(crfText(lang, 'auditUser'))}</th><th>${esc(crfText(lang, 'auditAction'))}</th><th>${esc(crfText(lang, 'auditChange'))}</th><th>${esc(crfText(lang, 'auditReason'))}</th></tr>`;
  const rows = shown.map((e) => {
    const change = e.field ? `${e.field}: ${e.oldValue ?? '∅'} → ${e.newValue ?? '∅'}` : e.oldValue || e.newValue ? `${e.oldValue ?? '∅'} → ${e.newValue ?? '∅'}` : '';
    return `<tr><td>${esc(formatTimestampUtc(e.at, lang))}</td><td>${esc(e.user)}</td><td>${esc(e.action)}</td><td>${esc(change)}</td><td>${esc(e.reason ?? '')}</td></tr>`;
  });
  return `<h3>${esc(crfText(lang, 'audit'))}</h3><p class="small">${esc(line)}</p>${rows.length ? `<table class="small">${head}${rows.join('')}</table>` : ''}`;
}

export async function casebookHtml(session: Session, subjectId: string, lang: Lang): Promise<string> {
  const casebook = await getCasebook(session, { subjectId });
  if (!casebook) throw new AppError('subject.notFound', { subject: subjectId });
  const study = session.study;
  const audit = await fieldHistory(session, { subjectId });
  const title = crfText(lang, 'casebookTitle', { subject: subjectId });
  const meta = [
    [crfText(lang, 'study'), `${study.definition.id} ${study.definition.version}`],
    [crfText(lang, 'site'), casebook.subject.siteId],
    [crfText(lang, 'printedAt'), formatTimestampUtc(session.clock().toISOString(), lang)],
    [crfText(lang, 'printedBy'), `${session.user.displayName} (${session.user.username})`],
  ];
  let body = `<h1>${esc(title)}</h1><dl class="meta">${meta.map(([k, v]) => `<dt>${esc(k!)}</dt><dd>${esc(v!)}</dd>`).join('')}</dl>`;
  body += `<p>${esc(crfText(lang, 'casebookSummary', { forms: casebook.instances.length, signed: casebook.subject.signed, locked: casebook.subject.locked }))}</p>`;
  for (const overview of casebook.instances) {
    const form = study.compiled.form(overview.form);
    if (!form) continue;
    const instance = await getFormInstance(session, { subjectId, form: overview.form, instanceNo: overview.instanceNo });
    const values = { ...instance.data, ...instance.calcs } as Record<string, unknown>;
    const suffix = form.repeating ? ` #${instance.instanceNo}` : '';
    const status = `<p><b>${esc(crfText(lang, 'status'))}</b>: ${esc(crfText(lang, `statuses.${instance.status}`))}</p>`;
    const table = fieldsTable(study.compiled, form, lang, (f) => esc(valueText(study.compiled, form.key, f, values[f.name], lang)));
    const entries = audit.filter((e) => e.form === form.key && e.instanceNo === instance.instanceNo);
    body += `<section class="form">${formHeading(form, lang, suffix)}${status}${table}${checksOf(study.compiled, form, lang)}${await signatureBlock(session, instance, lang)}${auditSummary(entries, lang)}</section>`;
  }
  return page(lang, title, body);
}
