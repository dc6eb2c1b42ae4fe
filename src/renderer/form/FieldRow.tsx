// One field of a form: its label, the widget for its type, unit, missing-data reasons, history, and the
// problems found as you type (invalid value, failed checks, required item missing, value to be cleared), and the
// open data queries on it.

import { memo, useId, useMemo, type ReactNode } from 'react';
import { useController, useWatch, type Control } from 'react-hook-form';
import { useT } from '../i18n/lang-context';
import type { QueryOut } from '../../shared/contract/queries';
import type { Choice, Field } from '../../shared/study/definition.schema';
import type { StoredEntry } from '../../shared/study/entries';
import type { Localized } from '../../shared/study/localized';
import { useLang } from '../app/use-lang';
import { useWorkspace } from '../app/workspace';
import { QueryNotes } from '../queries/QueryNotes';
import type { UiValue, UiValues } from './form-values';
import { gradeName, referenceCalcDisplay, textsUntranslated } from './reference-display';
import { referenceOptions } from './reference-search';
import { isUnitCostField, itemsOfCategory } from './unit-cost-item';
import { CalcWidget } from './widgets/CalcWidget';
import { ChoiceWidget } from './widgets/ChoiceWidget';
import { DateWidget } from './widgets/DateWidget';
import { MissingReasonButtons } from './widgets/MissingReasonButtons';
import { MultiWidget } from './widgets/MultiWidget';
import { NumberWidget } from './widgets/NumberWidget';
import { ReferencePicker } from './widgets/ReferencePicker';
import { TextWidget } from './widgets/TextWidget';
import { UntranslatedMark } from './widgets/UntranslatedMark';
import type { WidgetProps } from './widgets/types';

export interface FailureView {
  readonly id: string;
  readonly severity: 'hard' | 'soft';
  readonly message: Localized;
  readonly override: { readonly reason: string; readonly pending: boolean } | null;
}

export interface FieldRowProps {
  readonly field: Field;
  readonly choices?: readonly Choice[] | undefined;
  readonly control: Control<UiValues>;
  readonly readOnly: boolean;
  /** The value problem's code (value.outOfRange …) and its detail, when the value does not parse. */
  readonly issueCode?: string | undefined;
  readonly issueDetail?: string | undefined;
  readonly failures: readonly FailureView[];
  readonly missing: boolean;
  readonly showMissing: boolean;
  readonly calcValue?: StoredEntry | null | undefined;
  /** Set for the instance-number field the app fills: the number, or 0 for an instance not saved yet. */
  readonly sequenceNo?: number | undefined;
  /** Opens the field's audit history; absent for an instance not saved yet. */
  readonly onHistory?: ((field: string, label: string) => void) | undefined;
  readonly onOverride: (checkId: string) => void;
  /** The open queries on this field (kept stable between renders). */
  readonly queries?: readonly QueryOut[] | undefined;
  /** Absent where the user may not answer queries. */
  readonly onAnswerQuery?: ((query: QueryOut) => void) | undefined;
  /** Present where the user raises queries (the coordinator on the merged data). */
  readonly onRaiseQuery?: ((field: string, label: string) => void) | undefined;
}

function GradeWidget({ control, props, field, choices }: { control: Control<UiValues>; props: WidgetProps; field: Extract<Field, { type: 'single' }>; choices: readonly Choice[] }): ReactNode {
  const { study } = useWorkspace();
  const { t } = useT();
  const lang = useLang();
  const rule = field.choiceAvailability!;
  const key = useWatch({ control, name: rule.keyField });
  const list = study.definition.references[rule.list];
  const entry = useMemo(() => (typeof key === 'string' && key !== '' ? list?.entries.find((e) => e.key === key) : undefined), [list, key]);
  const textFor = (code: string): string | undefined => {
    const text = entry?.attributes[rule.attribute.replace('{code}', code)];
    return text && text !== '-' ? text : undefined;
  };
  // On a form in the list's translated language the grade texts are still English: marked, and in lang="en".
  const english = textsUntranslated(list, lang);
  const describe = (code: string): ReactNode => {
    const text = textFor(code);
    if (!text || !english) return text;
    return (
      <>
        <UntranslatedMark title={t('reference.textUntranslatedTitle')} />
        <span lang="en">{text}</span>
      </>
    );
  };
  const unavailable = new Set(entry ? choices.filter((c) => !textFor(c.code)).map((c) => c.code) : []);
  // Grades the term lacks are left out, unless one is already chosen (so its problem stays visible).
  const shown = choices
    .filter((c) => !unavailable.has(c.code) || props.value === c.code)
    .map((c) => {
      const name = gradeName(list, lang, c.code);
      return name ? { ...c, label: { ...c.label, [lang]: t('reference.gradeNamed', { grade: c.code, name }) } } : c;
    });
  return (
    <>
      {!entry ? <p className="hint">{t('field.gradeNeedsTerm')}</p> : null}
      <ChoiceWidget {...props} choices={shown} describe={entry ? describe : undefined} unavailable={unavailable} />
    </>
  );
}

