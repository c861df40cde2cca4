// The unattributed-claim rules (DIAGNOSTICS.md). INTERIM until issue 5 lands.

import type { TextModel } from './text';
import type { Entity, Finding, Quote } from './types';

export interface ClaimOptions {
  genre?: 'news' | 'opinion';
}

export function findClaims(_model: TextModel, _entities: Entity[], _quotes: Quote[], _options: ClaimOptions = {}): Finding[] {
  return [];
}
