// The one request path behind every transport: channel lookup, zod parse of the input, session check,
// the handler, the output checked against the contract, and errors turned into coded, bilingual payloads.

import { randomUUID } from 'node:crypto';
import { contract, isChannel, type ApiResult } from '../../shared/contract/contract';
import { AppError, toErrorPayload } from '../../shared/errors/app-error';
import { zodIssues } from '../../shared/errors/zod-issues';
import type { AppContext } from './app-context';
import { handlers, type Handler } from './handlers';

export type Logger = (line: string) => void;

function fail(error: AppError): ApiResult<never> {
  return { ok: false, error: { ...toErrorPayload(error), details: { ...error.details } } };
}

export async function dispatch(ctx: AppContext, channel: unknown, raw: unknown, log: Logger = () => undefined): Promise<ApiResult<unknown>> {
  if (!isChannel(channel)) return fail(new AppError('input.unknownChannel'));
  const entry = contract[channel];
  const parsed = entry.input.safeParse(raw ?? {});
  if (!parsed.success) {
    return fail(new AppError('input.invalid', { issues: zodIssues(entry.input, raw ?? {}, parsed.error) }));
  }
  try {
    const handler = handlers[channel] as Handler<typeof channel>;
    const value = await (handler as (c: AppContext, i: unknown) => Promise<unknown>)(ctx, parsed.data);
    const checked = entry.output.safeParse(value);
    if (!checked.success) {
      const ref = randomUUID().slice(0, 8);
      log(`[${ref}] ${channel}: output does not match the contract: ${checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return fail(new AppError('internal.unexpected', { ref }));
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    if (error instanceof AppError) return fail(error);
    const ref = randomUUID().slice(0, 8);
    // The log stays on this machine; the page only gets the reference.
    log(`[${ref}] ${channel}: ${error instanceof Error ? error.message : String(error)}`);
    return fail(new AppError('internal.unexpected', { ref }));
  }
}
