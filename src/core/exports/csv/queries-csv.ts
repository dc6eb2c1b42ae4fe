// queries.csv of the site and central CSV exports: one row per data query, with its state, its first and
// last answer, late answers and days to the first answer.

import { join } from 'node:path';
import { translateBoth } from '../../../shared/i18n/catalogue';
import { listQueryViews } from '../../queries/list-queries';
import type { Session } from '../../store/session';
import type { LoaderFile } from './loaders/loader-model';
import { CsvFile } from './csv-file';
import { formatText, type Dialect } from './dialect';
import type { WrittenFile } from './write-subject-files';

export const QUERIES_CSV = 'queries.csv';

const HEADER = ['query_id', 'site_id', 'subject_id', 'form', 'instance_no', 'field', 'check_id', 'category', 'status', 'text', 'raised_by', 'raised_at', 'updated_at', 'answers', 'last_answer', 'last_answer_by', 'last_answer_at', 'late_answers', 'days_to_answer'];

const NUMBERS = new Set(['instance_no', 'answers', 'late_answers', 'days_to_answer']);

/** The codebook's rows for queries.csv (variable, file, form, labels, type, unit, codes, range, derivation). */
export function queriesCodebookRows(): string[][] {
  return HEADER.map((name) => {
    const label = translateBoth('errors', `terms.queries.columns.${name}`);
    const codes = name === 'status' ? 'open | answered | closed | reopened' : name === 'category' ? 'missing | inconsistent | out_of_range | protocol | other' : '';
    return [name, QUERIES_CSV, '', label.it, label.en, NUMBERS.has(name) ? 'integer' : 'text', '', codes, '', ''];
  });
}

const STATUS_CODES = ['open', 'answered', 'closed', 'reopened'];
const CATEGORY_CODES = ['missing', 'inconsistent', 'out_of_range', 'protocol', 'other'];

/** queries.csv as the R and Stata loaders read it: ids and texts as text, counts as numbers, state and category as factors. */
export function queriesLoaderFile(): LoaderFile {
  const factor = (codes: readonly string[]) => ({ kind: 'factor' as const, codes: codes.map((code) => ({ code, label: code })) });
  return {
    file: QUERIES_CSV,
    name: 'queries',
    variables: HEADER.map((name) => ({
      name,
      label: translateBoth('errors', `terms.queries.columns.${name}`).en,
      ...(name === 'status' ? factor(STATUS_CODES) : name === 'category' ? factor(CATEGORY_CODES) : { kind: NUMBERS.has(name) ? ('number' as const) : ('text' as const) }),
      missingReasons: false,
      note: '',
    })),
  };
}

export async function writeQueriesCsv(session: Session, outDir: string, dialect: Dialect): Promise<WrittenFile> {
  const file = new CsvFile(join(outDir, QUERIES_CSV), dialect, HEADER);
  for (const q of await listQueryViews(session, {})) {
    const answers = q.events.filter((e) => e.kind === 'answer');
    const last = answers.at(-1);
    const cells = [q.id, q.siteId, q.subjectId, q.form ?? '', q.instanceNo ?? '', q.field ?? '', q.checkId ?? '', q.category, q.status, q.text, q.raisedBy, q.raisedAt, q.updatedAt, answers.length, last?.text ?? '', last?.by ?? '', last?.at ?? '', q.lateAnswers, q.daysToAnswer ?? ''];
    await file.row(cells.map((c) => (typeof c === 'number' ? String(c) : formatText(c, dialect))));
  }
  const closed = await file.close();
  return { name: QUERIES_CSV, sha256: closed.sha256, rows: closed.rows };
}
