// The ODM Study element (global variables, units, MetaDataVersion) in schema order, yielded element by element.

import type { Field } from '../../../shared/study/definition.schema';
import type { LoadedStudy } from '../../study/load-definition';
import { codeLists } from './code-lists';
import { itemDef } from './item-defs';
import type { OdmForm, OdmModel } from './model';
import * as oid from './oids';
import { translated, translatedEl } from './translated';
import { close, el, open, textEl } from './xml';

/** The item is not collected when its showIf is not definitely true: ODM's exception condition is the negation. */
function conditionDef(form: string, field: Field & { showIf: string }): string {
  return el(
    'ConditionDef',
    [['OID', oid.conditionOid(form, field.name)], ['Name', `${field.name} not collected`]],
    translatedEl('Description', {
      en: `The item is not collected unless ${field.showIf} is true (showIf). ODM's CollectionExceptionCondition states when an item is NOT collected, so the expression is the negation of the showIf; a showIf that cannot be decided (a blank field) also leaves the item uncollected.`,
      it: `La voce non è raccolta a meno che ${field.showIf} sia vera (showIf). La CollectionExceptionCondition di ODM indica quando una voce NON è raccolta: l'espressione è la negazione della showIf; una showIf non decidibile (campo vuoto) lascia la voce non raccolta.`,
    }),
    textEl('FormalExpression', [['Context', 'edc-expression']], `not (${field.showIf})`),
    el('Alias', [['Context', 'edc:showIf'], ['Name', field.showIf]]),
  );
}

function methodDef(form: string, field: Extract<Field, { type: 'calc' }>): string {
  const expression = field.calc ?? `system("${field.system ?? ''}")`;
  const how = field.calc !== undefined ? { en: 'Calculated', it: 'Calcolato' } : { en: 'Value kept by the application', it: "Valore tenuto dall'applicazione" };
  return el(
    'MethodDef',
    [['OID', oid.methodOid(form, field.name)], ['Name', field.name], ['Type', 'Computation']],
    translatedEl('Description', {
      en: `${how.en}: ${field.label.en}.${field.note ? ` ${field.note}` : ''}`,
      it: `${how.it}: ${field.label.it}.`,
    }),
    textEl('FormalExpression', [['Context', 'edc-expression']], expression),
  );
}

function formDef(form: OdmForm): string {
  return el(
    'FormDef',
    [['OID', form.oid], ['Name', form.form.key], ['Repeating', form.form.repeating ? 'Yes' : 'No']],
    translatedEl('Description', form.form.title),
    el('ItemGroupRef', [['ItemGroupOID', form.itemGroupOid], ['OrderNumber', 1], ['Mandatory', 'Yes']]),
    el('Alias', [['Context', 'edc:specId'], ['Name', form.form.specId]]),
  );
}

function itemGroupDef(form: OdmForm): string {
  return el(
    'ItemGroupDef',
    [['OID', form.itemGroupOid], ['Name', form.form.key], ['Repeating', form.form.repeating ? 'Yes' : 'No']],
    translatedEl('Description', form.form.title),
    ...form.items.map((item, i) =>
      el('ItemRef', [
        ['ItemOID', item.oid],
        ['OrderNumber', i + 1],
        ['Mandatory', item.mandatory ? 'Yes' : 'No'],
        ['MethodOID', item.methodOid],
        ['CollectionExceptionConditionOID', item.conditionOid],
      ]),
    ),
  );
}

/** The Study element's opening, global variables and measurement units (`model.units`). */
export function* studyHead(loaded: LoadedStudy, model: OdmModel): Generator<string> {
  const d = loaded.definition;
  yield open('Study', [['OID', oid.studyOid(d)]]);
  yield el(
    'GlobalVariables',
    [],
    textEl('StudyName', [], d.title.en),
    textEl('StudyDescription', [], d.description?.en ?? d.title.en),
    textEl('ProtocolName', [], d.id),
  );
  yield el(
    'BasicDefinitions',
    [],
    ...[...model.units].map(([symbol, unitOid]) => el('MeasurementUnit', [['OID', unitOid], ['Name', symbol]], el('Symbol', [], translated({ en: symbol })))),
  );
}

/** One MetaDataVersion: the forms, items, code lists, conditions and methods of one definition version. */
export function* metaDataVersion(loaded: LoadedStudy, model: OdmModel): Generator<string> {
  const d = loaded.definition;
  yield open('MetaDataVersion', [
    ['OID', oid.metaDataVersionOid(d)],
    ['Name', `${d.id} ${d.version}`],
    ['Description', `Study definition ${d.id} version ${d.version}, SHA-256 ${loaded.hash}`],
  ]);
  yield el(
    'Protocol',
    [],
    translatedEl('Description', d.title),
    el('StudyEventRef', [['StudyEventOID', oid.STUDY_EVENT_OID], ['OrderNumber', 1], ['Mandatory', 'Yes']]),
  );
  yield el(
    'StudyEventDef',
    [['OID', oid.STUDY_EVENT_OID], ['Name', 'Study'], ['Repeating', 'No'], ['Type', 'Common']],
    translatedEl('Description', { en: 'The whole study: every form of the subject', it: 'Lo studio intero: tutte le schede del paziente' }),
    ...model.forms.map((f, i) => el('FormRef', [['FormOID', f.oid], ['OrderNumber', i + 1], ['Mandatory', 'No']])),
  );
  for (const form of model.forms) yield formDef(form);
  for (const form of model.forms) yield itemGroupDef(form);
  for (const form of model.forms) for (const item of form.items) yield itemDef(item, model);
  yield* codeLists(model);
  for (const form of model.forms) {
    for (const field of form.form.fields) if (field.type !== 'calc' && field.showIf) yield conditionDef(form.form.key, { ...field, showIf: field.showIf });
  }
  for (const form of model.forms) for (const field of form.form.fields) if (field.type === 'calc') yield methodDef(form.form.key, field);
  yield close('MetaDataVersion');
}

export function* studyMetadata(loaded: LoadedStudy, model: OdmModel): Generator<string> {
  yield* studyHead(loaded, model);
  yield* metaDataVersion(loaded, model);
  yield close('Study');
}
