// Codebook entries of analysis.csv, part 2: HSCT, time-to-event, SOS/VOD and adverse events.

import { col, codeOf, COMPETING, EVENT, TTE_NOTE, YES_NO } from './columns-base';
import { CTCAE_SOCS, socColumn } from './soc';
import type { AnalysisColumn } from '../../../core/modules/analysis';

const CUTOFF = 'origin C1D1; events after data_cutoff are ignored and follow-up is truncated there (crf-spec §4)';
const GRADES = [1, 2, 3, 4, 5].map((g) => codeOf(String(g), `Grade ${g}`, `Grado ${g}`));
const AE_GRADES = [codeOf('0', 'No AE recorded', 'Nessun EA registrato'), ...GRADES];

export const OUTCOME_COLUMNS: readonly AnalysisColumn[] = [
  col('hsct_after_ino', 'Allogeneic HSCT after inotuzumab', 'Trapianto allogenico dopo inotuzumab', 'code', 'hsct_after_ino = 1 if any F09 st_type = 1 starts after C1D1 (crf-spec §4).', { codes: YES_NO }),
  col('hsct_date', 'First allogeneic HSCT after inotuzumab', 'Primo trapianto allogenico dopo inotuzumab', 'date', 'st_start (day 0) of the first F09 allogeneic HSCT after C1D1.'),
  col('hsct_direct', 'HSCT directly after inotuzumab (no intervening therapy)', 'Trapianto direttamente dopo inotuzumab (senza terapie intermedie)', 'code', 'hsct_direct as entered on the first HSCT after C1D1 (crf-spec §4).', {
    codes: [...YES_NO, codeOf('9', 'Unknown', 'Non noto')],
  }),
  col('days_lastdose_to_hsct', 'Days from last dose to HSCT', 'Giorni dall’ultima dose al trapianto', 'integer', 'days_lastdose_to_hsct = HSCT st_start − last_dose_date (crf-spec §4).', { unit: 'days' }),
  col('last_contact_date', 'Date last known alive or date of death', 'Data ultima notizia in vita o data di decesso', 'date', 'F10b last_contact_date formula: latest date of F10a, F05–F09, F10b and F11, partial dates imputed (crf-spec §4); not truncated at the cut-off.'),
  col('os_days', 'Overall survival', 'Sopravvivenza globale', 'integer', `Death from any cause, else censored at last_contact_date; ${CUTOFF}. Death on C1D1 = 0 days; no contact after C1D1 = 0 days censored. ${TTE_NOTE}`, { unit: 'days' }),
  col('os_event', 'Overall survival: event', 'Sopravvivenza globale: evento', 'code', 'os_event = 1 death on or before data_cutoff, 0 censored (crf-spec §4); blank when dead with no date of death.', { codes: EVENT }),
  col('efs_days', 'Event-free survival', 'Sopravvivenza libera da eventi', 'integer', `First of: no CR/CRi by the end of the response window (event at day 1, induction-failure convention), relapse/progression after CR/CRi, death; censored at last contact alive and event-free; ${CUTOFF}.`, { unit: 'days' }),
  col('efs_event', 'Event-free survival: event', 'Sopravvivenza libera da eventi: evento', 'code', 'efs_event = 1 induction failure, relapse/progression or death on or before data_cutoff, 0 censored (crf-spec §4).', { codes: EVENT }),
  col('nrm_days', 'Time to non-relapse mortality', 'Tempo alla mortalità non da recidiva', 'integer', `Cumulative-incidence time for NRM: first of relapse/progression (competing) or death; censored at last contact; ${CUTOFF}.`, { unit: 'days' }),
  col('nrm_status', 'Non-relapse mortality: status', 'Mortalità non da recidiva: stato', 'code', 'nrm_status = 1 death without prior relapse/progression, 2 relapse/progression first (same day: relapse), 0 censored (crf-spec §4 nrm).', {
    codes: COMPETING(codeOf('1', 'Death without relapse/progression', 'Decesso senza recidiva/progressione')),
  }),
  col('nrm_hsct_days', 'Time to NRM from HSCT', 'Tempo alla mortalità non da recidiva dal trapianto', 'integer', 'As nrm_days with origin the first allogeneic HSCT after C1D1 and only relapses on or after it (crf-spec §4); blank if not transplanted.', { unit: 'days' }),
  col('nrm_hsct_status', 'NRM from HSCT: status', 'Mortalità non da recidiva dal trapianto: stato', 'code', 'As nrm_status from the HSCT date (crf-spec §4).', {
    codes: COMPETING(codeOf('1', 'Death without relapse/progression', 'Decesso senza recidiva/progressione')),
  }),
  col('vod_flag', 'SOS/VOD', 'SOS/VOD', 'code', 'vod_flag = 1 if any F07 AE with MedDRA 10063675 (ae_sos_flag) or any F08 record (crf-spec §4 crude proportion).', { codes: YES_NO }),
  col('vod_days', 'Time to SOS/VOD', 'Tempo a SOS/VOD', 'integer', `First F08 vod_dx_date (else the SOS AE onset) or death without SOS/VOD (competing); censored at last contact; ${CUTOFF}; for the Aalen–Johansen estimate at day 100.`, { unit: 'days' }),
  col('vod_ci_status', 'SOS/VOD cumulative incidence: status', 'Incidenza cumulativa di SOS/VOD: stato', 'code', 'vod_ci_status = 1 SOS/VOD, 2 death without SOS/VOD (same day: SOS/VOD), 0 censored (crf-spec §4); not the F08 form status vod_status of vod.csv.', {
    codes: COMPETING(codeOf('1', 'SOS/VOD', 'SOS/VOD')),
  }),
  col('vod_hsct_days', 'Time to SOS/VOD from HSCT', 'Tempo a SOS/VOD dal trapianto', 'integer', 'As vod_days with origin the first allogeneic HSCT after C1D1, counting only F08 records with vod_setting = 2 on or after it (crf-spec §4); blank if not transplanted.', { unit: 'days' }),
  col('vod_hsct_status', 'SOS/VOD from HSCT: status', 'SOS/VOD dal trapianto: stato', 'code', 'As vod_ci_status from the HSCT date (crf-spec §4).', { codes: COMPETING(codeOf('1', 'SOS/VOD', 'SOS/VOD')) }),
  col('vod_ebmt_grade_max', 'Maximum SOS/VOD severity (EBMT)', 'Gravità massima SOS/VOD (EBMT)', 'code', 'Highest F08 vod_ebmt_grade 1–4; 9 when every F08 record is not assessable; blank without F08.', {
    codes: [codeOf('1', 'Mild', 'Lieve'), codeOf('2', 'Moderate', 'Moderata'), codeOf('3', 'Severe', 'Grave'), codeOf('4', 'Very severe', 'Molto grave'), codeOf('9', 'Not assessable', 'Non valutabile')],
  }),
  col('vod_ctcae_grade_max', 'Maximum CTCAE grade of SOS/VOD', 'Grado CTCAE massimo di SOS/VOD', 'code', 'Highest ae_grade of the F07 AEs with MedDRA 10063675; blank without such an AE.', { codes: GRADES }),
  col('ae_n', 'Adverse events recorded', 'Eventi avversi registrati', 'integer', 'Count of treatment-emergent F07 records (onset not wholly before C1D1); F07 scope is grade ≥3 and AEs of special interest.'),
  col('ae_n_grade3plus', 'Adverse events of grade ≥3', 'Eventi avversi di grado ≥3', 'integer', 'Count of treatment-emergent F07 records with ae_grade ≥ 3.'),
  col('ae_max_grade', 'Maximum AE grade', 'Grado massimo degli EA', 'code', 'Highest ae_grade over treatment-emergent F07 records; 0 when none is recorded; blank when only unknown grades are recorded or the subject is untreated.', { codes: AE_GRADES }),
  ...CTCAE_SOCS.map((soc) =>
    col(socColumn(soc), `Maximum AE grade: ${soc.name}`, `Grado massimo degli EA: ${soc.it}`, 'code', `As ae_max_grade, over AEs whose CTCAE v5.0 term belongs to the MedDRA SOC “${soc.name}”; 0 when none.`, { codes: AE_GRADES }),
  ),
];
