// Evaluates one subject against the study: calculated values, visibility, missing required items and
// edit-check results for every form instance. Pure; used by core on save and by the UI as you type.

import { isoFromDay, parsePartialDate } from '../dates/partial-date';
import { evaluate, evaluateCondition } from '../expr/evaluate';
import type { ExpressionHost, InstanceView, RawEntry, SystemScope } from '../expr/host';
import { date, num, str, type Val } from '../expr/values';
import type { CompiledField, CompiledStudy, Dependencies } from './compile';
import type { Localized } from './localized';
import { isEmptyEntry, type FormData, type StoredEntry } from './entries';

export const FORM_STATUSES = ['draft', 'complete', 'signed', 'locked'] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

export interface SoftOverride {
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export interface SubjectInstance {
  readonly form: string;
  /** 1 for a non-repeating form. */
  readonly instanceNo: number;
  readonly data: FormData;
  readonly status?: FormStatus;
  readonly overrides?: Readonly<Record<string, SoftOverride>>;
  readonly signedAt?: string | null;
}

export interface EvaluationEnv {
  /** Day number of today (site's calendar). */
  readonly today: number;
  readonly params: Readonly<Record<string, string | number | null>>;
  /** Full birth date from the site-only identification log, only on the site's device. */
  readonly identityBirthDate?: string | null;
}

export interface CheckFailure {
  readonly id: string;
  readonly severity: 'hard' | 'soft';
  readonly message: Localized;
  readonly fields: readonly string[];
  /** The override reason when a soft failure was accepted. */
  readonly overriddenBy: SoftOverride | null;
}

export interface InstanceEvaluation {
  readonly form: string;
  readonly instanceNo: number;
  readonly calcs: Readonly<Record<string, StoredEntry | null>>;
  readonly hidden: readonly string[];
  readonly missing: readonly string[];
  readonly failures: readonly CheckFailure[];
}

export interface SubjectEvaluation {
  readonly instances: readonly InstanceEvaluation[];
  get(form: string, instanceNo: number): InstanceEvaluation | undefined;
  /** Failed checks not overridden, across the subject. */
  readonly openQueries: number;
  /** Every non-repeating form entered and no required item left empty anywhere. */
  readonly formsComplete: boolean;
}

const referenceIndex = new WeakMap<CompiledStudy, Map<string, Map<string, Readonly<Record<string, string | null>>>>>();

function referenceLookup(study: CompiledStudy, list: string, key: string): Readonly<Record<string, string | null>> | undefined {
  let index = referenceIndex.get(study);
  if (!index) {
    index = new Map();
    for (const [name, ref] of Object.entries(study.definition.references)) {
      index.set(name, new Map(ref.entries.map((e) => [e.key, e.attributes])));
    }
    referenceIndex.set(study, index);
  }
  return index.get(list)?.get(key);
}

function paramVal(study: CompiledStudy, env: EvaluationEnv, name: string): Val {
  const spec = study.definition.parameters.find((p) => p.name === name);
  const value = Object.hasOwn(env.params, name) ? env.params[name] : spec?.value;
  if (value === null || value === undefined || value === '') return null;
  if (spec?.type === 'date' && typeof value === 'string') {
    const range = parsePartialDate(value);
    return range ? { t: 'date', lo: range.lo, hi: range.hi } : null;
  }
  if (typeof value === 'number') return num(value);
  return str(value);
}

/** A calculated value as stored in exports and shown in forms; undecidable (interval) results are blank. */
function toEntry(value: Val, valueType: string, precision: number | undefined): StoredEntry | null {
  if (value === null) return null;
  switch (value.t) {
    case 'num': {
      if (value.lo !== value.hi) return null;
      const n = precision === undefined ? value.lo : Number(value.lo.toFixed(precision));
      return valueType === 'code' || valueType === 'text' ? String(n) : n;
    }
    case 'date':
      return value.lo === value.hi ? isoFromDay(value.lo) : null;
    case 'bool':
      return valueType === 'number' ? (value.v ? 1 : 0) : value.v ? '1' : '0';
    case 'str':
      return value.v;
    case 'set':
      return [...value.v];
  }
}

/** What an earlier evaluation found for an instance, as kept in the store. */
export interface PreviousResult {
  readonly failed: readonly string[];
  readonly missing: readonly string[];
}

export interface EvaluateOptions {
  /** Calculated values only: skip visibility, missing items and checks (bundles, exports). */
  readonly calcsOnly?: boolean;
  /**
   * Visibility, missing items and checks only: the results' `calcs` are left empty (calculations the checks
   * read are still computed), for a reader that counts failures (the report).
   */
  readonly checksOnly?: boolean;
  /**
   * Re-check only what a change to `changedForm` can affect: every instance of that form fully, and in
   * other instances the checks and conditions that read it (directly or through calculations) or read
   * something outside the data; everything else is taken from `previous`.
   */
  readonly incremental?: {
    readonly changedForm: string;
    /**
     * The one instance of a repeating `changedForm` that changed: its other instances are then re-checked only
     * where an aggregate over that form is read, like every other form.
     */
    readonly changedInstance?: number;
    previous(form: string, instanceNo: number): PreviousResult | undefined;
  };
  /**
   * Only this instance's calculated values are listed in its result (other results' `calcs` are empty; the
   * calculations their checks read are still computed): a save stores no calculated values and shows one form.
   */
  readonly calcsOf?: { readonly form: string; readonly instanceNo: number };
}

/** Each form's edit checks and soft ranges, in definition order (the checks loop runs per instance on every save). */
const checksByForm = new WeakMap<CompiledStudy, Map<string, { checks: CompiledStudy['checks']; ranges: CompiledStudy['rangeChecks'] }>>();

function checksOfForm(study: CompiledStudy, form: string): { checks: CompiledStudy['checks']; ranges: CompiledStudy['rangeChecks'] } {
  let index = checksByForm.get(study);
  if (!index) {
    index = new Map();
    checksByForm.set(study, index);
  }
  let own = index.get(form);
  if (!own) {
    own = { checks: study.checks.filter((c) => c.forms.includes(form)), ranges: study.rangeChecks.filter((r) => r.form === form) };
    index.set(form, own);
  }
  return own;
}

/** What the calculated values of one subject's evaluation share: the study, the host, the summary state. */
interface CalcState {
  readonly study: CompiledStudy;
  readonly host: ExpressionHost;
  /** While the summary is computed, system summaries read by calculations are not final. */
  computingSummary: boolean;
}

/**
 * One instance as expressions see it, computing its calculated values on demand and keeping them.
 * Declared once at module level (not per evaluation) so that V8 keeps one shape and its optimised code.
 */
class CalcView implements InstanceView {
  private readonly memo = new Map<string, StoredEntry | null>();
  private readonly computing = new Set<string>();
  /** The form's compiled fields, looked up once: every reference of every expression reads through get(). */
  private readonly own: ReadonlyMap<string, CompiledField> | undefined;
  constructor(
    readonly source: SubjectInstance,
    private readonly state: CalcState,
  ) {
    this.own = state.study.fields.get(source.form);
  }

