// Random valid values for one field of any study, from its type, range, precision and choices: numbers inside the
// soft range (else the hard one), choices among the field's codes, dates on the patient's timeline.

import { isoFromDay } from '../../../shared/dates/partial-date';
import type { Choice, Field } from '../../../shared/study/definition.schema';
import { compareCodes } from '../../../shared/study/entries';
import type { PlanEntry } from '../../../core/modules/patient-plan';
import type { Rng } from '../../../core/stats/random';

/** The patient's calendar: dates only move forward through the forms, never past the cut-off. */
export class Timeline {
  private cursor: number;

  constructor(
    start: number,
    private readonly end: number,
  ) {
    this.cursor = start;
  }

  /** A date a little after the previous one (same day up to three weeks later). */
  next(rng: Rng, maxStep = 21): number {
    this.cursor = Math.min(this.end, this.cursor + rng.int(0, maxStep));
    return this.cursor;
  }

  /** Moves on between two records of a repeating form. */
  advance(rng: Rng): void {
    this.cursor = Math.min(this.end, this.cursor + rng.int(14, 90));
  }

  /** Any date of the study period, for a redraw after a failed check. */
  anyDay(rng: Rng, from: number): number {
    return rng.int(from, this.end);
  }
}

function bounds(field: { min?: number; max?: number; softMin?: number; softMax?: number }): [number, number] {
  const lo = field.softMin ?? field.min ?? 0;
  const hi = field.softMax ?? field.max ?? lo + 100;
  return hi >= lo ? [lo, hi] : [lo, lo];
}

/** A number towards the middle of the range (the mean of two uniforms), rounded to the field's precision. */
function draw(rng: Rng, lo: number, hi: number, digits: number): number {
  const x = (rng.uniform(lo, hi) + rng.uniform(lo, hi)) / 2;
  const f = 10 ** digits;
  return Math.min(hi, Math.max(lo, Math.round(x * f) / f));
}

const YNU: readonly (readonly [string, number])[] = [['1', 0.45], ['0', 0.45], ['9', 0.1]];

export interface DrawContext {
  readonly rng: Rng;
  readonly timeline: Timeline;
  readonly choices: readonly Choice[] | undefined;
  /** After a failed check: any date of the period rather than the next one on the timeline. */
  readonly broad: boolean;
  readonly firstDay: number;
}

/** A value for the field, or undefined when the generator cannot make one (a text with a pattern). */
export function drawValue(field: Field, ctx: DrawContext): PlanEntry | undefined {
  const { rng } = ctx;
  switch (field.type) {
    case 'integer': {
      const [lo, hi] = bounds(field);
      return draw(rng, Math.ceil(lo), Math.floor(hi), 0);
    }
    case 'decimal': {
      const [lo, hi] = bounds(field);
      return draw(rng, lo, hi, field.precision);
    }
    case 'date':
    case 'partialDate':
      return isoFromDay(ctx.broad ? ctx.timeline.anyDay(rng, ctx.firstDay) : ctx.timeline.next(rng));
    case 'ynu':
      return rng.weighted(YNU);
    case 'single':
      return ctx.choices && ctx.choices.length > 0 ? rng.pick(ctx.choices).code : undefined;
    case 'multi': {
      const choices = ctx.choices ?? [];
      const exclusive = choices.filter((c) => field.exclusive?.includes(c.code));
      const others = choices.filter((c) => !field.exclusive?.includes(c.code));
      if (others.length === 0 || (exclusive.length > 0 && rng.bernoulli(0.1))) return exclusive.length > 0 ? [rng.pick(exclusive).code] : undefined;
      return rng.sample(others, rng.int(1, Math.min(3, others.length))).map((c) => c.code).sort(compareCodes);
    }
    case 'text':
      return field.pattern || field.format ? undefined : `Synthetic note ${rng.int(1, 999)}`.slice(0, field.maxLength);
    case 'calc':
      return undefined;
  }
}
