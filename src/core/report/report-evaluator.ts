// Where the report evaluates its subjects: on a worker thread for a large store, so that the checks (most of
// the report's work) run beside the main thread's reading, derivation and statistics; on the main thread for a
// small one, or when no worker can start. Either way each subject gets the same calcs and the same tallies.

import { Worker } from 'node:worker_threads';
import type { CompiledStudy } from '../../shared/study/compile';
import type { StudyDefinition } from '../../shared/study/definition.schema';
import type { SubjectInstance } from '../../shared/study/evaluate-subject';
import { datasetSubjectWithCalcs, type DatasetSubject, type EvaluationEnv, type StoredSubject } from '../dataset/dataset-subject';
import { workerEntry } from '../threads/worker-entry';
import type { CheckResults, FromEvaluator, ToEvaluator } from './evaluation-messages';
import { CheckCollector } from './quality';
import { evaluateForReport, type EvaluationTask } from './subject-evaluation';
import type { ReportLang } from './types';

const ENTRY = workerEntry(__filename, 'evaluation-worker');
/** Subjects per message, and messages evaluated ahead of the one the report is waiting for. */
const BATCH = 100;
const AHEAD = 4;

export interface ReportEvaluator {
  /** The batch's dataset subjects, in its order. */
  evaluate(batch: readonly StoredSubject[], env: EvaluationEnv): Promise<DatasetSubject[]>;
  /** The failed checks of every subject evaluated, by site (`siteIds`) and by check. */
  checks(siteIds: readonly string[]): Promise<CheckResults>;
  close(): Promise<void>;
}

export interface EvaluatorSetup {
  readonly study: CompiledStudy;
  readonly definition: StudyDefinition;
  readonly lang: ReportLang;
  readonly separate: boolean;
}

function taskOf(stored: StoredSubject): EvaluationTask {
  return { siteId: stored.subject.siteId, identityBirthDate: stored.identityBirthDate, instances: stored.instances };
}

export function mainThreadEvaluator({ study, lang, separate }: EvaluatorSetup): ReportEvaluator {
  const collector = new CheckCollector(study, lang);
  return {
    evaluate: (batch, env) => Promise.resolve(batch.map((stored) => datasetSubjectWithCalcs(study, stored, evaluateForReport(study, separate, collector, taskOf(stored), env)))),
    checks: (siteIds) => Promise.resolve(collector.result(siteIds)),
    close: () => Promise.resolve(),
  };
}

/** Only what the evaluation reads of an instance crosses to the worker (not its audit columns). */
function slimTask(stored: StoredSubject): EvaluationTask {
  const instances: SubjectInstance[] = stored.instances.map((i) => ({ form: i.form, instanceNo: i.instanceNo, data: i.data, status: i.status, overrides: i.overrides, signedAt: i.signedAt }));
  return { siteId: stored.subject.siteId, identityBirthDate: stored.identityBirthDate, instances };
}

// Keys of the answers that are not a batch's.
const CHECKS = -1;
const READY = -2;

class WorkerEvaluator implements ReportEvaluator {
  private readonly waiting = new Map<number, { resolve: (m: FromEvaluator) => void; reject: (e: Error) => void }>();
  private failure: Error | undefined;
  private seq = 0;
  private closing = false;

  constructor(
    private readonly worker: Worker,
    private readonly study: CompiledStudy,
  ) {
    worker.on('message', (message: FromEvaluator) => {
      if (message.type === 'failed') return this.fail(new Error(`report evaluation failed: ${message.message}`));
      const key = message.type === 'evaluated' ? message.seq : message.type === 'checks' ? CHECKS : READY;
      const entry = this.waiting.get(key);
      this.waiting.delete(key);
      entry?.resolve(message);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the report's evaluation worker stopped (exit ${code})`)));
  }

  private fail(error: Error): void {
    if (this.closing) return;
    this.failure ??= error;
    for (const entry of this.waiting.values()) entry.reject(this.failure);
    this.waiting.clear();
  }

  private ask(key: number, message: ToEvaluator): Promise<FromEvaluator> {
    if (this.failure) return Promise.reject(this.failure);
    const reply = new Promise<FromEvaluator>((resolve, reject) => this.waiting.set(key, { resolve, reject }));
    this.worker.postMessage(message);
    return reply;
  }

  /** Whether the worker compiled the study and is ready for batches. */
  async start(setup: EvaluatorSetup): Promise<boolean> {
    const reply = await this.ask(READY, { type: 'start', definition: setup.definition, lang: setup.lang, separate: setup.separate }).catch(() => undefined);
    return reply?.type === 'ready';
  }

  async evaluate(batch: readonly StoredSubject[], env: EvaluationEnv): Promise<DatasetSubject[]> {
    const seq = this.seq++;
    const reply = await this.ask(seq, { type: 'batch', seq, env, tasks: batch.map(slimTask) });
    const calcs = (reply as Extract<FromEvaluator, { type: 'evaluated' }>).calcs;
    return batch.map((stored, i) => datasetSubjectWithCalcs(this.study, stored, calcs[i]!));
  }

  async checks(siteIds: readonly string[]): Promise<CheckResults> {
    const reply = await this.ask(CHECKS, { type: 'finish', siteIds });
    return (reply as Extract<FromEvaluator, { type: 'checks' }>).results;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }
}

/** A worker evaluator once its worker has compiled the study; the main thread's when the worker cannot start. */
export async function threadedEvaluator(setup: EvaluatorSetup): Promise<ReportEvaluator> {
  let worker: Worker;
  try {
    worker = new Worker(ENTRY.file, { execArgv: [...ENTRY.execArgv] });
  } catch {
    return mainThreadEvaluator(setup);
  }
  const evaluator = new WorkerEvaluator(worker, setup.study);
  if (await evaluator.start(setup)) return evaluator;
  await evaluator.close();
  return mainThreadEvaluator(setup);
}

/**
 * The dataset subjects of `source`, in its order, evaluated in batches with up to AHEAD batches under evaluation
 * while the caller works on the subjects already answered.
 */
export async function* evaluatedSubjects(source: AsyncIterable<StoredSubject>, evaluator: ReportEvaluator, env: EvaluationEnv): AsyncGenerator<DatasetSubject> {
  const queue: Promise<DatasetSubject[]>[] = [];
  const submit = (batch: StoredSubject[]): void => {
    const answer = evaluator.evaluate(batch, env);
    // Awaited in order below; meanwhile a failure must not count as unhandled.
    answer.catch(() => undefined);
    queue.push(answer);
  };
  let batch: StoredSubject[] = [];
  for await (const stored of source) {
    batch.push(stored);
    if (batch.length < BATCH) continue;
    submit(batch);
    batch = [];
    if (queue.length > AHEAD) yield* await queue.shift()!;
  }
  if (batch.length > 0) submit(batch);
  while (queue.length > 0) yield* await queue.shift()!;
}
