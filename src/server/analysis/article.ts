// analyze(text, options) → Article: the one entry point of the engine and the one data model every feature reads.
// Plain TypeScript in, plain data out: no LSP, no VS Code, no file system.

import type { AnalyzeOptions, Article } from './types';
import { buildTextModel } from './text';
import { recognizeEntities, type NameMemo, type NameRecognizer } from './entities';
import { findDateline } from './entities/dates';
import { extractQuotes } from './quotes';
import { findClaims } from './claims';
import { applyIgnores } from './ignores';
import { firstReferenceFindings } from './names';
import type { Glossary } from './glossary';

/** What the host hands the engine besides the text: loaded resources (the model, the glossary). */
export interface EngineOptions extends AnalyzeOptions {
  glossary?: Glossary;
  /** The trained name recognizer; without it only dates and numbers are found. */
  recognizer?: NameRecognizer;
  /**
   * Kept by the host for one document across its analyses while it is edited: unchanged sentences are not
   * tagged again. The result is the same with or without it.
   */
  memo?: NameMemo;
  /** Polled between the steps of the analysis; true makes analyze throw AnalysisCancelled (the text changed). */
  cancelled?: () => boolean;
}

/** Thrown by analyze when `options.cancelled` turned true: nobody wants this analysis any more. */
export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'AnalysisCancelled';
  }
}

/** Default size limit (UTF-16 units), shared by the server's byline.maxDocumentSize and the CLI: beyond it the
 * document is skipped with a notice. About 150,000 words: a long book chapter, far beyond any article. */
export const DEFAULT_MAX_LENGTH = 1_000_000;

export function analyze(text: string, options: EngineOptions = {}): Article {
  const format = options.format ?? 'plaintext';
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    return {
      text, paragraphs: [], sentences: [], tokens: [], entities: [], quotes: [], diagnostics: [], wordCount: 0,
      notice: `Byline skipped this document: it is ${text.length.toLocaleString('en-US')} characters long, over the limit of ${maxLength.toLocaleString('en-US')} (setting byline.maxDocumentSize).`,
    };
  }
  const stopIfCancelled = (): void => {
    if (options.cancelled?.()) throw new AnalysisCancelled();
  };
  const model = buildTextModel(text, format);
  const dateline = findDateline(model, options.referenceDate) ?? options.referenceDate;
  stopIfCancelled();
  const entities = recognizeEntities(model, { dateline, glossary: options.glossary, recognizer: options.recognizer, memo: options.memo, checkpoint: stopIfCancelled });
  stopIfCancelled();
  const quotes = extractQuotes(model, entities);
  stopIfCancelled();
  const genre = options.genre ?? (model.frontMatter['genre'] === 'opinion' || model.frontMatter['genre'] === 'analysis' ? 'opinion' : 'news');
  // the claim rules and first references, in document order, less what ignore comments silence
  const findings = [...findClaims(model, entities, quotes, { genre }), ...firstReferenceFindings({ entities, paragraphs: model.paragraphs })];
  const diagnostics = applyIgnores(model, findings.sort((a, b) => a.start - b.start || a.code.localeCompare(b.code)));
  return {
    text,
    paragraphs: model.paragraphs,
    sentences: model.sentences,
    tokens: model.tokens,
    entities,
    quotes,
    diagnostics,
    dateline,
    wordCount: model.wordCount,
  };
}
