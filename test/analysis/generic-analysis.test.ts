// The generic analysis dataset of a study without a module (the mini test study): one row per subject with the
// fields of the non-repeating forms, and per repeating form its number of records and first and last dates.

import { genericAnalysis } from '../../src/core/analysis';
import { miniStudyDefinition } from '../helpers/site';
import { makeSubject } from './fixtures';

const study = miniStudyDefinition().compiled;

describe('generic analysis dataset', () => {
  it('has a column per field of the non-repeating forms (one per choice of a multiple choice) and record counts and date ranges of the repeating ones', () => {
    const names = genericAnalysis.columns(study).map((c) => c.name);
    expect(names.slice(0, 2)).toEqual(['subject_id', 'site_id']);
    for (const form of study.definition.forms.filter((f) => !f.repeating)) {
      for (const field of form.fields) if (field.type !== 'multi') expect(names).toContain(field.name);
    }
    expect(names).toEqual(expect.arrayContaining(['n_cyc', 'cyc_start_first', 'cyc_start_last', 'n_ae']));
    expect(new Set(names).size).toBe(names.length);
  });

  it('derives the values as stored: numbers as numbers, codes as text, missing-data reasons blank, first and last dates over the days a date allows', () => {
    const derive = genericAnalysis.deriver(study, {});
    const subject = makeSubject('IT01-0007', [
      ['dm', { sex: '2', height_cm: 168, weight_kg: { missing: 'NK' } }],
      ['cyc', { cyc_no: 2, cyc_start: '2024-03-01' }],
      ['cyc', { cyc_no: 1, cyc_start: '2024-02-01' }],
      ['ae', { ae_onset: '2024-05-20' }],
      ['ae', { ae_onset: '2024-05' }],
    ]);
    const row = derive(subject);
    expect(Object.keys(row)).toEqual(genericAnalysis.columns(study).map((c) => c.name));
    expect(row).toMatchObject({ subject_id: 'IT01-0007', site_id: 'IT01', sex: '2', height_cm: 168, weight_kg: null, n_cyc: 2, cyc_start_first: '2024-02-01', cyc_start_last: '2024-03-01', n_ae: 2 });
    // A partial date allows every day of its month: it is the first (from the 1st) and the last (to the 31st).
    expect([row.ae_onset_first, row.ae_onset_last]).toEqual(['2024-05', '2024-05']);
  });
});
