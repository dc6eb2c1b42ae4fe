// Follow-up facts shared by the time-to-event endpoints: last contact (F10b formula), death, relapse/progression.

import { imputeDay } from '../../../shared/dates/partial-date';
import type { DatasetSubject } from '../../../core/dataset/dataset';
import { code, dateRange, day, instancesOf, maxOf, singleOf, type EntrySource } from '../../../core/analysis/subject-view';

export interface FollowUp {
  /** F10b last_contact_date: the latest date anywhere in F05–F11 (death included); partial dates imputed. */
  readonly lastContact: number | undefined;
  readonly dead: boolean;
  /** Day of death; undefined when dead with no date. A partial date is imputed, never before the last date alive. */
  readonly deathDay: number | undefined;
  /** Dated evidence of relapse/progression: F10b relapse_date and F06 assessments with PD (5) or REL (6). */
  readonly relapseDays: readonly number[];
  /** relapse_post_ino = 1 but no relapse date anywhere. */
  readonly relapseUndated: boolean;
  /** Latest F06 assessment date. */
  readonly lastAssessment: number | undefined;
}

const CONTACT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  fu_contact: ['fu_date'],
  ino: ['cyc_start', 'd8_date', 'd15_date'],
  resp: ['resp_date'],
  ae: ['ae_onset', 'ae_end'],
  vod: ['vod_dx_date', 'vod_defib_start', 'vod_resol_date'],
  st: ['st_start', 'st_end', 'hsct_engraft_date', 'agvhd_date', 'cgvhd_date'],
  fu: ['relapse_date'],
  ru: ['ru_date', 'ru_date_end'],
};

/** The dates of the F10b formula; aliveOnly drops those that do not show the subject alive (death contacts, fatal AE ends). */
function contactDates(subject: DatasetSubject, aliveOnly: boolean): number[] {
  const days: number[] = [];
  for (const [form, fields] of Object.entries(CONTACT_FIELDS)) {
    for (const rec of instancesOf(subject, form)) {
      for (const field of fields) {
        if (aliveOnly && form === 'fu_contact' && code(rec, 'fu_vital') === '2') continue;
        if (aliveOnly && form === 'ae' && field === 'ae_end' && code(rec, 'ae_outcome') === '4') continue;
        const d = day(rec, field);
        if (d !== undefined) days.push(d);
      }
    }
  }
  return days;
}

function deathDayOf(fu: EntrySource, lastAlive: number | undefined): number | undefined {
  const r = dateRange(fu, 'death_date');
  if (!r) return undefined;
  return Math.max(imputeDay(r), Math.min(r.hi, lastAlive ?? r.lo));
}

export function deriveFollowUp(subject: DatasetSubject): FollowUp {
  const fu = singleOf(subject, 'fu');
  const lastAlive = maxOf(contactDates(subject, true));
  const vital = code(fu, 'vital_status');
  const dead = vital === '2' || (vital === undefined && dateRange(fu, 'death_date') !== undefined);
  const deathDay = dead ? deathDayOf(fu, lastAlive) : undefined;
  const assessments = instancesOf(subject, 'resp');
  const relapseDays = [
    day(fu, 'relapse_date'),
    ...assessments.filter((a) => ['5', '6'].includes(code(a, 'resp_cat') ?? '')).map((a) => day(a, 'resp_date')),
  ].filter((d): d is number => d !== undefined);
  return {
    lastContact: maxOf([...contactDates(subject, false), deathDay]),
    dead,
    deathDay,
    relapseDays,
    relapseUndated: code(fu, 'relapse_post_ino') === '1' && relapseDays.length === 0,
    lastAssessment: maxOf(assessments.map((a) => day(a, 'resp_date'))),
  };
}
