// generatePatient: one synthetic ino-all-it patient as an ordered list of form saves, pure and deterministic for a given random stream.

import { adverseContext, enrolmentOf, factsOf, softOverrides } from './assemble';
import { generateAes } from './adverse';
import { generateBaseline, generateDemographics } from './baseline';
import { inoAllItCatalog, type StudyCatalog } from './catalog';
import type { Ae, Therapy } from './course';
import { day } from './days';
import { decide, type SoftCase } from './decisions';
import { generateContacts } from './followup';
import { generateHistory } from './history';
import { generateIdentity } from './identity-gen';
import { generateAfter } from './outcome';
import type { InoPatientPlan } from './facts';
import { applyEdits, applyMissing, applyPartialDates, leaveIncomplete, type QualityStats, type SaveDraft } from './quality';
import type { Rng } from '../../../core/stats/random';
import { chartBsaOf, renderDm, renderDx, renderElig, renderPt } from './render-baseline';
import { renderAe, renderContact, renderEos, renderFu, renderIno, renderResp, renderRu, renderSt, renderVod } from './render-course';
import { generateResources } from './resources';
import { generateTreatment, vialsFor, dosesOf } from './treatment';

export interface PatientOptions {
  readonly catalog?: StudyCatalog;
  /** Data cut-off (ISO date); nothing after it is recorded. Default 2026-06-30. */
  readonly dataCutoff?: string;
  /** Ethics approval at the site: registrations and consents on or after it. Default 2024-01-15. */
  readonly ecApprovalDate?: string;
  /** First inotuzumab dose between these dates. Defaults 2015-01-01 … cut-off − 330 days. */
  readonly firstDoseFrom?: string;
  readonly firstDoseTo?: string;
  /** Chance that an eligible partial-date field holds YYYY-MM / YYYY (default 0.04). */
  readonly partialDateShare?: number;
  /** Chance that an eligible field holds NK/ND instead of a value (default 0.04). */
  readonly missingShare?: number;
  /** Share of patients with one soft-check failure overridden with a reason (default 0.05; EC30 cases come on top). */
  readonly softOverrideShare?: number;
  /** Share of patients with 1–2 corrections after completion (default 0.25). */
  readonly editShare?: number;
  /** Leave the patient partly entered: drafts with missing items, no end-of-study form. */
  readonly incomplete?: boolean;
}

export const DEFAULT_CUTOFF = '2026-06-30';
export const DEFAULT_EC_APPROVAL = '2024-01-15';

