// Compiles a study definition once: lookups by form and field, resolved choices, parsed expressions
// in dependency order, and every problem found, with the JSON path it belongs to.

import type { Expr } from '../expr/ast';
import { analyze, type AnalyzeContext, type ExprType } from '../expr/analyze';
import type { FieldKind } from '../expr/host';
import { ExpressionError } from '../expr/parse-error';
import { parseExpression } from '../expr/parser';
import { refsOf, walk } from '../expr/ast';
import { functionSpec } from '../expr/functions';
import type { Check, Choice, Field, Form, StudyDefinition } from './definition.schema';

export const SYSTEM_VALUES = ['signature_date', 'forms_complete', 'open_queries', 'identity_birth_date'] as const;

export interface DefinitionProblem {
  /** JSON path inside the assembled definition, e.g. ['forms', 2, 'fields', 5, 'showIf']. */
  readonly path: readonly (string | number)[];
  /** Offset inside the expression string when the problem is in an expression. */
  readonly offset?: number;
  readonly message: string;
}

export interface CompiledCheck {
  readonly check: Check;
  readonly forms: readonly string[];
  readonly assert: Expr;
  /** Fields highlighted when it fails, per home form. */
  readonly fieldsByForm: ReadonlyMap<string, readonly string[]>;
}

/** An implicit soft check for a value outside a field's soft limits. */
export interface RangeCheck {
  readonly id: string;
  readonly form: string;
  readonly field: string;
  readonly softMin?: number;
  readonly softMax?: number;
}

export interface CompiledField {
  readonly form: string;
  readonly field: Field;
  readonly kind: FieldKind;
  readonly choices?: readonly Choice[];
  readonly showIf?: Expr;
  readonly requiredIf?: Expr;
  readonly calc?: Expr;
}

/** What an expression depends on: the forms it reads (through calculated fields too) and whether it
 * reads something outside the data (today(), system values), which makes it always worth re-checking. */
export interface Dependencies {
  readonly forms: ReadonlySet<string>;
  readonly volatile: boolean;
  /**
   * Repeating forms whose instances an aggregate in it may iterate (a superset): the only way an expression
   * reads an instance of a repeating form other than its own (a bare `[form:field]` of another repeating
   * form reads nothing), so a change to one instance leaves every other unaffected unless this names its form.
   */
  readonly aggregated: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

export class CompiledStudy {
  readonly forms = new Map<string, Form>();
  readonly fields = new Map<string, Map<string, CompiledField>>();
  /** Calculated fields per form in an order where each comes after those it reads. */
  readonly calcOrder = new Map<string, readonly string[]>();
  readonly checks: CompiledCheck[] = [];
  readonly rangeChecks: RangeCheck[] = [];
  readonly problems: DefinitionProblem[] = [];
  private readonly calcDeps = new Map<string, Dependencies>();
  private readonly checkDepsCache = new Map<CompiledCheck, Dependencies>();
  /** A check's dependencies widened by the form it runs on, kept: a save asks for them per check per instance. */
  private readonly checkDepsOnForm = new Map<CompiledCheck, Map<string, Dependencies>>();
  private readonly conditionDepsCache = new Map<string, Dependencies>();

  constructor(readonly definition: StudyDefinition) {
    definition.forms.forEach((form, i) => this.indexForm(form, i));
    definition.forms.forEach((form, i) => this.compileFields(form, i));
    definition.checks.forEach((check, i) => this.compileCheck(check, i));
    this.checkUniqueness();
    this.checkEnrolmentDate();
  }

  /** The enrolment date a definition names must be a date of a non-repeating form (the report's enrolment month). */
  private checkEnrolmentDate(): void {
    const named = this.definition.enrolmentDate;
    if (!named) return;
    const compiled = this.field(named.form, named.field);
    if (!compiled || this.isRepeating(named.form) || compiled.kind !== 'date') {
      this.problems.push({ path: ['enrolmentDate'], message: `enrolmentDate '${named.form}.${named.field}' is not a date field of a non-repeating form` });
    }
  }

