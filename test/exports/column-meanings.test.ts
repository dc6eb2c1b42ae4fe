// One column name, one meaning, across every CSV file of an export (form files, subjects_wide.csv, analysis.csv):
// no file has a name twice, and wherever a name recurs the codebook gives it the same label, unit and codes.

import { analysisOf } from '../../src/core/analysis';
import { codebookRows } from '../../src/core/exports/csv/codebook';
import { formFileColumns, wideColumns } from '../../src/core/exports/csv/columns';
import { moduleFor } from '../../src/core/modules/study-module';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import { studyModules } from '../../src/studies';

describe.each(['ino-all-it', 'htn-registry'])('the export files of %s', (id) => {
  const { compiled: study } = loadBuiltInStudy(id);
  const analysisColumns = analysisOf(moduleFor(studyModules, id)).columns(study);
  const files: [string, string[]][] = [
    ...study.definition.forms.map((f): [string, string[]] => [`${f.key}.csv`, formFileColumns(study, f).map((c) => c.name)]),
    ['subjects_wide.csv', wideColumns(study).map((c) => c.name)],
    ['analysis.csv', analysisColumns.map((c) => c.name)],
  ];

  it('never repeat a column name within one file', () => {
    const repeated = files.flatMap(([file, names]) => names.filter((n, i) => names.indexOf(n) !== i).map((n) => `${file}: ${n}`));
    expect(repeated).toEqual([]);
  });

  it('describe a name that recurs across files as one variable (label, unit, codes)', () => {
    const meanings = new Map<string, Map<string, string[]>>();
    for (const [variable, file, , , labelEn, , unit, codes] of codebookRows(study, analysisColumns)) {
      const key = JSON.stringify([labelEn, unit, codes]);
      const byMeaning = meanings.get(variable!) ?? new Map<string, string[]>();
      byMeaning.set(key, [...(byMeaning.get(key) ?? []), file!]);
      meanings.set(variable!, byMeaning);
    }
    const twoMeanings = [...meanings].filter(([, m]) => m.size > 1).map(([variable, m]) => `${variable}: ${[...m].map(([k, f]) => `${k} in ${f.join(',')}`).join(' / ')}`);
    expect(twoMeanings).toEqual([]);
    // The SOS/VOD competing-risks status is not the F08 form status.
    if (id === 'ino-all-it') expect(files.find(([f]) => f === 'analysis.csv')![1]).toEqual(expect.arrayContaining(['vod_ci_status', 'best_mrd_neg_1e4']));
  });
});
