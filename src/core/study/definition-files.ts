// How a study definition is laid out on disk: study.json naming its form files, checks, the
// identification log, the unit-cost table and reference lists, beside each other in one folder.

import { z } from 'zod';

export const StudyManifest = z.looseObject({
  forms: z.array(z.string().regex(/^[\w./-]+\.json$/)).min(1),
  checks: z.string().regex(/^[\w./-]+\.json$/),
  identificationLog: z.string().regex(/^[\w./-]+\.json$/),
  unitCosts: z.string().regex(/^[\w./-]+\.json$/),
  references: z.record(
    z.string(),
    z.strictObject({
      file: z.string().regex(/^[\w./-]+\.json$/),
      format: z.literal('ctcae-v5'),
      /** Per language, a file of labels, search synonyms and SOC names for the list's terms (CtcaeTranslationFile). */
      translations: z.partialRecord(z.enum(['it', 'en']), z.string().regex(/^[\w./-]+\.json$/)).optional(),
    }),
  ),
});

/** The NCI CTCAE v5.0 term list as shipped in resources/reference. */
export const CtcaeFile = z.object({
  source: z.string(),
  terms: z
    .array(
      z.object({
        meddra_code: z.number().int(),
        soc: z.string(),
        term: z.string(),
        grades: z.array(z.string().nullable()).length(5),
        definition: z.string().nullable(),
        note: z.string().nullable(),
      }),
    )
    .min(1),
});

/** Labels of CTCAE terms in another language, keyed by MedDRA code with the English term repeated for review. */
export const CtcaeTranslationFile = z.object({
  /** Who must confirm the translation; shown nowhere but kept with the file. */
  note: z.string().min(1),
  source: z.string().min(1),
  language: z.enum(['it', 'en']),
  /** English MedDRA SOC name → translated name; every SOC of the list must be named. */
  socs: z.record(z.string().min(1), z.string().min(1)),
  /** The generic CTCAE v5.0 grade names in the language, all five (the grade texts per term stay in English). */
  grades: z.record(z.enum(['1', '2', '3', '4', '5']), z.string().min(1)).optional(),
  terms: z.array(
    z.strictObject({
      meddra_code: z.number().int(),
      term: z.string().min(1),
      label: z.string().min(1),
      /** No ';': the list keeps them in one attribute joined by '; '. */
      synonyms: z.array(z.string().regex(/^[^;]+$/)),
    }),
  ),
});
export type CtcaeTranslationFile = z.infer<typeof CtcaeTranslationFile>;
