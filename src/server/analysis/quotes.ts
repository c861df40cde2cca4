// Quote spans, cues and speakers. INTERIM until issue 4 lands.

import type { TextModel } from './text';
import type { Entity, Quote } from './types';

export function extractQuotes(_model: TextModel, _entities: Entity[]): Quote[] {
  return [];
}
