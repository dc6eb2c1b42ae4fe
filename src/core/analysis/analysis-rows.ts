// Streams analysis rows from a streamed dataset: one subject in, one row out, nothing held beyond the current subject.

import type { DatasetSubject } from '../dataset/dataset';
import { deriveSubject } from './derive-subject';
import type { AnalysisContext, AnalysisRow } from './types';

export async function* analysisRows(dataset: AsyncIterable<DatasetSubject>, ctx: AnalysisContext): AsyncGenerator<AnalysisRow> {
  for await (const subject of dataset) yield deriveSubject(subject, ctx);
}
