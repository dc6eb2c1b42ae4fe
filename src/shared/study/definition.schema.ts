// zod meta-schema of a study definition: forms, fields, code lists, checks, parameters, reference lists.
// Study content is data; this schema is the only shape the app accepts for it.

import { z } from 'zod';
import { Localized } from './localized';

export const ROLES = ['admin', 'investigator', 'data_entry', 'monitor'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const MISSING_REASONS = ['ND', 'NK', 'NA'] as const;
export const MissingReason = z.enum(MISSING_REASONS);
export type MissingReason = z.infer<typeof MissingReason>;

const Name = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _');
const Code = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . -');
const Expression = z.string().min(1);

export const Choice = z.strictObject({ code: Code, label: Localized });
export type Choice = z.infer<typeof Choice>;

/** Where a choice field takes its choices from: inline, a shared code list, or a reference list. */
const ChoiceSource = {
  choices: z.array(Choice).min(1).optional(),
  codeList: z.string().regex(/^CL_[A-Z0-9_]+$/).optional(),
  reference: z.string().regex(/^[a-z][a-z0-9_]*$/).optional(),
};

/** Choices shown only where a reference list says they exist (CTCAE grades per term). */
const ChoiceAvailability = z.strictObject({
  list: Name,
  keyField: Name,
  /** Attribute of the reference entry that must be non-empty for a choice; `{code}` is replaced. */
  attribute: z.string().includes('{code}'),
});

const FieldCommon = {
  name: Name,
  label: Localized,
  help: Localized.optional(),
  /** Free notes from the specification (English), for the codebook. */
  note: z.string().optional(),
  /** Set when the specification marks a fact of this field unconfirmed: what must be checked. */
  unconfirmed: z.string().optional(),
  required: z.boolean().default(false),
  showIf: Expression.optional(),
  requiredIf: Expression.optional(),
  /** Missing-data reasons allowed instead of a value (crf-spec §2.0); all three unless narrowed. */
  missingReasons: z.array(MissingReason).default([...MISSING_REASONS]),
  /** Roles that may change this field; anyone who may enter data when absent. */
  writableBy: z.array(Role).min(1).optional(),
  /**
   * Filled by the app: the user's site or the casebook's subject id (both then fixed to it, shown read-only),
   * or today's date as a proposal on a form not saved yet.
   */
  prefill: z.enum(['site_id', 'today', 'subject_id']).optional(),
};

/** The unit as shown on the form in each language, for a unit written in words; `unit` itself when absent. */
const UnitLabel = Localized.optional();

const Limits = {
  /** The unit's code, as exports and the codebook name it (language-neutral). */
  unit: z.string().optional(),
  unitLabel: UnitLabel,
  /** Hard limits: a value outside is never stored. */
  min: z.number().optional(),
  max: z.number().optional(),
  /** Soft limits: a value outside is a warning that needs an override reason to complete. */
  softMin: z.number().optional(),
  softMax: z.number().optional(),
};

const AltUnit = z.strictObject({
  unit: z.string().min(1),
  /** Stored value = entered value × factor. */
  factor: z.number().positive(),
});

export const TextField = z.strictObject({
  ...FieldCommon,
  type: z.literal('text'),
  maxLength: z.number().int().positive(),
  pattern: z.string().optional(),
  /** Validation beyond a pattern, by name (e.g. the Italian tax-code checksum). */
  format: z.enum(['codice_fiscale']).optional(),
});
export const IntegerField = z.strictObject({ ...FieldCommon, ...Limits, type: z.literal('integer') });
export const DecimalField = z.strictObject({
  ...FieldCommon,
  ...Limits,
  type: z.literal('decimal'),
  /** Most decimal places accepted. */
  precision: z.number().int().min(0).max(12),
  altUnits: z.array(AltUnit).optional(),
});
export const DateField = z.strictObject({
  ...FieldCommon,
  type: z.literal('date'),
  notFuture: z.boolean().optional(),
});
export const PartialDateField = z.strictObject({
  ...FieldCommon,
  type: z.literal('partialDate'),
  /** Coarsest precision accepted: a year, a month, or a full date. */
  minPrecision: z.enum(['year', 'month', 'day']).default('year'),
  notFuture: z.boolean().optional(),
});
/** A choice of an item of the study's unit-cost table: the items of the chosen category, the row's values proposed. */
const UnitCostItem = z.strictObject({
  /** The field holding the category (CL_COSTCAT): only that category's items are offered (codes not in the table always). */
  categoryField: Name,
  /** Codes offered whatever the category (e.g. Other, which the table files under a category of its own). */
  anyCategory: z.array(Code).optional(),
  /** Fields proposed from the chosen item's row, field → column, when empty or still holding the previous item's value. */
  propose: z.record(Name, z.enum(['unit', 'default_unit_cost_eur', 'price_year'])).optional(),
});

export const SingleField = z.strictObject({
  ...FieldCommon,
  ...ChoiceSource,
  type: z.literal('single'),
  choiceAvailability: ChoiceAvailability.optional(),
  unitCostItem: UnitCostItem.optional(),
});
export const MultiField = z.strictObject({
  ...FieldCommon,
  ...ChoiceSource,
  type: z.literal('multi'),
  /** Choices that cannot be ticked together with any other (e.g. "None"). */
  exclusive: z.array(Code).optional(),
});
export const YesNoUnknownField = z.strictObject({ ...FieldCommon, type: z.literal('ynu') });
export const CalcField = z.strictObject({
  name: Name,
  label: Localized,
  help: Localized.optional(),
  note: z.string().optional(),
  unconfirmed: z.string().optional(),
  type: z.literal('calc'),
  valueType: z.enum(['number', 'date', 'code', 'text']),
  /** Expression computing the value; or `system` for values the app keeps (signature time …). */
  calc: Expression.optional(),
  system: z.string().optional(),
  precision: z.number().int().min(0).max(12).optional(),
  unit: z.string().optional(),
  unitLabel: UnitLabel,
  softMin: z.number().optional(),
  softMax: z.number().optional(),
  ...ChoiceSource,
});

export const Field = z.discriminatedUnion('type', [
  TextField,
  IntegerField,
  DecimalField,
  DateField,
  PartialDateField,
  SingleField,
  MultiField,
  YesNoUnknownField,
  CalcField,
]);
export type Field = z.infer<typeof Field>;
export type FieldType = Field['type'];

export const Form = z.strictObject({
  key: Name,
  /** The form's number in the specification (F01 … F12; F10a/F10b for the two parts of F10). */
  specId: z.string().regex(/^F\d{2}[ab]?$/),
  title: Localized,
  repeating: z.boolean(),
  /** For repeating forms: the field holding the instance's sequence number, filled by the app. */
  sequenceField: Name.optional(),
  fields: z.array(Field).min(1),
});
export type Form = z.infer<typeof Form>;

export const Check = z.strictObject({
  /** ECnn from the specification, with a letter for the parts of a check that has several (EC04a, EC04b). */
  id: z.string().regex(/^(EC\d{2}[a-z]?|[A-Z][A-Z0-9_]*)$/),
  severity: z.enum(['hard', 'soft']),
  /** Form(s) the check belongs to; it is evaluated for every instance of each. */
  form: z.union([Name, z.array(Name).min(1)]),
  /** Fails where false; skipped while undecidable (blank fields, partial dates that could pass). */
  assert: Expression,
  message: Localized,
  /** Fields to highlight; by default every field of the home form the assertion reads. */
  fields: z.array(Name).optional(),
  /** A failing check refuses any save of the form, not only its completion (crf-spec EC02). */
  blocksEntry: z.boolean().optional(),
  unconfirmed: z.string().optional(),
});
export type Check = z.infer<typeof Check>;

export const Parameter = z.strictObject({
  name: Name,
  type: z.enum(['date', 'number', 'text']),
  /** Study parameters are set in the definition; site parameters at each site (e.g. EC approval date). */
  scope: z.enum(['study', 'site']),
  value: z.union([z.string(), z.number(), z.null()]),
  label: Localized,
  unconfirmed: z.string().optional(),
});
export type Parameter = z.infer<typeof Parameter>;

export const IdentificationField = z.strictObject({
  name: z.string().regex(/^sil_[a-z0-9_]+$/),
  label: Localized,
  type: z.enum(['text', 'date', 'textList']),
  maxLength: z.number().int().positive().optional(),
  format: z.enum(['codice_fiscale']).optional(),
  required: z.boolean().default(false),
  note: z.string().optional(),
});
export type IdentificationField = z.infer<typeof IdentificationField>;

export const UnitCost = z.strictObject({
  item_code: z.string().regex(/^[A-Z][A-Z0-9_<>]*$/),
  category: Code,
  label_en: z.string().min(1),
  label_it: z.string().min(1),
  unit: Code,
  default_unit_cost_eur: z.number().nonnegative().nullable(),
  price_year: z.number().int().nullable(),
  vat_included: z.enum(['Y', 'N']).nullable(),
  source_type: Code.nullable(),
  source_reference: z.string(),
  valid_from: z.string().nullable(),
  valid_to: z.string().nullable(),
  region: z.string().nullable(),
  unconfirmed: z.string().optional(),
});
export type UnitCost = z.infer<typeof UnitCost>;

/** Synonyms of a reference entry are one attribute (attributes are strings), the phrases joined by this. */
export const REFERENCE_SYNONYM_SEPARATOR = '; ';

export const ReferenceList = z.strictObject({
  source: z.string().min(1),
  /** Attribute naming the entry in choices and exports. */
  labelAttribute: z.string().min(1),
  /** Attribute searched besides the label (e.g. the SOC). */
  groupAttribute: z.string().optional(),
  entries: z.array(z.strictObject({ key: Code, attributes: z.record(z.string(), z.string().nullable()) })).min(1),
  /**
   * Attributes holding the label, group and search synonyms in another language, where a translation was given;
   * `gradeNames`: the generic name of each grade there (CTCAE: 1 → "Lieve"), shown before the untranslated grade texts.
   */
  localized: z
    .partialRecord(
      z.enum(['it', 'en']),
      z.strictObject({ label: z.string().min(1), group: z.string().min(1).optional(), synonyms: z.string().min(1).optional(), gradeNames: z.record(z.string().regex(/^[1-5]$/), z.string().min(1)).optional() }),
    )
    .optional(),
});
export type ReferenceList = z.infer<typeof ReferenceList>;

export const StudyDefinition = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  title: Localized,
  description: Localized.optional(),
  subjectIdPattern: z.string().min(1),
  parameters: z.array(Parameter),
  codeLists: z.record(z.string().regex(/^CL_[A-Z0-9_]+$/), z.array(Choice).min(1)),
  forms: z.array(Form).min(1),
  checks: z.array(Check),
  identificationLog: z.array(IdentificationField),
  unitCosts: z.array(UnitCost),
  references: z.record(Name, ReferenceList),
  /** The meaning of an investigator's signature, shown before signing (21 CFR 11.50 / EU Annex 11). */
  signatureMeaning: Localized,
  /** The date a subject counts as enrolled (the report's enrolment by month); the record's creation when absent. */
  enrolmentDate: z.strictObject({ form: Name, field: Name }).optional(),
});
export type StudyDefinition = z.infer<typeof StudyDefinition>;
export type StudyDefinitionInput = z.input<typeof StudyDefinition>;
