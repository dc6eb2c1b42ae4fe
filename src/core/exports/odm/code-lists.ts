// ODM CodeLists: shared lists, inline choices, reference lists (CTCAE by MedDRA code) and the lists Flags use.

import { FORM_STATUSES } from '../../../shared/study/evaluate-subject';
import { MISSING_REASONS, type Choice, type ReferenceList } from '../../../shared/study/definition.schema';
import type { Localized } from '../../../shared/study/localized';
import { MISSING_REASON_LABELS } from '../dictionary/missing-reasons';
import { codeListDataType, type OdmModel } from './model';
import * as oid from './oids';
import { translated, translatedEl } from './translated';
import { el, type Attr } from './xml';

interface ListItem {
  readonly code: string;
  readonly decode: Localized | { readonly en: string };
  readonly aliases?: readonly Attr[];
}

function codeList(listOid: string, name: string, items: readonly ListItem[], description?: Localized | { readonly en: string }): string {
  const dataType = codeListDataType(items.map((i) => i.code));
  const body = items.map((item, i) =>
    el(
      'CodeListItem',
      [['CodedValue', item.code], ['OrderNumber', i + 1]],
      el('Decode', [], translated(item.decode)),
      ...(item.aliases ?? []).filter(([, value]) => value !== undefined && value !== null && value !== '').map(([context, value]) => el('Alias', [['Context', context], ['Name', value]])),
    ),
  );
  return el('CodeList', [['OID', listOid], ['Name', name], ['DataType', dataType]], description ? translatedEl('Description', description) : '', ...body);
}

const fromChoices = (choices: readonly Choice[]): ListItem[] => choices.map((c) => ({ code: c.code, decode: c.label }));

const FORM_STATUS_LABELS: Readonly<Record<(typeof FORM_STATUSES)[number], Localized>> = {
  draft: { en: 'Draft', it: 'Bozza' },
  complete: { en: 'Complete', it: 'Completa' },
  signed: { en: 'Signed by the investigator', it: 'Firmata dallo sperimentatore' },
  locked: { en: 'Locked', it: 'Bloccata' },
};

export const FLAG_TYPES = { missingReason: 'MissingReason', formStatus: 'FormStatus', queryStatus: 'QueryStatus' } as const;

function referenceList(name: string, list: ReferenceList): string {
  const meddra = name === 'ctcae' ? ' (the MedDRA code of the CTCAE term)' : '';
  return codeList(
    oid.referenceCodeListOid(name),
    `Reference list ${name}`,
    list.entries.map((e) => ({
      code: e.key,
      decode: { en: e.attributes[list.labelAttribute] ?? e.key },
      aliases: list.groupAttribute ? [[list.groupAttribute, e.attributes[list.groupAttribute]]] : [],
    })),
    { en: `${list.source}. CodedValue is the entry key${meddra}.` },
  );
}

/** Every CodeList of the metadata, in a stable order, one element per string. */
export function* codeLists(model: OdmModel): Generator<string> {
  const d = model.study.definition;
  for (const [name, choices] of Object.entries(d.codeLists)) yield codeList(oid.sharedCodeListOid(name), name, fromChoices(choices));
  for (const form of model.forms) {
    for (const field of form.form.fields) {
      if ((field.type === 'single' || field.type === 'calc') && field.choices) {
        yield codeList(oid.fieldCodeListOid(form.form.key, field.name), `${field.name} choices`, fromChoices(field.choices));
      }
    }
  }
  for (const [name, list] of Object.entries(d.references)) yield referenceList(name, list);
  const ynu = model.forms.flatMap((f) => f.items).find((i) => i.field.type === 'ynu');
  const ynuChoices = ynu ? model.study.field(ynu.form.key, ynu.field.name)?.choices : undefined;
  if (ynuChoices) yield codeList(oid.YNU_CODE_LIST_OID, 'Yes / no / unknown', fromChoices(ynuChoices));
  yield codeList(oid.TICKED_CODE_LIST_OID, 'Choice ticked', [
    { code: '1', decode: { en: 'Ticked', it: 'Selezionato' } },
    { code: '0', decode: { en: 'Not ticked', it: 'Non selezionato' } },
  ]);
  yield codeList(
    oid.MISSING_REASON_CODE_LIST_OID,
    'Missing-data reason',
    MISSING_REASONS.map((r) => ({ code: r, decode: MISSING_REASON_LABELS[r] })),
    { en: 'Reason an item has no value (crf-spec §2.0); carried by ItemData with IsNull="Yes" as an Annotation Flag.' },
  );
  yield codeList(oid.FORM_STATUS_CODE_LIST_OID, 'Form status', FORM_STATUSES.map((s) => ({ code: s, decode: FORM_STATUS_LABELS[s] })));
  yield codeList(oid.FLAG_TYPE_CODE_LIST_OID, 'Flag type', [
    { code: FLAG_TYPES.missingReason, decode: { en: 'Missing-data reason', it: 'Motivo del dato mancante' } },
    { code: FLAG_TYPES.formStatus, decode: { en: 'Form status', it: 'Stato della scheda' } },
    { code: FLAG_TYPES.queryStatus, decode: { en: 'Data query status', it: 'Stato della query' } },
  ]);
  yield codeList(
    oid.QUERY_STATUS_CODE_LIST_OID,
    'Data query status',
    [
      { code: 'open', decode: { en: 'Open', it: 'Aperta' } },
      { code: 'answered', decode: { en: 'Answered', it: 'Con risposta' } },
      { code: 'closed', decode: { en: 'Closed', it: 'Chiusa' } },
      { code: 'reopened', decode: { en: 'Re-opened', it: 'Riaperta' } },
    ],
    { en: 'State of a data query; carried with the query text as an Annotation Flag of the queried ItemData, FormData or SubjectData.' },
  );
}
