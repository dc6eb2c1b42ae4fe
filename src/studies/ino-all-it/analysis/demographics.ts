// Demographic and disease stratifiers per crf-spec §4: ages at diagnosis and first dose, eligibility, CR1 duration.

import { completedYears, dayNumber } from '../../../shared/dates/partial-date';
import type { DatasetSubject } from '../../../core/dataset/dataset';
import { code, day, fromSiteOnlyData, num, singleOf } from '../../../core/analysis/subject-view';

export const DAYS_PER_MONTH = 30.4375;

export interface Demographics {
  readonly ageDx: number | undefined;
  readonly ageFirstDose: number | undefined;
  readonly ageImputed: 0 | 1 | undefined;
  readonly eligible: 0 | 1 | undefined;
  readonly cr1Months: number | undefined;
}

function imputedBirthDay(birthYear: number | undefined): number | undefined {
  return birthYear === undefined || !Number.isInteger(birthYear) ? undefined : dayNumber(birthYear, 7, 1);
}

/**
 * Age at first dose: the dm calc wins (the device may have used the exact birth date of the site-only log); otherwise
 * completed years from 1 July of birth_year. age_imputed = 1 unless the calc came from the exact birth date (a site
 * with a full birth date in its log, or a bundle carrying the device value, which is sent only then).
 */
function ageAtFirstDose(subject: DatasetSubject, birth: number | undefined, c1d1: number | undefined): { age: number | undefined; imputed: 0 | 1 | undefined } {
  const dm = singleOf(subject, 'dm');
  const device = num(dm, 'age_first_dose');
  if (device !== undefined && Number.isInteger(device) && fromSiteOnlyData(dm, 'age_first_dose')) return { age: device, imputed: 0 };
  const imputed = birth !== undefined && c1d1 !== undefined ? completedYears(birth, c1d1) : undefined;
  return { age: imputed, imputed: imputed === undefined ? undefined : 1 };
}

function eligibility(subject: DatasetSubject): 0 | 1 | undefined {
  const elig = singleOf(subject, 'elig');
  const fields = ['incl_age18', 'incl_cd22_ball', 'incl_ino_cu', 'incl_records', 'excl_trial_only', 'data_basis'];
  const values = fields.map((f) => code(elig, f));
  if (values.every((v) => v === undefined)) return undefined;
  const [a, b, c, d, excl, basis] = values;
  return a === '1' && b === '1' && c === '1' && d === '1' && excl === '0' && basis !== undefined && basis !== '4' ? 1 : 0;
}

export function deriveDemographics(subject: DatasetSubject, c1d1: number | undefined): Demographics {
  const dm = singleOf(subject, 'dm');
  const dx = singleOf(subject, 'dx');
  const birth = imputedBirthDay(num(dm, 'birth_year'));
  const dxDay = day(dx, 'dx_date');
  const first = ageAtFirstDose(subject, birth, c1d1);
  const cr1 = day(dx, 'cr1_date');
  const relapse1 = day(dx, 'relapse1_date');
  return {
    ageDx: birth !== undefined && dxDay !== undefined ? completedYears(birth, dxDay) : undefined,
    ageFirstDose: first.age,
    ageImputed: first.imputed,
    eligible: eligibility(subject),
    cr1Months: cr1 !== undefined && relapse1 !== undefined ? (relapse1 - cr1) / DAYS_PER_MONTH : undefined,
  };
}
