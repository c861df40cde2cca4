// Entity recognition entry point: names (statistical tagger), values (dates, money, …), linking into entities.
// INTERIM: capitalised-sequence baseline until the trained tagger lands (issue 3).

import type { TextModel } from '../text';
import type { Entity } from '../types';
import type { Glossary } from '../glossary';

export interface EntityOptions {
  /** ISO date of the article, to resolve relative dates. */
  dateline?: string;
  glossary?: Glossary;
}

export function recognizeEntities(_model: TextModel, _options: EntityOptions = {}): Entity[] {
  return [];
}
