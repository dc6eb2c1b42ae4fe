// Time-to-event endpoints of crf-spec §4 (OS, EFS, DOR, NRM): first dated event ≤ cut-off, else censored, in days.

import type { FollowUp } from './follow-up';
import type { ResponseResult } from './response';

export interface Candidate {
  /** undefined = the event happened but its date is unknown: the endpoint cannot be derived. */
  readonly day: number | undefined;
  /** 1 = event of interest, 2 = competing event. */
  readonly status: 1 | 2;
}

export interface TimeToEvent {
  readonly days: number;
  /** 0 censored, 1 event (2 competing event where the endpoint has one). */
  readonly status: 0 | 1 | 2;
}

/**
 * The earliest candidate on or before the cut-off (ties: the first listed); otherwise censored at
 * min(censorDay, cut-off). Undefined when the origin is after the cut-off or a candidate is undated.
 * Days before the origin (inconsistent data) count as 0.
 */
export function firstEvent(origin: number, candidates: readonly Candidate[], censorDay: number, cutoff: number | undefined): TimeToEvent | undefined {
  if (cutoff !== undefined && origin > cutoff) return undefined;
  if (candidates.some((c) => c.day === undefined)) return undefined;
  let first: Candidate | undefined;
  for (const c of candidates) {
    if (cutoff !== undefined && c.day! > cutoff) continue;
    if (!first || c.day! < first.day!) first = c;
  }
  if (first) return { days: Math.max(0, first.day! - origin), status: first.status };
  const end = cutoff === undefined ? censorDay : Math.min(censorDay, cutoff);
  return { days: Math.max(0, end - origin), status: 0 };
}

function death(fu: FollowUp, status: 1 | 2): Candidate[] {
  return fu.dead ? [{ day: fu.deathDay, status }] : [];
}

/** Relapse/progression evidence strictly after a day; an undated relapse makes the endpoint underivable. */
function relapsesAfter(fu: FollowUp, after: number, status: 1 | 2): Candidate[] {
  if (fu.relapseUndated) return [{ day: undefined, status }];
  return fu.relapseDays.filter((d) => d > after).map((d) => ({ day: d, status }));
}

/** OS: death from any cause; censored at last_contact_date. */
export function overallSurvival(c1d1: number, fu: FollowUp, cutoff: number | undefined): TimeToEvent | undefined {
  return firstEvent(c1d1, death(fu, 1), fu.lastContact ?? c1d1, cutoff);
}

/** EFS: no CR/CRi in the window → event at day 1; else relapse/progression after CR/CRi; death; censored at last contact. */
export function eventFreeSurvival(c1d1: number, response: ResponseResult, fu: FollowUp, cutoff: number | undefined): TimeToEvent | undefined {
  const failure: Candidate[] = response.firstCrDay === undefined ? [{ day: c1d1 + 1, status: 1 }] : relapsesAfter(fu, response.firstCrDay, 1);
  return firstEvent(c1d1, [...failure, ...death(fu, 1)], fu.lastContact ?? c1d1, cutoff);
}

/**
 * DOR: first CR/CRi → relapse/progression or death; censored at the later of last assessment and last contact.
 * censorFrom (sensitivity analysis): follow-up also ends there, events after it are ignored.
 */
export function durationOfResponse(response: ResponseResult, fu: FollowUp, cutoff: number | undefined, censorFrom?: number): TimeToEvent | undefined {
  const origin = response.firstCrDay;
  if (origin === undefined || (cutoff !== undefined && origin > cutoff)) return undefined;
  const censor = Math.max(fu.lastAssessment ?? origin, fu.lastContact ?? origin);
  const end = censorFrom === undefined ? cutoff : Math.min(censorFrom, cutoff ?? Infinity);
  return firstEvent(origin, [...relapsesAfter(fu, origin, 1), ...death(fu, 1)], censor, end);
}

/** NRM: 1 = death without prior relapse/progression, 2 = relapse/progression first (ties: relapse); from C1D1 or HSCT. */
export function nonRelapseMortality(origin: number, fu: FollowUp, cutoff: number | undefined): TimeToEvent | undefined {
  return firstEvent(origin, [...relapsesAfter(fu, origin - 1, 2), ...death(fu, 1)], fu.lastContact ?? origin, cutoff);
}