  get(field: string): RawEntry {
    const compiled = this.own?.get(field);
    if (compiled?.field.type !== 'calc') return this.source.data[field];
    return this.calc(field);
  }

  calc(field: string): StoredEntry | null {
    if (this.memo.has(field)) return this.memo.get(field)!;
    if (this.computing.has(field)) return null; // a cross-form cycle: the definition check reports same-form ones
    this.computing.add(field);
    const { study, host } = this.state;
    const compiled = study.field(this.source.form, field)!;
    const spec = compiled.field as Extract<typeof compiled.field, { type: 'calc' }>;
    const scope = { form: this.source.form, instance: this };
    const value = spec.system !== undefined ? host.system(spec.system, scope) : compiled.calc ? evaluate(compiled.calc, host, scope) : null;
    const entry = toEntry(value, spec.valueType, spec.precision);
    this.computing.delete(field);
    // Summary values asked for while the summary is being computed are not final: do not keep them.
    if (!(this.state.computingSummary && spec.system !== undefined)) this.memo.set(field, entry);
    return entry;
  }
}

export function evaluateSubject(study: CompiledStudy, instances: readonly SubjectInstance[], env: EvaluationEnv, options: EvaluateOptions = {}): SubjectEvaluation {
  const views = new Map<SubjectInstance, CalcView>();
  const viewsByForm = new Map<string, CalcView[]>();
  let summary: { openQueries: number; formsComplete: boolean } | undefined;

  const host: ExpressionHost = {
    fieldKind: (form, field) => study.field(form, field)?.kind,
    isRepeating: (form) => study.isRepeating(form),
    instances: (form) => viewsByForm.get(form) ?? [],
    single: (form) => viewsByForm.get(form)?.[0],
    param: (name) => paramVal(study, env, name),
    reference: (list, key, attribute) => {
      const value = referenceLookup(study, list, key)?.[attribute];
      return value === null || value === undefined || value === '' || value === '-' ? null : str(value);
    },
    system: (name: string, scope: SystemScope) => {
      switch (name) {
        case 'identity_birth_date': {
          const range = env.identityBirthDate ? parsePartialDate(env.identityBirthDate) : undefined;
          return range && range.lo === range.hi ? date(range.lo) : null;
        }
        case 'signature_date': {
          const at = scope.instance instanceof CalcView ? scope.instance.source.signedAt : undefined;
          return at ? date(parsePartialDate(at.slice(0, 10))!.lo) : null;
        }
        case 'forms_complete':
        case 'open_queries': {
          if (state.computingSummary || !summary) return null;
          return name === 'open_queries' ? num(summary.openQueries) : num(summary.formsComplete ? 1 : 0);
        }
        default:
          return null;
      }
    },
    today: () => env.today,
  };
  const state: CalcState = { study, host, computingSummary: false };

  for (const instance of instances) {
    const view = new CalcView(instance, state);
    views.set(instance, view);
    const list = viewsByForm.get(instance.form) ?? [];
    list.push(view);
    viewsByForm.set(instance.form, list);
  }
  for (const list of viewsByForm.values()) list.sort((a, b) => a.source.instanceNo - b.source.instanceNo);

  function visibility(view: CalcView): { hidden: string[]; missing: string[] } {
    const hidden: string[] = [];
    const missing: string[] = [];
    const form = study.form(view.source.form)!;
    const scope = { form: form.key, instance: view };
    for (const field of form.fields) {
      if (field.type === 'calc') continue;
      const compiled = study.field(form.key, field.name)!;
      if (compiled.showIf && evaluateCondition(compiled.showIf, host, scope) !== true) {
        hidden.push(field.name);
        continue;
      }
      if (form.sequenceField === field.name) continue;
      const required = field.required || (compiled.requiredIf !== undefined && evaluateCondition(compiled.requiredIf, host, scope) === true);
      if (required && isEmptyEntry(view.source.data[field.name])) missing.push(field.name);
    }
    return { hidden, missing };
  }

  /** Failed checks of an instance; with `reuse`, checks it says are unaffected keep their previous result. */
  function failuresOf(view: CalcView, reuse?: { affected: (deps: Dependencies) => boolean; failed: readonly string[] }): CheckFailure[] {
    const failures: CheckFailure[] = [];
    const formKey = view.source.form;
    const scope = { form: formKey, instance: view };
    const overrides = view.source.overrides ?? {};
    const own = checksOfForm(study, formKey);
    for (const compiled of own.checks) {
      const fails = reuse && !reuse.affected(study.checkDependencies(compiled, formKey)) ? reuse.failed.includes(compiled.check.id) : evaluateCondition(compiled.assert, host, scope) === false;
      if (!fails) continue;
      const { check } = compiled;
      failures.push({
        id: check.id,
        severity: check.severity,
        message: check.message,
        fields: compiled.fieldsByForm.get(formKey) ?? [],
        overriddenBy: check.severity === 'soft' ? (overrides[check.id] ?? null) : null,
      });
    }
    for (const range of own.ranges) {
      if (reuse && !reuse.affected(study.rangeDependencies(range)) && !reuse.failed.includes(range.id)) continue;
      const raw = view.get(range.field);
      if (typeof raw !== 'number') continue;
      if ((range.softMin !== undefined && raw < range.softMin) || (range.softMax !== undefined && raw > range.softMax)) {
        const bounds = `${range.softMin ?? '…'}–${range.softMax ?? '…'}`;
        failures.push({
          id: range.id,
          severity: 'soft',
          message: {
            en: `${range.field} = ${raw} is outside the expected range ${bounds}`,
            it: `${range.field} = ${raw} è fuori dall\u2019intervallo atteso ${bounds}`,
          },
          fields: [range.field],
          overriddenBy: overrides[range.id] ?? null,
        });
      }
    }
    return failures;
  }

  const results: InstanceEvaluation[] = [];
  const checked = new Map<SubjectInstance, { hidden: string[]; missing: string[]; failures: CheckFailure[] }>();
  if (!options.calcsOnly) {
    // Phase 1: visibility, missing items and checks of every instance. Summary values asked for
    // meanwhile (a check reading open_queries) are undecided, never cached.
    state.computingSummary = true;
    const inc = options.incremental;
    // One instance of a repeating form changed: anything else reads it only through an aggregate over its form.
    const oneInstance = inc?.changedInstance !== undefined && study.isRepeating(inc.changedForm);
    const affected = (deps: Dependencies): boolean => deps.volatile || (inc !== undefined && (oneInstance ? deps.aggregated : deps.forms).has(inc.changedForm));
    const changed = (instance: SubjectInstance): boolean => instance.form === inc?.changedForm && (!oneInstance || instance.instanceNo === inc.changedInstance);
    for (const instance of instances) {
      const view = views.get(instance)!;
      if (!study.form(instance.form)) continue;
      const previous = inc && !changed(instance) ? inc.previous(instance.form, instance.instanceNo) : undefined;
      if (!previous) {
        checked.set(instance, { ...visibility(view), failures: failuresOf(view) });
        continue;
      }
      const seen = affected(study.conditionDependencies(instance.form)) ? visibility(view) : { hidden: [], missing: [...previous.missing] };
      checked.set(instance, { ...seen, failures: failuresOf(view, { affected, failed: previous.failed }) });
    }
    state.computingSummary = false;
    // Phase 2: the subject's summary, from phase 1 (no second pass over the checks).
    let openQueries = 0;
    let formsComplete = true;
    for (const c of checked.values()) {
      openQueries += c.failures.filter((f) => !f.overriddenBy).length;
      if (c.missing.length > 0) formsComplete = false;
    }
    for (const form of study.definition.forms) {
      if (!form.repeating && !viewsByForm.has(form.key)) formsComplete = false;
    }
    summary = { openQueries, formsComplete };
  }
  // Phase 3: calculated values (summary values now final).
  for (const instance of instances) {
    const view = views.get(instance)!;
    const form = study.form(instance.form);
    if (!form) continue;
    const calcs: Record<string, StoredEntry | null> = {};
    const only = options.calcsOf;
    const wanted = !options.checksOnly && (only === undefined || (only.form === instance.form && only.instanceNo === instance.instanceNo));
    // Skipped whole for the instances whose values are not wanted (every other one on a save).
    for (const field of wanted ? form.fields : []) {
      if (field.type !== 'calc') continue;
      // System summaries need the full evaluation; a calcs-only pass leaves them to the reader.
      if (options.calcsOnly && (field.system === 'forms_complete' || field.system === 'open_queries')) continue;
      calcs[field.name] = view.calc(field.name);
    }
    const c = checked.get(instance);
    results.push({ form: instance.form, instanceNo: instance.instanceNo, calcs, hidden: c?.hidden ?? [], missing: c?.missing ?? [], failures: c?.failures ?? [] });
  }
  summary ??= { openQueries: 0, formsComplete: false };
  const index = new Map(results.map((r) => [`${r.form}#${r.instanceNo}`, r]));
  return {
    instances: results,
    get: (form, instanceNo) => index.get(`${form}#${instanceNo}`),
    openQueries: summary.openQueries,
    formsComplete: summary.formsComplete,
  };
}