/** An item of the unit-cost table: the items of the category chosen in another field, always as a select. */
function UnitCostItemWidget({ control, props, field, choices }: { control: Control<UiValues>; props: WidgetProps; field: Field; choices: readonly Choice[] }): ReactNode {
  const { study } = useWorkspace();
  const categoryField = isUnitCostField(field) ? field.unitCostItem.categoryField : '';
  const category = useWatch({ control, name: categoryField });
  const shown = useMemo(
    () => (isUnitCostField(field) ? itemsOfCategory(field, choices, study.definition.unitCosts, typeof category === 'string' ? category : '', typeof props.value === 'string' ? props.value : '') : [...choices]),
    [field, choices, study, category, props.value],
  );
  return <ChoiceWidget {...props} choices={shown} asSelect />;
}

function blankOf(field: Field): UiValue {
  return field.type === 'multi' ? [] : '';
}

/** Memoised: typing in one field re-renders that field, not the whole form (props are kept stable). */
export const FieldRow = memo(function FieldRow(props: FieldRowProps): ReactNode {
  const { field, choices, control, readOnly, issueCode, issueDetail, failures, missing, showMissing, calcValue, sequenceNo, onHistory, onOverride, queries, onAnswerQuery, onRaiseQuery } = props;
  const { t } = useT();
  const lang = useLang();
  const { study } = useWorkspace();
  const uid = useId();
  const id = `${uid}-input`;
  const labelId = `${uid}-label`;
  const errorId = `${uid}-error`;
  const checksId = `${uid}-checks`;
  const helpId = `${uid}-help`;
  const { field: ctl } = useController({ control, name: field.name });
  const label = field.label[lang];
  const issue = issueCode ? { code: issueCode, detail: issueDetail ?? '' } : undefined;
  const required = field.type !== 'calc' && (field.required || missing);
  const describedBy = [field.help ? helpId : '', issue ? errorId : '', failures.length > 0 ? checksId : ''].filter(Boolean).join(' ') || undefined;
  const reference = field.type === 'single' && field.reference ? study.definition.references[field.reference] : undefined;
  const options = useMemo(() => (reference ? referenceOptions(reference) : []), [reference]);
  const calcDisplay = useMemo(() => referenceCalcDisplay(field, study.definition.references, lang), [field, study, lang]);

  const widgetProps: WidgetProps = {
    id,
    labelId,
    label,
    value: ctl.value as UiValue,
    onChange: (v) => ctl.onChange(v),
    onBlur: ctl.onBlur,
    readOnly,
    invalid: Boolean(issue),
    required,
    describedBy,
  };

  let widget: ReactNode;
  const grouped = field.type === 'single' || field.type === 'ynu' || field.type === 'multi';
  switch (field.type) {
    case 'text':
      widget = <TextWidget {...widgetProps} maxLength={field.maxLength} />;
      break;
    case 'integer':
    case 'decimal':
      widget =
        sequenceNo !== undefined ? (
          <output id={id} aria-labelledby={labelId} className="calc-value">
            {sequenceNo !== undefined && sequenceNo > 0 ? sequenceNo : t('field.newNumber')}
          </output>
        ) : (
          <NumberWidget {...widgetProps} field={field} />
        );
      break;
    case 'date':
      widget = <DateWidget {...widgetProps} minPrecision="day" partial={false} />;
      break;
    case 'partialDate':
      widget = <DateWidget {...widgetProps} minPrecision={field.minPrecision} partial />;
      break;
    case 'single':
      widget = reference ? (
        <ReferencePicker {...widgetProps} options={options} />
      ) : field.unitCostItem ? (
        <UnitCostItemWidget control={control} props={widgetProps} field={field} choices={choices ?? []} />
      ) : field.choiceAvailability ? (
        <GradeWidget control={control} props={widgetProps} field={field} choices={choices ?? []} />
      ) : (
        <ChoiceWidget {...widgetProps} choices={choices ?? []} />
      );
      break;
    case 'ynu':
      widget = <ChoiceWidget {...widgetProps} choices={choices ?? []} />;
      break;
    case 'multi':
      widget = <MultiWidget {...widgetProps} choices={choices ?? []} exclusive={field.exclusive ?? []} />;
      break;
    case 'calc':
      widget = <CalcWidget id={id} labelId={labelId} field={field} value={calcValue} choices={choices} display={calcDisplay} />;
      break;
  }

  const isSequence = sequenceNo !== undefined;
  const allowed = field.type === 'calc' || isSequence ? [] : field.missingReasons;
  const historyButton = onHistory ? (
    <button type="button" className="history-btn" tabIndex={allowed.length > 0 ? -1 : 0} aria-label={t('field.history', { label })} title={t('field.historyShort')} onClick={() => onHistory(field.name, label)}>
      {t('field.historyShort')}
    </button>
  ) : null;
  const raiseButton = onRaiseQuery ? (
    <button type="button" className="history-btn" aria-label={t('centralCasebook.raiseOn', { label })} onClick={() => onRaiseQuery(field.name, label)}>
      {t('centralCasebook.raise')}
    </button>
  ) : null;
  const tools = raiseButton ? (
    <>
      {historyButton}
      {raiseButton}
    </>
  ) : (
    historyButton
  );
  const classes = ['field', `field-${field.type}`, issue || failures.some((f) => f.severity === 'hard' && !f.override) ? 'field-problem' : '', failures.some((f) => f.severity === 'soft' && !f.override) ? 'field-warning' : ''];

  return (
    <div className={classes.filter(Boolean).join(' ')} role="group" aria-labelledby={labelId}>
      <div className="field-head">
        {grouped || field.type === 'calc' || isSequence ? (
          <span id={labelId} className="field-label">
            {label}
          </span>
        ) : (
          <label id={labelId} htmlFor={id} className="field-label">
            {label}
          </label>
        )}
        {required ? (
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        ) : null}
        <span className="field-name" aria-hidden="true">
          {field.name}
        </span>
      </div>
      <div className="field-body">
        {widget}
        {field.type !== 'calc' && !isSequence ? (
          <MissingReasonButtons label={label} allowed={allowed} value={ctl.value as UiValue} onChange={(v) => ctl.onChange(v)} readOnly={readOnly} blank={blankOf(field)} extra={tools} />
        ) : (
          tools
        )}
      </div>
      {field.help ? (
        <div id={helpId} className="hint">
          {field.help[lang]}
        </div>
      ) : null}
      {issue ? (
        <div id={errorId} className="field-error">
          {t(`issues.${issue.code}`, { detail: issue.detail })}
        </div>
      ) : null}
      {failures.length > 0 ? (
        <ul id={checksId} className="field-checks">
          {failures.map((f) => (
            <li key={f.id} className={f.severity === 'hard' ? 'check check-hard' : f.override ? 'check check-overridden' : 'check check-soft'}>
              <span className="check-kind">{f.severity === 'hard' ? t('checks.hard') : t('checks.soft')}</span> {f.id}: {f.message[lang]}
              {f.override ? <span className="check-override"> — {t(f.override.pending ? 'checks.overridePending' : 'checks.overridden', { reason: f.override.reason })}</span> : null}
              {f.severity === 'soft' && !readOnly ? (
                <button type="button" className="link" onClick={() => onOverride(f.id)} aria-label={t(f.override ? 'checks.changeReasonButton' : 'checks.overrideButton', { id: f.id })}>
                  {f.override ? t('checks.changeReason') : t('checks.override')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {missing && showMissing ? <div className="field-missing">{t('field.requiredMissing')}</div> : null}
      {queries && queries.length > 0 ? <QueryNotes queries={queries} label={label} onAnswer={onAnswerQuery} /> : null}
    </div>
  );
});
