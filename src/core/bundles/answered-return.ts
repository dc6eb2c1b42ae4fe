// The return bundle an upload answer carries: parsed from the JSON answer (base64, with the SHA-256 the centre
// announced), then imported by the same import as `edc return import` — audited there, refused with its code
// and the store unchanged when it does not verify, is stale or is for another site or study.

import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Sha256 } from '../../shared/contract/bundles';
import type { ReturnImportResult } from '../../shared/contract/return-bundles';
import { AppError } from '../../shared/errors/app-error';
import { RETURN_MAX_FILE } from '../exchange/read-return-bundle';
import type { Session } from '../store/session';
import { importReturn } from './import-return';

const AnswerReturn = z.object({
  returnBundle: z
    .strictObject({
      fileName: z.string().min(1).max(200),
      sequence: z.number().int().positive(),
      sha256: Sha256,
      data: z.base64().max(Math.ceil(RETURN_MAX_FILE / 3) * 4),
    })
    .nullable()
    .optional(),
});

export type AnsweredReturn = { readonly fileName: string; readonly sequence: number; readonly bytes: Uint8Array } | { readonly invalid: string };

export interface ReturnFromAnswer {
  readonly status: 'applied' | 'unchanged' | 'refused';
  readonly sequence: number | null;
  readonly error: { readonly code: string; readonly message: string } | null;
  readonly result: ReturnImportResult | null;
}

/** The return bundle of an accepted upload's answer: null when there is none, `invalid` when it cannot be read. */
export function answeredReturn(json: unknown): AnsweredReturn | null {
  const parsed = AnswerReturn.safeParse(json);
  if (!parsed.success) return { invalid: parsed.error.issues[0]?.message ?? 'invalid' };
  const r = parsed.data.returnBundle;
  if (!r) return null;
  const bytes = Buffer.from(r.data, 'base64');
  if (createHash('sha256').update(bytes).digest('hex') !== r.sha256) return { invalid: 'its SHA-256 is not the one the answer announced' };
  return { fileName: r.fileName, sequence: r.sequence, bytes };
}

function refused(error: AppError): ReturnFromAnswer {
  return { status: 'refused', sequence: null, error: { code: error.code, message: error.message }, result: null };
}

export async function importAnsweredReturn(session: Session, answered: AnsweredReturn): Promise<ReturnFromAnswer> {
  if ('invalid' in answered) return refused(new AppError('upload.badReturn', { detail: answered.invalid }));
  try {
    const result = await importReturn(session, answered.bytes, { via: 'upload' });
    return { status: result.status, sequence: result.sequence, error: null, result };
  } catch (error) {
    if (error instanceof AppError) return refused(error);
    throw error;
  }
}
