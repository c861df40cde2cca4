// The custom byline/quotes and byline/status answers (quote navigation, the client's status item).

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article } from '../analysis/types';
import type { ArticleStatus, QuoteSummary } from '../../protocol';
import { quoteWords, rangeOf, snippet } from './lookup';

export function quoteSummaries(doc: TextDocument, article: Article): QuoteSummary[] {
  return article.quotes.map((q) => ({
    id: q.id,
    kind: q.kind,
    range: rangeOf(doc, q.start, q.end),
    speaker: q.speaker ? (q.speaker.entityName ?? q.speaker.text) : null,
    speakerRange: q.speaker ? rangeOf(doc, q.speaker.start, q.speaker.end) : null,
    cue: q.cue?.text ?? null,
    snippet: snippet(quoteWords(article, q), 80),
  }));
}

export function articleStatus(doc: TextDocument, article: Article | null, findings: number, analysisMs: number): ArticleStatus {
  if (!article) return { uri: doc.uri, version: doc.version, analyzed: false, words: 0, quotes: 0, namedSources: 0, unattributedQuotes: 0, entities: 0, findings: 0, analysisMs };
  const sources = new Set<string>();
  for (const q of article.quotes) {
    const s = q.speaker;
    if (!s || s.specificity === 'vague' || s.specificity === 'described') continue;
    // A speaker counts as a named source when it resolves to an entity or the engine calls it named.
    if (s.entity) sources.add(s.entity);
    else if (s.specificity === 'named') sources.add(s.text.toLowerCase());
  }
  return {
    uri: doc.uri,
    version: doc.version,
    analyzed: true,
    words: article.wordCount,
    quotes: article.quotes.length,
    namedSources: sources.size,
    unattributedQuotes: article.quotes.filter((q) => !q.speaker).length,
    entities: article.entities.length,
    findings,
    notice: article.notice,
    analysisMs: Math.round(analysisMs * 10) / 10,
  };
}
