// Host side: loads the trained name recognizer's weights from disk once (the engine itself never touches fs).
// INTERIM until the trained model lands (issue 3): a recognizer that finds nothing.

import type { NameRecognizer } from '../analysis/entities';

let cached: NameRecognizer | undefined;

export function loadNameRecognizer(): NameRecognizer {
  cached ??= { tag: () => [] };
  return cached;
}
