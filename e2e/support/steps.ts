// The steps of one end-to-end scenario: each an `it` that runs only while every earlier step passed (a
// scenario's later steps depend on the state the earlier ones left), with the screens captured at a failure.

export interface ScenarioSteps {
  readonly step: (name: string, run: () => Promise<void> | void) => void;
  /** The name of the step that failed, if one did (later checks of the scenario's result refuse to run). */
  readonly brokenAt: () => string | null;
}

/** The `step` of one scenario; `onFailure` saves what the user saw (screenshots). */
export function scenarioSteps(onFailure: () => Promise<void>): ScenarioSteps {
  let broken: string | null = null;
  return {
    brokenAt: () => broken,
    step: (name, run) => {
      it(name, async () => {
        if (broken) throw new Error(`not run: the step "${broken}" failed`);
        try {
          await run();
        } catch (error) {
          broken = name;
          await onFailure().catch(() => undefined);
          throw error;
        }
      });
    },
  };
}
