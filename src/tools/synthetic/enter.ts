// Enters any study's plans through the core use-cases as site staff would: register, save/complete (drafts first
// where needed), correct with reasons, sign, lock.

import { lockForm, signForms } from '../../core/forms/instance-actions';
import { saveForm } from '../../core/forms/save-form';
import { relaxDurability } from '../../core/store/durability';
import type { Session } from '../../core/store/session';
import { createSubject } from '../../core/subjects/create-subject';
import { setIdentity } from '../../core/subjects/identity';
import { SaveFormInput } from '../../shared/contract/forms';
import { AppError } from '../../shared/errors/app-error';
import type { PatientPlan, PlanData, PlannedSave } from '../../core/modules/patient-plan';
import { createRng, type Rng } from '../../core/stats/random';

export interface EntrySessions {
  readonly dataEntry: Session;
  /** Completes end of study and signs; without it data entry completes everything and nothing is signed. */
  readonly investigator?: Session;
  /** Locks signed forms. */
  readonly admin?: Session;
}

export interface EnterOptions {
  /** The investigator's password, re-entered for each signature. */
  readonly investigatorPassword?: string;
  /** Share of completed forms the investigator signs (default 0.6). */
  readonly signShare?: number;
  /** Share of signed forms an administrator locks (default 0). */
  readonly lockShare?: number;
  /** Share of forms saved as a draft before being completed (default 0.1; 0 in fast mode). */
  readonly draftFirstShare?: number;
  /** Speed mode: one save per form with the corrections already applied, no drafts first. */
  readonly fast?: boolean;
  /** false: commit without fsync while seeding (default: false in fast mode, true otherwise). */
  readonly durable?: boolean;
  /** Seed for the choice of forms to sign, lock or save as drafts first. */
  readonly seed?: string;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface EnteredPatient {
  readonly subjectId: string;
  readonly instances: number;
  readonly completed: number;
  readonly drafts: number;
  /** Completions that had to wait for forms saved later (planned or found at save time). */
  readonly deferred: number;
  readonly edits: number;
  readonly signed: number;
  readonly locked: number;
  /** Completions refused even at the end (should be none): form#instance and the error code. */
  readonly refused: readonly string[];
}

const DEFERRABLE = new Set(['form.incomplete', 'form.hardCheckFailed', 'form.softCheckNeedsReason']);

async function save(session: Session, input: Parameters<typeof SaveFormInput.parse>[0]): Promise<number> {
  const result = await saveForm(session, SaveFormInput.parse(input));
  return result.instance.instanceNo;
}

interface Entered {
  readonly plan: PlannedSave;
  readonly instanceNo: number;
  complete: boolean;
}

function initialData(plan: PlannedSave, fast: boolean, subjectId: string): PlanData {
  let data: PlanData = { ...plan.data };
  if (fast) for (const e of plan.edits ?? []) data = { ...data, ...e.data };
  if (plan.subjectIdField) data[plan.subjectIdField] = subjectId;
  return data;
}

async function enterOne(sessions: EntrySessions, plan: PatientPlan, options: EnterOptions, rng: Rng): Promise<EnteredPatient> {
  const fast = options.fast === true;
  const entry = sessions.dataEntry;
  // The log may hold the subject's own id, which exists only once the subject does: the identity is set after.
  const { id: subjectId } = await createSubject(entry, {});
  const identity = { ...(plan.identitySubjectIdField ? { [plan.identitySubjectIdField]: subjectId } : {}), ...(plan.identity as Record<string, string | string[]>) };
  if (Object.keys(identity).length > 0) await setIdentity(entry, { subjectId, identity });
  const entered: Entered[] = [];
  const queue: Entered[] = [];
  let deferred = 0;
  const draftFirst = fast ? 0 : (options.draftFirstShare ?? 0.1);
  for (const planned of plan.saves) {
    const session = planned.by === 'investigator' && sessions.investigator ? sessions.investigator : entry;
    const base = { subjectId, form: planned.form, data: initialData(planned, fast, subjectId), ...(planned.overrides ? { overrides: { ...planned.overrides } } : {}) };
    const wantsNow = planned.complete && !planned.completeLater && !rng.bernoulli(draftFirst);
    let instanceNo: number | undefined;
    if (wantsNow) {
      try {
        instanceNo = await save(session, { ...base, complete: true });
      } catch (error) {
        if (!(error instanceof AppError && DEFERRABLE.has(error.code))) throw error;
      }
    }
    const item: Entered = { plan: planned, instanceNo: instanceNo ?? (await save(session, { ...base, complete: false })), complete: instanceNo !== undefined };
    entered.push(item);
    if (planned.complete && !item.complete) {
      queue.push(item);
      if (wantsNow || planned.completeLater) deferred += 1;
    }
  }
  const refused: string[] = [];
  for (const item of queue) {
    const session = item.plan.by === 'investigator' && sessions.investigator ? sessions.investigator : entry;
    try {
      await save(session, { subjectId, form: item.plan.form, instanceNo: item.instanceNo, data: {}, complete: true, ...(item.plan.overrides ? { overrides: { ...item.plan.overrides } } : {}) });
      item.complete = true;
    } catch (error) {
      if (!(error instanceof AppError && DEFERRABLE.has(error.code))) throw error;
      refused.push(`${item.plan.form}#${item.instanceNo} ${error.code}`);
    }
  }
  let edits = 0;
  if (!fast) {
    for (const item of entered) {
      if (!item.complete) continue;
      for (const edit of item.plan.edits ?? []) {
        const session = item.plan.by === 'investigator' && sessions.investigator ? sessions.investigator : entry;
        await save(session, { subjectId, form: item.plan.form, instanceNo: item.instanceNo, data: { ...edit.data }, complete: true, reason: edit.reason });
        edits += 1;
      }
    }
  }
  let signed = 0;
  let locked = 0;
  const investigator = sessions.investigator;
  if (investigator && options.investigatorPassword) {
    // The investigator reviews the casebook and signs the chosen forms with one password entry.
    const toSign = entered.filter((item) => item.complete && rng.bernoulli(options.signShare ?? 0.6));
    if (toSign.length > 0) {
      await signForms(investigator, { subjectId, instances: toSign.map((item) => ({ form: item.plan.form, instanceNo: item.instanceNo })), password: options.investigatorPassword });
      signed = toSign.length;
    }
    for (const item of toSign) {
      if (sessions.admin && rng.bernoulli(options.lockShare ?? 0)) {
        await lockForm(sessions.admin, { subjectId, form: item.plan.form, instanceNo: item.instanceNo });
        locked += 1;
      }
    }
  }
  const completed = entered.filter((e) => e.complete).length;
  return { subjectId, instances: entered.length, completed, drafts: entered.length - completed, deferred, edits, signed, locked, refused };
}

/** Enters every plan in order; reports progress after each patient. */
export async function enterPatients(sessions: EntrySessions, plans: readonly PatientPlan[], options: EnterOptions = {}): Promise<EnteredPatient[]> {
  const relaxed = options.durable === false || (options.fast === true && options.durable !== true);
  // Seeding only: commits without fsync (a crash leaves a useless seed, never a damaged real store); restored after.
  const restore = relaxed ? relaxDurability([sessions.dataEntry, sessions.investigator, sessions.admin].flatMap((s) => (s ? [s] : []))) : undefined;
  try {
    const out: EnteredPatient[] = [];
    for (const [i, plan] of plans.entries()) {
      out.push(await enterOne(sessions, plan, options, createRng(`${options.seed ?? 'enter'}/${plan.seed}/${i}`)));
      options.onProgress?.(i + 1, plans.length);
    }
    return out;
  } finally {
    restore?.();
  }
}
