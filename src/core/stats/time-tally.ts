// Counting-process table of right-censored data: at each distinct time, who is at risk and how many leave with each status.

/** One subject's follow-up: the time it ends and how (0 = censored, k ≥ 1 = failure of cause k). */
export interface TimedStatus {
  readonly time: number;
  readonly status: number;
}

export interface TimeTally {
  readonly time: number;
  /**
   * Subjects with follow-up time ≥ this time. Those censored at the time are counted, so a failure and a
   * censoring at the same time are taken as failure first, the convention of R's survival package.
   */
  readonly at_risk: number;
  /** ended[s]: how many leave at this time with status s. */
  readonly ended: readonly number[];
}

/** Times must be finite and ≥ 0 (follow-up since entry); statuses integers below statusCount. */
function assertObservation(observation: TimedStatus, index: number, statusCount: number): void {
  const { time, status } = observation;
  if (!Number.isFinite(time) || time < 0) throw new RangeError(`observation ${index}: time must be finite and ≥ 0, got ${time}`);
  if (!Number.isInteger(status) || status < 0 || status >= statusCount) {
    throw new RangeError(`observation ${index}: status must be an integer from 0 to ${statusCount - 1}, got ${status}`);
  }
}

/** Groups observations by distinct time, ascending, with the number at risk just before each time. */
export function tallyByTime(observations: readonly TimedStatus[], statusCount: number): TimeTally[] {
  observations.forEach((observation, index) => assertObservation(observation, index, statusCount));
  const sorted = [...observations].sort((a, b) => a.time - b.time);
  const tallies: { time: number; at_risk: number; ended: number[] }[] = [];
  sorted.forEach((observation, index) => {
    let current = tallies.at(-1);
    if (current === undefined || current.time !== observation.time) {
      current = { time: observation.time, at_risk: sorted.length - index, ended: new Array<number>(statusCount).fill(0) };
      tallies.push(current);
    }
    current.ended[observation.status] = (current.ended[observation.status] ?? 0) + 1;
  });
  return tallies;
}

/** How many left at this time with the given status (0 when none). */
export function endedWith(tally: TimeTally, status: number): number {
  return tally.ended[status] ?? 0;
}
