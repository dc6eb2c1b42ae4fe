// The report's batched evaluation: subjects come out in the order they were read whatever order the batches
// are answered in, and a failed batch fails the report instead of dropping its subjects.

import type { DatasetSubject, EvaluationEnv, StoredSubject } from '../../src/core/dataset/dataset-subject';
import { evaluatedSubjects, type ReportEvaluator } from '../../src/core/report/report-evaluator';

const ENV: EvaluationEnv = { today: 20_000, params: {} };

function storedSubjects(n: number): StoredSubject[] {
  return Array.from({ length: n }, (_, i) => ({
    subject: { id: `S${String(i).padStart(4, '0')}`, siteId: 'IT01', createdAt: '2025-01-01T00:00:00.000Z' } as StoredSubject['subject'],
    instances: [],
    identityBirthDate: null,
  }));
}

async function* source(subjects: readonly StoredSubject[]): AsyncGenerator<StoredSubject> {
  for (const s of subjects) yield s;
}

/** Answers each batch after a delay that makes later batches finish first; `failAt` fails that batch. */
function shuffledEvaluator(failAt?: number): ReportEvaluator & { batches: number[] } {
  const batches: number[] = [];
  return {
    batches,
    evaluate: (batch) => {
      const index = batches.push(batch.length) - 1;
      return new Promise<DatasetSubject[]>((resolve, reject) =>
        setTimeout(() => (index === failAt ? reject(new Error('worker stopped')) : resolve(batch.map((s) => ({ id: s.subject.id, siteId: s.subject.siteId, createdAt: s.subject.createdAt, instances: [] })))), 30 - (index % 5) * 5),
      );
    },
    checks: () => Promise.reject(new Error('not asked here')),
    close: () => Promise.resolve(),
  };
}

it('yields every subject in the order read, in batches of 100, when later batches are answered first', async () => {
  const subjects = storedSubjects(1050);
  const evaluator = shuffledEvaluator();
  const ids: string[] = [];
  for await (const s of evaluatedSubjects(source(subjects), evaluator, ENV)) ids.push(s.id);
  expect(ids).toEqual(subjects.map((s) => s.subject.id));
  expect(evaluator.batches).toEqual([...Array<number>(10).fill(100), 50]);
});

it('fails with the batch’s error when a batch cannot be evaluated, after yielding only the subjects before it', async () => {
  const evaluator = shuffledEvaluator(3);
  const ids: string[] = [];
  await expect(
    (async () => {
      for await (const s of evaluatedSubjects(source(storedSubjects(1000)), evaluator, ENV)) ids.push(s.id);
    })(),
  ).rejects.toThrow('worker stopped');
  expect(ids).toHaveLength(300);
});
