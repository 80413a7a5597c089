/** Positions of `items` grouped by `key`, groups in first-seen order: renders share work within a group and answer in the caller's order. */
export function indicesBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  items.forEach((item, i) => {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(i);
    else groups.set(k, [i]);
  });
  return groups;
}
