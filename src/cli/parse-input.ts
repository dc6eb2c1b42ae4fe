// Turns CLI arguments into contract inputs: JSON given inline or as @file, parsed with the contract's zod schema.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { AppError } from '../shared/errors/app-error';
import { zodIssues } from '../shared/errors/zod-issues';

export function readJsonArg(value: string, cwd: string): unknown {
  let text = value;
  if (value.startsWith('@')) {
    const file = resolve(cwd, value.slice(1));
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new AppError('input.file', { file });
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError('input.json', { detail: error instanceof Error ? error.message : 'syntax' });
  }
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('input.invalid', { issues: zodIssues(schema, value, result.error, Infinity) });
  }
  return result.data;
}
