// Tests of the counting-process table: grouping by distinct time, numbers at risk with ties, input checks.

import { endedWith, tallyByTime } from './time-tally';

describe('tallyByTime', () => {
  it('groups unsorted observations by distinct time, ascending, counting each status', () => {
    const tallies = tallyByTime(
      [
        { time: 2, status: 0 },
        { time: 1, status: 1 },
        { time: 2, status: 1 },
        { time: 2, status: 2 },
      ],
      3,
    );
    expect(tallies.map((t) => t.time)).toEqual([1, 2]);
    expect(tallies.map((t) => t.ended)).toEqual([
      [0, 1, 0],
      [1, 1, 1],
    ]);
  });

  it('counts everyone whose follow-up reaches the time as at risk, so a censoring tied with an event is still at risk', () => {
    // 4 subjects: the one censored at 2 is in the risk set of the event at 2 (3 at risk), events come first.
    const tallies = tallyByTime(
      [
        { time: 1, status: 1 },
        { time: 2, status: 1 },
        { time: 2, status: 0 },
        { time: 3, status: 0 },
      ],
      2,
    );
    expect(tallies.map((t) => t.at_risk)).toEqual([4, 3, 1]);
  });

  it('returns no rows for no observations', () => {
    expect(tallyByTime([], 2)).toEqual([]);
  });

  it('reads a missing status count as 0', () => {
    const [tally] = tallyByTime([{ time: 1, status: 1 }], 2);
    expect(tally && endedWith(tally, 0)).toBe(0);
    expect(tally && endedWith(tally, 5)).toBe(0);
  });

  it('rejects negative, infinite or NaN times and statuses outside the range', () => {
    expect(() => tallyByTime([{ time: -1, status: 0 }], 2)).toThrow(RangeError);
    expect(() => tallyByTime([{ time: Infinity, status: 0 }], 2)).toThrow(RangeError);
    expect(() => tallyByTime([{ time: NaN, status: 0 }], 2)).toThrow(RangeError);
    expect(() => tallyByTime([{ time: 1, status: 2 }], 2)).toThrow(/status/);
    expect(() => tallyByTime([{ time: 1, status: 0.5 }], 2)).toThrow(/status/);
  });
});
