// Where the CLI gets passwords: the EDC_PASSWORD environment variable or a terminal prompt, never a flag.

import { AppError } from '../shared/errors/app-error';
import type { CliIo } from './io';
import { cliText } from './messages';

export async function readSecret(io: CliIo, envName: string, question: string): Promise<string> {
  const fromEnv = io.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.interactive) throw new AppError('input.passwordMissing');
  const answer = await io.prompt(question, true);
  if (answer === '') throw new AppError('input.passwordMissing');
  return answer;
}

/** A new secret: from the environment, or typed twice at the terminal. */
export async function readNewSecret(io: CliIo, envName: string, question: string): Promise<string> {
  const fromEnv = io.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const first = await readSecret(io, envName, question);
  const second = await io.prompt(cliText(io)('prompts.repeat'), true);
  if (first !== second) throw new AppError('input.confirmMismatch');
  return first;
}
