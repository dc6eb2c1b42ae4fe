// Follow-up contacts from the end of treatment to death (a final "dead" contact), loss to follow-up, or shortly before the data cut-off.

import type { Contact, Outcome } from './course';
import type { Day } from './days';
import type { Rng } from '../../../core/stats/random';

export interface ContactContext {
  readonly lastDose: Day;
  readonly cutoff: Day;
  readonly horizon: Day;
  readonly outcome: Outcome;
  readonly responder: boolean;
  /** Back in remission after a later therapy (from this day). */
  readonly remissionAgain?: Day;
}

export function generateContacts(rng: Rng, ctx: ContactContext): Contact[] {
  const { outcome } = ctx;
  const dead = outcome.deathDay !== undefined;
  const final = dead ? outcome.deathDay! : outcome.lost ? ctx.horizon : ctx.cutoff - rng.int(0, 100);
  const days: Day[] = [];
  for (let t = ctx.lastDose + rng.int(25, 45); t < final - 30; t += rng.int(70, 120)) days.push(t);
  const kept = days.length <= 8 ? days : Array.from({ length: 8 }, (_, i) => days[Math.round((i * (days.length - 1)) / 7)]!);
  const disease = (day: Day): string => {
    if (rng.bernoulli(0.05)) return '9';
    if (ctx.remissionAgain !== undefined && day >= ctx.remissionAgain) return '1';
    if (outcome.relapseDay !== undefined && day >= outcome.relapseDay) return '2';
    return ctx.responder ? '1' : '3';
  };
  const contacts: Contact[] = kept.map((day) => ({ day, source: rng.weighted([['1', 0.6], ['2', 0.15], ['3', 0.2], ['5', 0.05]]), vital: '1', disease: disease(day) }));
  if (dead) contacts.push({ day: final, source: rng.bernoulli(0.6) ? '3' : '4', vital: '2' });
  else if (final > ctx.lastDose) contacts.push({ day: final, source: rng.bernoulli(0.7) ? '1' : '2', vital: '1', disease: disease(final) });
  return contacts;
}
