// Streams analysis rows from a streamed dataset: one subject in, one row out, nothing held beyond the current subject.

import type { DatasetSubject } from '../dataset/dataset';
import type { AnalysisRow, SubjectDeriver } from '../modules/analysis';

export async function* analysisRows(dataset: AsyncIterable<DatasetSubject>, derive: SubjectDeriver): AsyncGenerator<AnalysisRow> {
  for await (const subject of dataset) yield derive(subject);
}
