// Contract entry of the printable CRFs: the blank CRF of the store's study, or a subject's filled casebook, as
// one self-contained HTML document in the print layout (the browser prints it, the desktop saves it as PDF).

import { z } from 'zod';
import { Lang, SubjectId } from './common';

export const PrintInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('blankCrf'), lang: Lang }),
  z.strictObject({ kind: z.literal('casebook'), lang: Lang, subjectId: SubjectId }),
]);
export type PrintInput = z.infer<typeof PrintInput>;

export const PrintOut = z.strictObject({
  html: z.string(),
  /** A file name to suggest when saving, without a folder. */
  fileName: z.string().regex(/^[A-Za-z0-9._-]+$/),
});
export type PrintOut = z.infer<typeof PrintOut>;
