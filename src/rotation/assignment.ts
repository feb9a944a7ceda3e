/**
 * The least-cost assignment of rows to distinct columns (the Hungarian method, O(n²·m)), for a cost matrix of
 * n rows and m ≥ n columns. Returns the column of each row.
 */
export function leastCostAssignment(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  if (n === 0) return [];
  const m = cost[0]!.length;
  if (m < n) throw new RangeError('leastCostAssignment: fewer columns than rows');
  // Potentials and matching, 1-based with a virtual column 0.
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(m + 1).fill(0);
  const rowOf = new Array<number>(m + 1).fill(0);
  const way = new Array<number>(m + 1).fill(0);
  for (let row = 1; row <= n; row++) {
    rowOf[0] = row;
    let column = 0;
    const least = new Array<number>(m + 1).fill(Infinity);
    const used = new Array<boolean>(m + 1).fill(false);
    do {
      used[column] = true;
      const current = rowOf[column]!;
      let delta = Infinity;
      let next = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const reduced = cost[current - 1]![j - 1]! - u[current]! - v[j]!;
        if (reduced < least[j]!) [least[j], way[j]] = [reduced, column];
        if (least[j]! < delta) [delta, next] = [least[j]!, j];
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) [u[rowOf[j]!], v[j]] = [u[rowOf[j]!]! + delta, v[j]! - delta];
        else least[j] = least[j]! - delta;
      }
      column = next;
    } while (rowOf[column] !== 0);
    do {
      const previous = way[column]!;
      rowOf[column] = rowOf[previous]!;
      column = previous;
    } while (column !== 0);
  }
  const columnOf = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (rowOf[j]) columnOf[rowOf[j]! - 1] = j - 1;
  return columnOf;
}
