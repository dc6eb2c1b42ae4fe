// One bundle record parsed with its zod schema; a failure becomes bundle.malformedRecord naming file and line.

import { AppError } from '../../shared/errors/app-error';

interface RecordSchema<T> {
  safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

export function parseRecord<T>(schema: RecordSchema<T>, raw: unknown, file: string, line: number): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('bundle.malformedRecord', { file, line, detail: issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : 'shape' });
  }
  return parsed.data;
}
