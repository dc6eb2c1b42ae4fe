// The issues of a failed zod parse as error details in both languages: "path: problem", worded by zod
// (English by default, Italian from zod's own locale), so an input error reads in the user's language.

import { z } from 'zod';
import { translateBoth } from '../i18n/catalogue';
import type { LocalizedDetail } from './codes';

const italian = z.locales.it();

/** The first `limit` issues of `error`, which came from parsing `value` with `schema`. */
export function zodIssues(schema: z.ZodType, value: unknown, error: z.ZodError, limit = 10): LocalizedDetail[] {
  // Parsing again with the Italian error map only on failure, so the happy path pays nothing; the same input
  // gives the same issues in the same order.
  const again = schema.safeParse(value, { error: italian.localeError });
  const inItalian = again.success ? [] : again.error.issues;
  const whole = translateBoth('errors', 'terms.wholeInput');
  return error.issues.slice(0, limit).map((issue, i) => {
    const path = issue.path.join('.');
    return {
      en: `${path || whole.en}: ${issue.message}`,
      it: `${path || whole.it}: ${inItalian[i]?.message ?? issue.message}`,
    };
  });
}
