import { expect, it } from 'vitest';
import { leastCostAssignment } from '../src/rotation/assignment.js';
it('hungarian vs brute force', () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let t = 0; t < 300; t++) {
    const n = 1 + Math.floor(rnd() * 5),
      m = n + Math.floor(rnd() * 3);
    const c = Array.from({ length: n }, () => Array.from({ length: m }, () => Math.floor(rnd() * 6)));
    const a = leastCostAssignment(c);
    expect(new Set(a).size).toBe(n);
    const total = a.reduce((s, col, r) => s + c[r]![col]!, 0);
    let best = Infinity;
    const rec = (r: number, used: Set<number>, s: number) => {
      if (r === n) {
        best = Math.min(best, s);
        return;
      }
      for (let j = 0; j < m; j++)
        if (!used.has(j)) {
          used.add(j);
          rec(r + 1, used, s + c[r]![j]!);
          used.delete(j);
        }
    };
    rec(0, new Set(), 0);
    expect(total).toBe(best);
  }
});
