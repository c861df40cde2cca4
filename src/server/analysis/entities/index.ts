// Entity recognition entry point: names (statistical tagger), values (dates, money, …), linking into entities.
// INTERIM: capitalised-sequence baseline until the trained tagger lands (issue 3).

import type { TextModel } from '../text';
import type { Entity } from '../types';
import type { Glossary } from '../glossary';

/** A name found by the statistical recognizer, before linking into entities. */
export interface NameMention {
  start: number;
  end: number;
  type: 'PERSON' | 'ORG' | 'LOC' | 'MISC';
  /** Index into TextModel.sentences. */
  sentence: number;
  /** 0..1, when the recognizer can tell; used for document-level consistency and linking. */
  confidence?: number;
}

/** The trained name recognizer (entities/tagger.ts), handed in by the host that loaded its weights. */
export interface NameRecognizer {
  tag(model: TextModel): NameMention[];
}

export interface EntityOptions {
  /** ISO date of the article, to resolve relative dates. */
  dateline?: string;
  glossary?: Glossary;
  recognizer?: NameRecognizer;
}

export function recognizeEntities(_model: TextModel, _options: EntityOptions = {}): Entity[] {
  return [];
}
