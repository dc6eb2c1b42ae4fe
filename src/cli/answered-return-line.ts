// The line `edc upload` and `edc exchange run` print for the return bundle an upload answer carried.

import type { CliText } from './messages';

export function answeredReturnLine(t: CliText, r: { status: 'applied' | 'unchanged' | 'refused'; sequence: number | null; code: string | null; error: string | null }): string {
  if (r.status === 'refused') return t('upload.returnRefused', { code: r.code ?? '', message: r.error ?? '' });
  return t(r.status === 'applied' ? 'upload.returnApplied' : 'upload.returnUnchanged', { sequence: r.sequence ?? '' });
}
