// A text in the two languages every user-facing string of the app carries.

import { z } from 'zod';

export const Localized = z.strictObject({
  it: z.string().min(1),
  en: z.string().min(1),
});
export type Localized = z.infer<typeof Localized>;

export type Lang = keyof Localized;
export const LANGS: readonly Lang[] = ['it', 'en'];