export function generatePatient(rng: Rng, options: PatientOptions = {}): InoPatientPlan {
  const catalog = options.catalog ?? inoAllItCatalog();
  const cutoff = day(options.dataCutoff ?? DEFAULT_CUTOFF);
  const approval = day(options.ecApprovalDate ?? DEFAULT_EC_APPROVAL);
  const window = { from: day(options.firstDoseFrom ?? '2015-01-01'), to: options.firstDoseTo ? day(options.firstDoseTo) : cutoff - 330 };
  const demo = generateDemographics(rng.fork('demographics'), window);
  const history = generateHistory(rng.fork('history'), demo);
  const b = generateBaseline(rng.fork('baseline'), demo, history.priorAllo);
  const pick = rng.fork('soft');
  const softCase: SoftCase | undefined = pick.bernoulli(options.softOverrideShare ?? 0.05) ? pick.pick(['EC10', 'EC08', 'EC22', 'EC24b', 'EC66'] as const) : undefined;
  const decisions = decide(rng.fork('decisions'), b, history, softCase);
  const t = generateTreatment(rng.fork('treatment'), b, decisions);
  const after = generateAfter(rng.fork('after'), b, history, t, decisions, cutoff);
  const lastCycle = t.cycles[t.cycles.length - 1]!;
  if (lastCycle.stopReason === '5') {
    if (after.sos) lastCycle.stopAe = after.sos.ae;
    else lastCycle.stopReason = decisions.responder ? '1' : '3';
  }
  const fixed: Ae[] = [...t.aes, ...(after.sos ? [after.sos.ae] : [])];
  const aes = generateAes(rng.fork('ae'), catalog, adverseContext(b, t, after), fixed);
  const salvaged = after.therapies.find((s) => s.bestResp === '1' && after.outcome.relapseDay !== undefined && s.start > after.outcome.relapseDay);
  const contacts = generateContacts(rng.fork('contacts'), {
    lastDose: t.lastDose,
    cutoff,
    horizon: after.horizon,
    outcome: after.outcome,
    responder: t.firstCrDay !== undefined,
    ...(salvaged ? { remissionAgain: (salvaged.end ?? salvaged.start) + 30 } : {}),
  });
  const vials = (c: (typeof t.cycles)[number]): number => vialsFor(dosesOf(c).map((d) => d.mg), catalog.vialMg, catalog.vialSharing);
  const render = rng.fork('render');
  const enrol = enrolmentOf(rng.fork('enrolment'), b, after, approval, cutoff);
  const assessments = [...t.assessments, ...after.assessments];
  const resources = generateResources(rng.fork('resources'), {
    cycles: t.cycles,
    vialsOf: vials,
    unitOf: (item) => catalog.unitOf(item),
    assessments,
    baselineMarrowDay: b.c1d1 - 14,
    aes,
    ...(after.sos ? { sos: after.sos } : {}),
    therapies: after.therapies,
    contacts,
    weightKg: b.weightKg,
    horizon: after.horizon,
    lowCounts: b.plt < 50 || b.hb < 9,
  });
  const aeSeq = new Map(aes.map((a, i) => [a, i + 1]));
  const stSeq = new Map<Therapy, number>(after.therapies.map((s, i) => [s, i + 1]));

  let saves: SaveDraft[] = [{ form: 'elig', data: renderElig(render, enrol), complete: true, subjectIdField: 'subject_id' }];
  for (const l of history.lines) saves.push({ form: 'pt', data: renderPt(render, l), complete: true });
  saves.push({ form: 'dx', data: renderDx(render, b, history, softCase === 'EC10'), complete: true });
  saves.push({ form: 'dm', data: renderDm(render, b, history, chartBsaOf(render, b.bsa, softCase === 'EC08')), complete: true });
  for (const c of t.cycles) {
    saves.push({ form: 'ino', data: renderIno(render, c, vials(c), aeSeq, b.ph === 'pos'), complete: true, ...(c.modifAe || c.stopAe ? { completeLater: true } : {}) });
    for (const a of t.assessments.filter((x) => x.afterCycle === c.no)) saves.push({ form: 'resp', data: renderResp(a), complete: true });
  }
  for (const a of after.assessments) saves.push({ form: 'resp', data: renderResp(a), complete: true });
  for (const ae of aes) saves.push({ form: 'ae', data: renderAe(render, catalog, ae), complete: true, ...(ae.sos || ae.grade === 5 ? { completeLater: true } : {}) });
  for (const st of after.therapies) saves.push({ form: 'st', data: renderSt(st), complete: true });
  if (after.sos) {
    const later = after.sos.outcome === '3' || after.sos.outcome === '4';
    saves.push({ form: 'vod', data: renderVod(after.sos, aeSeq, stSeq), complete: true, ...(later ? { completeLater: true } : {}) });
  }
  for (const c of contacts) saves.push({ form: 'fu_contact', data: renderContact(c), complete: true });
  saves.push({ form: 'fu', data: renderFu(render, after.outcome), complete: true });
  for (const r of resources) saves.push({ form: 'ru', data: renderRu(r, aeSeq), complete: true });
  saves.push({ form: 'eos', data: renderEos(after.outcome, after.horizon), complete: true, by: 'investigator' });

  const quality = rng.fork('quality');
  const stats: QualityStats = { partialEligible: 0, partial: 0, missingEligible: 0, missing: 0 };
  applyPartialDates(quality, saves, after.horizon, options.partialDateShare ?? 0.04, stats);
  applyMissing(quality, saves, options.missingShare ?? 0.04, stats);
  const overridden = softOverrides(quality, saves, { softCase, decisions, cycles: t.cycles.length, therapies: after.therapies, lastDose: t.lastDose });
  if (quality.bernoulli(options.editShare ?? 0.25)) applyEdits(quality, saves);
  if (options.incomplete) saves = leaveIncomplete(saves);

  const identity = generateIdentity(rng.fork('identity'), {
    female: b.female,
    birthDay: b.birthDay,
    registrationDay: enrol.registrationDay,
    firstDoseYear: Number(new Date(b.c1d1 * 86_400_000).toISOString().slice(0, 4)),
    consent: enrol.basis === '1',
  });
  return {
    seed: rng.seed,
    identity,
    identitySubjectIdField: 'sil_subject_id',
    saves: saves.map((s) => ({ ...s, data: { ...s.data } })),
    facts: factsOf({ b, history, t, after, overridden, incomplete: options.incomplete === true, cycles: t.cycles.length, quality: stats }),
  };
}
