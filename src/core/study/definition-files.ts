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
