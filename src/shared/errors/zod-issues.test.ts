// Input errors read in the user's language: zod's issues as details in Italian and English, naming the field.

import { z } from 'zod';
import { formatMessage } from './codes';
import { zodIssues } from './zod-issues';

const Input = z.strictObject({ subjectId: z.string().regex(/^[A-Z]{2}\d{2}-\d{4}$/), instanceNo: z.number().int() });

function issuesOf(schema: z.ZodType, value: unknown, limit?: number) {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a failed parse');
  return zodIssues(schema, value, parsed.error, limit);
}

describe('zodIssues', () => {
  it('names each field with its problem in both languages, in the order zod found them', () => {
    const issues = issuesOf(Input, { subjectId: 'bad id', instanceNo: 1.5 });
    expect(issues.map((i) => [i.en.split(':')[0], i.it.split(':')[0]])).toEqual([
      ['subjectId', 'subjectId'],
      ['instanceNo', 'instanceNo'],
    ]);
    expect(issues[0]!.it).not.toBe(issues[0]!.en);
  });

  it('says "the whole input" in the reader’s language when the problem has no field', () => {
    const [issue] = issuesOf(z.string(), 3);
    expect(issue!.en.startsWith('(input): ')).toBe(true);
    expect(issue!.it.startsWith('(dati): ')).toBe(true);
  });

  it('keeps only the first issues', () => {
    expect(issuesOf(Input, { subjectId: 1, instanceNo: 'x', extra: true }, 2)).toHaveLength(2);
  });

  it('fills the input.invalid message in each language with that language’s wording', () => {
    const issues = issuesOf(Input, { subjectId: 'IT01-0001', instanceNo: 1.5 });
    expect(formatMessage('input.invalid', { issues }, 'it')).toBe(`Dati non validi: ${issues[0]!.it}`);
    expect(formatMessage('input.invalid', { issues }, 'en')).toBe(`Invalid input: ${issues[0]!.en}`);
  });
});
