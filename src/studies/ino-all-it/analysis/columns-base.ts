// Codebook entries of analysis.csv, part 1: identification, population, demographics, dosing and response.

import type { AnalysisColumn, ColumnCode } from '../../../core/modules/analysis';

export const col = (
  name: string,
  en: string,
  it: string,
  type: AnalysisColumn['type'],
  derivation: string,
  extra: { unit?: string; codes?: readonly ColumnCode[] } = {},
): AnalysisColumn => ({ name, label: { en, it }, type, ...extra, derivation });

const c = (code: string, en: string, it: string): ColumnCode => ({ code, label: { en, it } });

export const YES_NO: readonly ColumnCode[] = [c('1', 'Yes', 'Sì'), c('0', 'No', 'No')];
export const EVENT: readonly ColumnCode[] = [c('1', 'Event', 'Evento'), c('0', 'Censored', 'Censurato')];
export const COMPETING = (event: ColumnCode): readonly ColumnCode[] => [c('0', 'Censored', 'Censurato'), event, c('2', 'Competing event', 'Evento competitivo')];
export const codeOf = c;

const TTE = 'Day numbers are calendar days; partial dates are imputed (15th of the month, 1 July of the year; crf-spec §4).';

export const BASE_COLUMNS: readonly AnalysisColumn[] = [
  col('subject_id', 'Subject ID', 'Codice paziente', 'text', 'Pseudonymous subject key assigned by the app (crf-spec §2.0).'),
  col('site_id', 'Site', 'Centro', 'text', 'Site of the subject, from the store.'),
  col('eligible', 'Subject eligible', 'Paziente eleggibile', 'code', 'F01 rule: all inclusion criteria = 1, exclusion = 0 and data_basis ≠ 4; blank without an F01 record.', { codes: YES_NO }),
  col('treated', 'Received ≥1 inotuzumab dose', 'Almeno 1 dose di inotuzumab', 'code', 'Any F05 administration with dose > 0; rates use eligible treated patients as denominator (crf-spec §4).', { codes: YES_NO }),
  col('sex', 'Sex', 'Sesso', 'code', 'F02 sex as entered (not derived), for subgroups.', { codes: [c('1', 'Male', 'Maschio'), c('2', 'Female', 'Femmina')] }),
  col('age_dx', 'Age at diagnosis', 'Età alla diagnosi', 'integer', 'Completed years from 1 July of birth_year to dx_date, partial dx_date imputed to the 15th (YYYY-MM) or 1 July (YYYY) (crf-spec §4); the exact birth date never leaves the site, so always imputed.', { unit: 'years' }),
  col('age_first_dose', 'Age at first inotuzumab dose', 'Età alla prima dose di inotuzumab', 'integer', 'The F02 age_first_dose calc when present (device value from the exact birth date wins, crf-spec §4); otherwise completed years from 1 July of birth_year to C1D1.', { unit: 'years' }),
  col('age_imputed', 'Age from imputed birth date', 'Età da data di nascita imputata', 'code', 'age_imputed = 1 when age_first_dose was computed from 1 July of birth_year, 0 when the device computed it from the full birth date of the site-only identification log (crf-spec §4).', { codes: YES_NO }),
  col('ph_status', 'Ph chromosome / BCR::ABL1', 'Cromosoma Ph / BCR::ABL1', 'code', 'F03 ph_status as entered (stratifier).', { codes: [c('1', 'Positive', 'Positivo'), c('2', 'Negative', 'Negativo'), c('9', 'Unknown', 'Non noto')] }),
  col('salvage_line', 'Salvage line of inotuzumab', 'Linea di salvataggio di inotuzumab', 'integer', 'F03 salvage_line as entered (0 = not salvage).'),
  col('cr1_duration_months', 'Duration of first CR', 'Durata della prima RC', 'decimal', 'cr1_duration_months = (relapse1_date − cr1_date) in days ÷ 30.4375, partial dates imputed (crf-spec §4); 2 decimals.', { unit: 'months' }),
  col('cr1_lt12', 'First CR shorter than 12 months', 'Prima RC inferiore a 12 mesi', 'code', 'cr1_lt12 = 1 if cr1_duration_months < 12 (stratifier, crf-spec §4); blank without both dates.', { codes: YES_NO }),
  col('c1d1_date', 'First inotuzumab dose (C1D1)', 'Prima dose di inotuzumab (C1D1)', 'date', 'C1D1 = cyc_start of cycle 1 provided d1_dose_mg > 0 (crf-spec §4); blank otherwise, and then every time-to-event column is blank.'),
  col('bsa_m2', 'Body surface area (Mosteller)', 'Superficie corporea (Mosteller)', 'decimal', 'At baseline: Mosteller √(height_cm × weight_kg ÷ 3600) from F02, rounded to 2 decimals as the bsa_m2 calc (crf-spec §4).', { unit: 'm²' }),
  col('bmi', 'Body-mass index at baseline', 'Indice di massa corporea basale', 'decimal', 'bmi = weight_kg ÷ (height_cm ÷ 100)² (crf-spec §4); 1 decimal.', { unit: 'kg/m²' }),
  col('n_cycles', 'Inotuzumab cycles', 'Cicli di inotuzumab', 'integer', 'n_cycles = highest cyc_no with any dose > 0 (crf-spec §4); 0 if none.'),
  col('n_doses', 'Inotuzumab doses', 'Dosi di inotuzumab', 'integer', 'n_doses = count of day 1/8/15 doses > 0 (crf-spec §4).'),
  col('cum_dose_mg', 'Cumulative dose', 'Dose cumulativa', 'decimal', 'cum_dose_mg = Σ over all F05 cycles of d1 + d8 + d15 mg (crf-spec §4); blank if any dose is unknown; 3 decimals.', { unit: 'mg' }),
  col('cum_dose_mg_m2', 'Cumulative dose per m²', 'Dose cumulativa per m²', 'decimal', 'cum_dose_mg_m2 = Σ cyc_dose_mg ÷ cyc_bsa_m2, each cycle over its own Mosteller BSA (cyc_weight_kg, else baseline weight; baseline height), unrounded as the formula of crf-spec §4 unless the study parameter bsa_dose_decimals sets the decimals (the cyc_bsa_m2 calc shows 2); 3 decimals.', { unit: 'mg/m²' }),
  col('rdi', 'Relative dose intensity', 'Intensità di dose relativa', 'decimal', 'rdi = cum_dose_mg_m2 ÷ Σ planned mg/m² (1.8, 1.5 or cyc_planned_other) over all F05 cycles × 100 (crf-spec §4); blank if a planned dose is unknown; 1 decimal.', { unit: '%' }),
  col('vials', 'Inotuzumab vials', 'Flaconcini di inotuzumab', 'decimal', 'Σ per cycle of the entered ino_vials, else calculated vials (crf-spec §4, F05 ino_vials note); whole vials unless vial_sharing = 1.', { unit: 'vials' }),
  col('vials_calc', 'Inotuzumab vials, calculated', 'Flaconcini di inotuzumab, calcolati', 'decimal', 'calc_vials = Σ ⌈dose_mg ÷ vial_mg_deliverable⌉ per administration (no sharing, crf-spec §4); with vial_sharing = 1 the subject’s share Σ dose_mg ÷ vial_mg (the per-day-and-site ceiling spans subjects); 2 decimals.', { unit: 'vials' }),
  col('last_dose_date', 'Last inotuzumab dose', 'Ultima dose di inotuzumab', 'date', 'last_dose_date = latest date with a dose > 0 (crf-spec §4); a dose without its date sits on its nominal day (cycle start + 7 or + 14).'),
  col('ino_duration_days', 'Duration of inotuzumab treatment', 'Durata del trattamento con inotuzumab', 'integer', 'ino_duration_days = last_dose_date − C1D1 + 1 (crf-spec §4).', { unit: 'days' }),
  col('resp_window_end_date', 'End of the response window', 'Fine della finestra di risposta', 'date', 'The earlier of last_dose_date + 28 days and the start of any F09 therapy (crf-spec §4 best_resp_ino); both ends inclusive.'),
  col('best_resp_ino', 'Best response to inotuzumab', 'Migliore risposta a inotuzumab', 'code', 'Best F06 resp_cat dated C1D1 … window end, ordered CR > CRi > PR > NR > PD > NE; REL, Unknown and no assessment count as NE (crf-spec §4).', {
    codes: [c('1', 'CR', 'RC'), c('2', 'CRi', 'RCi'), c('3', 'PR', 'RP'), c('4', 'NR', 'NR'), c('5', 'PD', 'Progressione'), c('7', 'NE', 'Non valutabile')],
  }),
  col('crcri', 'CR or CRi', 'RC o RCi', 'code', 'crcri = 1 if best_resp_ino is CR or CRi (crf-spec §4).', { codes: YES_NO }),
  col('first_crcri_date', 'First CR/CRi', 'Prima RC/RCi', 'date', 'Date of the first F06 CR/CRi in the response window; origin of DOR (crf-spec §4).'),
  col('ttr_days', 'Time to response', 'Tempo alla risposta', 'integer', 'ttr_days = first CR/CRi date − C1D1, responders only (crf-spec §4).', { unit: 'days' }),
  col('best_mrd_neg_1e4', 'Best MRD status at 10⁻⁴ in the response window', 'Migliore stato MRD a 10⁻⁴ nella finestra di risposta', 'code', 'Not the per-assessment mrd_neg_1e4 of resp.csv, from which it is taken: per assessment (crf-spec §4): 1 if (result not detected and sensitivity ≤ 1E-4) or (quantifiable and value < 1E-4), 0 if value ≥ 1E-4, 9 otherwise; the subject takes 1 if any assessment in the window is 1, else 0 if any is 0, else 9.', {
    codes: [c('1', 'Negative', 'Negativa'), c('0', 'Positive', 'Positiva'), c('9', 'Not evaluable', 'Non valutabile')],
  }),
  col('mrd_neg_crcri', 'CR/CRi with MRD < 10⁻⁴', 'RC/RCi con MRD < 10⁻⁴', 'code', 'mrd_neg_crcri = 1 if any assessment in the response window has CR/CRi and mrd_neg_1e4 = 1 (crf-spec §4), else 0.', { codes: YES_NO }),
  col('dor_days', 'Duration of response', 'Durata della risposta', 'integer', `From the first CR/CRi to the first relapse/progression (F10b relapse_date or F06 PD/REL after it) or death; censored at the later of last assessment and last contact, truncated at data_cutoff; blank for non-responders and when the first CR/CRi is after the cut-off (crf-spec §4). ${TTE}`, { unit: 'days' }),
  col('dor_event', 'Duration of response: event', 'Durata della risposta: evento', 'code', 'dor_event = 1 relapse/progression or death on or before data_cutoff, 0 censored (crf-spec §4; HSCT does not censor).', { codes: EVENT }),
  col('dor_sens_days', 'Duration of response, censored at new therapy', 'Durata della risposta, censurata a nuova terapia', 'integer', 'Sensitivity analysis of crf-spec §4: as dor_days, but follow-up also ends at the start of the first non-HSCT F09 therapy (st_type ∉ {1, 2}) after the first CR/CRi; events after it are ignored.', { unit: 'days' }),
  col('dor_sens_event', 'Duration of response, censored at new therapy: event', 'Durata della risposta, censurata a nuova terapia: evento', 'code', 'dor_sens_event = 1 relapse/progression or death before or on the day of a new non-HSCT therapy and data_cutoff, 0 censored.', { codes: EVENT }),
];

export { TTE as TTE_NOTE };