  /** Dependencies of an expression evaluated in `form`, following calculated fields transitively. */
  dependenciesOf(expr: Expr, form: string, seen: Set<string> = new Set()): Dependencies {
    const forms = new Set<string>([form]);
    const aggregated = new Set<string>();
    let volatile = false;
    walk(expr, (node) => {
      if (node.kind === 'call' && (node.name === 'today' || node.name === 'system')) volatile = true;
      if (node.kind === 'call' && functionSpec(node.name)?.aggregate) {
        for (const ref of refsOf(node)) if (ref.form !== undefined && this.isRepeating(ref.form)) aggregated.add(ref.form);
      }
      if (node.kind !== 'ref') return;
      const target = node.form ?? form;
      forms.add(target);
      const compiled = this.field(target, node.field);
      if (compiled?.field.type === 'calc') {
        const inner = this.calcDependencies(target, node.field, seen);
        for (const f of inner.forms) forms.add(f);
        for (const f of inner.aggregated) aggregated.add(f);
        if (inner.volatile) volatile = true;
      }
    });
    return { forms, volatile, aggregated };
  }

  private calcDependencies(form: string, field: string, seen: Set<string>): Dependencies {
    const key = `${form}:${field}`;
    const cached = this.calcDeps.get(key);
    if (cached) return cached;
    if (seen.has(key)) return { forms: new Set([form]), volatile: true, aggregated: NONE };
    seen.add(key);
    const compiled = this.field(form, field);
    const spec = compiled?.field.type === 'calc' ? compiled.field : undefined;
    const deps: Dependencies =
      spec?.system !== undefined
        ? { forms: new Set([form]), volatile: true, aggregated: NONE }
        : compiled?.calc
          ? this.dependenciesOf(compiled.calc, form, seen)
          : { forms: new Set([form]), volatile: false, aggregated: NONE };
    this.calcDeps.set(key, deps);
    return deps;
  }

  checkDependencies(check: CompiledCheck, form: string): Dependencies {
    let deps = this.checkDepsCache.get(check);
    if (!deps) {
      const all = check.forms.map((f) => this.dependenciesOf(check.assert, f));
      deps = { forms: new Set(all.flatMap((d) => [...d.forms])), volatile: all.some((d) => d.volatile), aggregated: new Set(all.flatMap((d) => [...d.aggregated])) };
      this.checkDepsCache.set(check, deps);
    }
    if (deps.forms.has(form)) return deps;
    let byForm = this.checkDepsOnForm.get(check);
    if (!byForm) {
      byForm = new Map();
      this.checkDepsOnForm.set(check, byForm);
    }
    let widened = byForm.get(form);
    if (!widened) {
      widened = { forms: new Set([...deps.forms, form]), volatile: deps.volatile, aggregated: deps.aggregated };
      byForm.set(form, widened);
    }
    return widened;
  }

  /** What the show-if and required-if conditions of a form's fields read. */
  conditionDependencies(form: string): Dependencies {
    let deps = this.conditionDepsCache.get(form);
    if (!deps) {
      const forms = new Set<string>([form]);
      const aggregated = new Set<string>();
      let volatile = false;
      for (const compiled of this.fields.get(form)?.values() ?? []) {
        for (const expr of [compiled.showIf, compiled.requiredIf]) {
          if (!expr) continue;
          const d = this.dependenciesOf(expr, form);
          for (const f of d.forms) forms.add(f);
          for (const f of d.aggregated) aggregated.add(f);
          if (d.volatile) volatile = true;
        }
      }
      deps = { forms, volatile, aggregated };
      this.conditionDepsCache.set(form, deps);
    }
    return deps;
  }

  /** What a soft-range check reads: its field, through calculations if it is one. */
  rangeDependencies(range: RangeCheck): Dependencies {
    const compiled = this.field(range.form, range.field);
    return compiled?.field.type === 'calc' ? this.calcDependencies(range.form, range.field, new Set()) : { forms: new Set([range.form]), volatile: false, aggregated: NONE };
  }

  form(key: string): Form | undefined {
    return this.forms.get(key);
  }

  field(form: string, name: string): CompiledField | undefined {
    return this.fields.get(form)?.get(name);
  }

  isRepeating(form: string): boolean {
    return this.forms.get(form)?.repeating ?? false;
  }

  /** Choice codes with labels for a single or multiple choice (or coded calc) field. */
  choicesOf(field: Field): readonly Choice[] | undefined {
    if (!('choices' in field || 'codeList' in field || 'reference' in field)) {
      return field.type === 'ynu' ? YNU_CHOICES : undefined;
    }
    const f = field as { choices?: Choice[]; codeList?: string; reference?: string };
    if (f.choices) return f.choices;
    if (f.codeList) return this.definition.codeLists[f.codeList];
    if (f.reference) {
      const list = this.definition.references[f.reference];
      if (!list) return undefined;
      return list.entries.map((e) => {
        const text = e.attributes[list.labelAttribute] ?? e.key;
        return { code: e.key, label: { it: text, en: text } };
      });
    }
    return undefined;
  }

