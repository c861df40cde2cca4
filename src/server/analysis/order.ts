// Sorting the short lists the engine makes (cues, quote parts, marks, findings), most of them in order already.

/**
 * Whether `items` are already in the order `compare` gives (each no greater than the next), so that a stable sort
 * would leave them as they are. Array.prototype.sort allocates close to a kilobyte of working state on every call
 * with two items or more, sorted or not: the lists here (cues, parts, marks, findings) are checked first.
 */
export function inOrder<T>(items: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < items.length; i++) if (compare(items[i - 1]!, items[i]!) > 0) return false;
  return true;
}

/** Sorts `items` in place by `compare` (stably, as Array.prototype.sort), calling the builtin only when out of order. */
export function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  return inOrder(items, compare) ? items : items.sort(compare);
}
