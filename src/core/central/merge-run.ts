// A merge run over many bundles: each merged in its own transaction (one refusal never blocks the
// others), receipts written beside the report, progress reported, totals and the resulting digest.

import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MergeOutcome, MergeReport } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import type { Lang } from '../../shared/study/localized';
import { receiptFileName } from '../exchange/bundle-names';
import { writeFileAtomic } from '../files/write-file-atomic';
import type { Session } from '../store/session';
import { centralDigest } from './central-digest';
import { mergeBundle, type MergeOptions } from './merge-bundle';

export type MergeProgress = (done: number, total: number, file: string) => void;

export async function mergeRun(
  session: Session,
  files: readonly string[],
  options: MergeOptions & { receiptsDir: string; lang?: Lang; onProgress?: MergeProgress; log?: (line: string) => void },
): Promise<MergeReport> {
  const startedAt = session.clock().toISOString();
  if (!existsSync(options.receiptsDir)) mkdirSync(options.receiptsDir, { recursive: true });
  const outcomes: MergeOutcome[] = [];
  for (const [i, file] of files.entries()) {
    options.onProgress?.(i, files.length, basename(file));
    try {
      const result = await mergeBundle(session, file, options);
      const receiptFile = join(options.receiptsDir, receiptFileName(session.study.definition.id, result.siteId, result.sequence));
      writeFileAtomic(receiptFile, `${JSON.stringify(result.receipt, null, 2)}\n`);
      outcomes.push({ file: basename(file), status: result.status, siteId: result.siteId, sequence: result.sequence, counts: result.counts, gap: result.gap, error: null, receiptFile });
    } catch (error) {
      const coded = error instanceof AppError ? error : new AppError('internal.unexpected', { ref: 'merge' });
      if (!(error instanceof AppError)) options.log?.(`${basename(file)}: ${error instanceof Error ? error.message : String(error)}`);
      outcomes.push({ file: basename(file), status: 'refused', siteId: null, sequence: null, counts: null, gap: null, error: { code: coded.code, message: coded.messageIn(options.lang ?? 'en') }, receiptFile: null });
    }
  }
  options.onProgress?.(files.length, files.length, '');
  return {
    startedAt,
    finishedAt: session.clock().toISOString(),
    outcomes,
    totals: {
      merged: outcomes.filter((o) => o.status === 'merged').length,
      unchanged: outcomes.filter((o) => o.status === 'unchanged').length,
      refused: outcomes.filter((o) => o.status === 'refused').length,
    },
    centralDigest: await centralDigest(session.store.db),
  };
}