  private indexForm(form: Form, formIndex: number): void {
    if (this.forms.has(form.key)) {
      this.problems.push({ path: ['forms', formIndex, 'key'], message: `form key '${form.key}' is used twice` });
    }
    this.forms.set(form.key, form);
    const byName = new Map<string, CompiledField>();
    form.fields.forEach((field, i) => {
      if (byName.has(field.name)) {
        this.problems.push({ path: ['forms', formIndex, 'fields', i, 'name'], message: `field '${field.name}' appears twice in form '${form.key}'` });
      }
      const choices = this.choicesOf(field);
      byName.set(field.name, { form: form.key, field, kind: kindOfField(field), ...(choices ? { choices } : {}) });
      const source = field as { codeList?: string; reference?: string; choices?: unknown };
      if (source.codeList && !this.definition.codeLists[source.codeList]) {
        this.problems.push({ path: ['forms', formIndex, 'fields', i, 'codeList'], message: `unknown code list ${source.codeList}` });
      }
      if (source.reference && !this.definition.references[source.reference]) {
        this.problems.push({ path: ['forms', formIndex, 'fields', i, 'reference'], message: `unknown reference list ${source.reference}` });
      }
      if ((field.type === 'single' || field.type === 'multi') && !choices) {
        this.problems.push({ path: ['forms', formIndex, 'fields', i], message: `choice field '${field.name}' has no choices, codeList or reference` });
      }
      if (field.type === 'calc' && (field.calc === undefined) === (field.system === undefined)) {
        this.problems.push({ path: ['forms', formIndex, 'fields', i], message: `calculated field '${field.name}' needs exactly one of calc or system` });
      }
      if (field.type === 'calc' && field.system !== undefined && !(SYSTEM_VALUES as readonly string[]).includes(field.system)) {
        this.problems.push({ path: ['forms', formIndex, 'fields', i, 'system'], message: `unknown system value '${field.system}'` });
      }
      if ('softMin' in field || 'softMax' in field) {
        const f = field as { softMin?: number; softMax?: number };
        if (f.softMin !== undefined || f.softMax !== undefined) {
          this.rangeChecks.push({
            id: `RANGE_${form.key}_${field.name}`.toUpperCase(),
            form: form.key,
            field: field.name,
            ...(f.softMin !== undefined ? { softMin: f.softMin } : {}),
            ...(f.softMax !== undefined ? { softMax: f.softMax } : {}),
          });
        }
      }
    });
    if (form.repeating && form.sequenceField && !byName.has(form.sequenceField)) {
      this.problems.push({ path: ['forms', formIndex, 'sequenceField'], message: `sequence field '${form.sequenceField}' is not a field of '${form.key}'` });
    }
    this.fields.set(form.key, byName);
  }

  analyzeContext(form: string): AnalyzeContext {
    const params = new Set(this.definition.parameters.map((p) => p.name));
    return {
      form,
      hasForm: (f) => this.forms.has(f),
      isRepeating: (f) => this.isRepeating(f),
      fieldKind: (f, name) => this.fields.get(f)?.get(name)?.kind,
      choiceCodes: (f, name) => this.fields.get(f)?.get(name)?.choices?.map((c) => c.code),
      hasParam: (name) => params.has(name),
      hasReference: (list) => Object.hasOwn(this.definition.references, list),
      hasSystem: (name) => (SYSTEM_VALUES as readonly string[]).includes(name),
    };
  }

  /** Parses and analyses one expression; records a problem and returns undefined when it is wrong. */
  private expression(source: string, form: string, path: readonly (string | number)[], want?: ExprType): Expr | undefined {
    try {
      const expr = parseExpression(source);
      const type = analyze(expr, this.analyzeContext(form));
      if (want === 'bool' && type !== 'bool' && type !== 'any') {
        throw new ExpressionError('a condition must be true or false (use =, <>, <, and, or …)', 0);
      }
      return expr;
    } catch (error) {
      if (error instanceof ExpressionError) {
        this.problems.push({ path, offset: error.offset, message: error.message });
        return undefined;
      }
      throw error;
    }
  }

