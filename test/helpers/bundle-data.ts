// Realistic site content for bundle tests: subjects with demographics, cycles and adverse events of the
// mini study, entered through the real save path (so audit trails and calculated values are genuine).

import { saveForm } from '../../src/core/forms/save-form';
import type { Session } from '../../src/core/store/session';
import { createSubject } from '../../src/core/subjects/create-subject';
import { SaveFormInput } from '../../src/shared/contract/forms';
import type { IdentityInput } from '../../src/shared/contract/subjects';

/** A small deterministic generator, so a site's content is the same on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface EnrolOptions {
  readonly seed?: number;
  readonly cycles?: number;
  readonly adverseEvents?: number;
  /** Identification-log entry of the i-th subject (site-only data). */
  readonly identity?: (index: number) => IdentityInput | undefined;
}

/** Enrols subjects, each with a completed dm form, cycles and adverse events; returns their ids. */
export async function enrolSubjects(session: Session, count: number, options: EnrolOptions = {}): Promise<string[]> {
  const rand = seededRandom(options.seed ?? 1);
  const pick = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const identity = options.identity?.(i);
    const { id } = await createSubject(session, identity ? { identity } : {});
    ids.push(id);
    const birthYear = pick(1940, 1995);
    // BMI kept at most 40 (the mini study warns above 45).
    const height = pick(150, 195);
    const weight = pick(50, Math.min(110, Math.floor(40 * (height / 100) ** 2)));
    await saveForm(
      session,
      SaveFormInput.parse({
        subjectId: id,
        form: 'dm',
        data: { sex: String(pick(1, 2)), birth_year: birthYear, height_cm: height, weight_kg: weight, dx_date: `2019-${String(pick(1, 12)).padStart(2, '0')}`, comorb_any: '0' },
        complete: true,
      }),
    );
    for (let c = 1; c <= (options.cycles ?? 2); c += 1) {
      await saveForm(session, SaveFormInput.parse({ subjectId: id, form: 'cyc', data: { cyc_no: c, cyc_start: `2020-${String(c).padStart(2, '0')}-${String(pick(10, 28))}`, d1_dose_mg: pick(10, 20) / 10 } }));
    }
    for (let a = 1; a <= (options.adverseEvents ?? 1); a += 1) {
      await saveForm(session, SaveFormInput.parse({ subjectId: id, form: 'ae', data: { ae_term: '10002272', ae_grade: String(pick(1, 3)), ae_onset: `2020-0${pick(1, 9)}` } }));
    }
  }
  return ids;
}
