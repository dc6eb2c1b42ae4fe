// The seeded PRNG: reproducible streams, independent forks, and helpers that stay in their ranges.

import { createRng } from '../../src/core/stats/random';

describe('seeded random numbers', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRng('seed-1');
    const b = createRng('seed-1');
    const c = createRng('seed-2');
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('forks independent streams without advancing the parent', () => {
    const a = createRng(7);
    const before = createRng(7).next();
    const f1 = a.fork('x').next();
    expect(a.next()).toBe(before);
    expect(createRng(7).fork('x').next()).toBe(f1);
    expect(createRng(7).fork('y').next()).not.toBe(f1);
  });

  it('samples within range and with the right proportions', () => {
    const r = createRng('helpers');
    const ints = Array.from({ length: 5000 }, () => r.int(1, 6));
    expect(new Set(ints)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    const heads = Array.from({ length: 10000 }, () => r.bernoulli(0.3)).filter(Boolean).length / 10000;
    expect(heads).toBeGreaterThan(0.27);
    expect(heads).toBeLessThan(0.33);
    const w = Array.from({ length: 10000 }, () => r.weighted([['a', 1], ['b', 3]] as const)).filter((x) => x === 'b').length / 10000;
    expect(w).toBeGreaterThan(0.72);
    expect(w).toBeLessThan(0.78);
    const normals = Array.from({ length: 20000 }, () => r.normal(10, 2));
    const mean = normals.reduce((s, x) => s + x, 0) / normals.length;
    const sd = Math.sqrt(normals.reduce((s, x) => s + (x - mean) ** 2, 0) / normals.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
    const logs = Array.from({ length: 20000 }, () => r.lognormal(100, 0.5)).sort((x, y) => x - y);
    expect(logs[10000]!).toBeGreaterThan(95);
    expect(logs[10000]!).toBeLessThan(105);
    const exps = Array.from({ length: 20000 }, () => r.exponential(4));
    expect(exps.reduce((s, x) => s + x, 0) / exps.length).toBeCloseTo(4, 0);
    expect(Array.from({ length: 100 }, () => r.truncNormal(0, 10, -1, 1)).every((x) => x >= -1 && x <= 1)).toBe(true);
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(r.shuffle(items).sort()).toEqual(items);
    const sample = r.sample(items, 3);
    expect(sample).toHaveLength(3);
    expect(sample).toEqual([...sample].sort((x, y) => x - y));
    expect(() => r.pick([])).toThrow();
  });
});
