// What an expression needs from its surroundings: field types, form instances, parameters, reference lists.

import type { Val } from './values';

/** A field's kind as the expression language sees it. */
export type FieldKind = 'text' | 'number' | 'date' | 'code' | 'set';

/** A raw stored entry: a value, or a missing-data reason. */
export type RawEntry = string | number | readonly string[] | { readonly missing: string } | null | undefined;

/** One form instance as expressions read it; calculated fields are answered too. */
export interface InstanceView {
  get(field: string): RawEntry;
}

/** Where a system value is asked for. */
export interface SystemScope {
  readonly form: string;
  readonly instance: InstanceView | undefined;
}

export interface ExpressionHost {
  /** Kind of a field of a form, or undefined when the form has no such field. */
  fieldKind(form: string, field: string): FieldKind | undefined;
  isRepeating(form: string): boolean;
  /** Every instance of a repeating form, in instance order. */
  instances(form: string): readonly InstanceView[];
  /** The single instance of a non-repeating form, if entered. */
  single(form: string): InstanceView | undefined;
  param(name: string): Val;
  reference(list: string, key: string, attribute: string): Val;
  system(name: string, scope: SystemScope): Val;
  today(): number;
}
