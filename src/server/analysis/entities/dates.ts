// Dates in the article header (the dateline) and relative-date resolution. INTERIM until issue 3 lands.

import type { TextModel } from '../text';

export function findDateline(_model: TextModel): string | undefined {
  return undefined;
}