  private compileFields(form: Form, formIndex: number): void {
    const byName = this.fields.get(form.key)!;
    const calcDeps = new Map<string, string[]>();
    form.fields.forEach((field, i) => {
      const base = ['forms', formIndex, 'fields', i] as const;
      const compiled = byName.get(field.name)!;
      const extra: { showIf?: Expr; requiredIf?: Expr; calc?: Expr } = {};
      if ('showIf' in field && field.showIf) {
        const e = this.expression(field.showIf, form.key, [...base, 'showIf'], 'bool');
        if (e) extra.showIf = e;
      }
      if ('requiredIf' in field && field.requiredIf) {
        const e = this.expression(field.requiredIf, form.key, [...base, 'requiredIf'], 'bool');
        if (e) extra.requiredIf = e;
      }
      if (field.type === 'calc' && field.calc) {
        const e = this.expression(field.calc, form.key, [...base, 'calc']);
        if (e) {
          extra.calc = e;
          calcDeps.set(
            field.name,
            refsOf(e)
              .filter((r) => (r.form ?? form.key) === form.key && byName.get(r.field)?.field.type === 'calc')
              .map((r) => r.field),
          );
        }
      }
      byName.set(field.name, { ...compiled, ...extra });
    });
    this.calcOrder.set(form.key, this.orderCalcs(form, formIndex, calcDeps));
  }

  private orderCalcs(form: Form, formIndex: number, deps: ReadonlyMap<string, readonly string[]>): string[] {
    const order: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string, trail: string[]): void => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'visiting') {
        const i = form.fields.findIndex((f) => f.name === name);
        this.problems.push({ path: ['forms', formIndex, 'fields', i, 'calc'], message: `calculated fields depend on each other in a circle: ${[...trail, name].join(' → ')}` });
        return;
      }
      state.set(name, 'visiting');
      for (const dep of deps.get(name) ?? []) visit(dep, [...trail, name]);
      state.set(name, 'done');
      order.push(name);
    };
    for (const name of deps.keys()) visit(name, []);
    return order;
  }

  private compileCheck(check: Check, index: number): void {
    const forms = Array.isArray(check.form) ? check.form : [check.form];
    const unknown = forms.find((f) => !this.forms.has(f));
    if (unknown) {
      this.problems.push({ path: ['checks', index, 'form'], message: `check ${check.id}: unknown form '${unknown}'` });
      return;
    }
    let assert: Expr | undefined;
    for (const form of forms) {
      const e = this.expression(check.assert, form, ['checks', index, 'assert'], 'bool');
      if (!e) return;
      assert = e;
    }
    const fieldsByForm = new Map<string, readonly string[]>();
    for (const form of forms) {
      const named = check.fields ?? refsOf(assert!).filter((r) => (r.form ?? form) === form).map((r) => r.field);
      const own = [...new Set(named)].filter((f) => this.fields.get(form)?.has(f));
      fieldsByForm.set(form, own);
    }
    this.checks.push({ check, forms, assert: assert!, fieldsByForm });
  }

  private checkUniqueness(): void {
    const seen = new Map<string, number>();
    this.definition.checks.forEach((check, i) => {
      if (seen.has(check.id)) this.problems.push({ path: ['checks', i, 'id'], message: `check id ${check.id} is used twice` });
      seen.set(check.id, i);
    });
    const owner = new Map<string, string>();
    this.definition.forms.forEach((form, fi) =>
      form.fields.forEach((field, i) => {
        const other = owner.get(field.name);
        if (other && other !== form.key) {
          this.problems.push({ path: ['forms', fi, 'fields', i, 'name'], message: `field '${field.name}' is also in form '${other}'; names are unique in a study` });
        }
        owner.set(field.name, form.key);
      }),
    );
  }
}

const YNU_CHOICES: readonly Choice[] = [
  { code: '1', label: { en: 'Yes', it: 'Sì' } },
  { code: '0', label: { en: 'No', it: 'No' } },
  { code: '9', label: { en: 'Unknown', it: 'Non noto' } },
];

export function kindOfField(field: Field): FieldKind {
  switch (field.type) {
    case 'integer':
    case 'decimal':
      return 'number';
    case 'date':
    case 'partialDate':
      return 'date';
    case 'single':
    case 'ynu':
      return 'code';
    case 'multi':
      return 'set';
    case 'text':
      return 'text';
    case 'calc':
      return field.valueType === 'number' ? 'number' : field.valueType === 'date' ? 'date' : field.valueType === 'code' ? 'code' : 'text';
  }
}
