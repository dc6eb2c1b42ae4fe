// Worker-thread side of the report's evaluation: compiles the study once, evaluates each batch of subjects
// (calculated values and checks, see subject-evaluation.ts), answers the calcs and keeps the tallies until asked.

import { parentPort } from 'node:worker_threads';
import { CompiledStudy } from '../../shared/study/compile';
import type { FromEvaluator, ToEvaluator } from './evaluation-messages';
import { CheckCollector } from './quality';
import { evaluateForReport } from './subject-evaluation';

const port = parentPort!;
let job: { study: CompiledStudy; separate: boolean; checks: CheckCollector } | undefined;

const send = (message: FromEvaluator): void => port.postMessage(message);

port.on('message', (message: ToEvaluator) => {
  try {
    switch (message.type) {
      case 'start': {
        const study = new CompiledStudy(message.definition);
        job = { study, separate: message.separate, checks: new CheckCollector(study, message.lang) };
        send({ type: 'ready' });
        return;
      }
      case 'batch': {
        const { study, separate, checks } = job!;
        const calcs = message.tasks.map((task) => evaluateForReport(study, separate, checks, task, message.env));
        send({ type: 'evaluated', seq: message.seq, calcs });
        return;
      }
      case 'finish':
        send({ type: 'checks', results: job!.checks.result(message.siteIds) });
        return;
    }
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
