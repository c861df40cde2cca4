// The byline/sources answer (the client's Sources view): the article's speakers, each with its quotes, grouped by
// how the article identifies them: named, described ("a senior official"), vague ("critics").

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article } from '../analysis/types';
import type { SourceSpecificity, SourceSummary, SourcesResult } from '../../protocol';
import { quoteSummaries } from './quotes';
import { rangeOf } from './lookup';

const ORDER: SourceSpecificity[] = ['named', 'described', 'vague'];

export function sourcesOf(doc: TextDocument, article: Article): SourcesResult {
  const summaries = quoteSummaries(doc, article);
  const bySpeaker = new Map<string, SourceSummary & { first: number }>();
  const unattributed: SourcesResult['unattributed'] = [];
  article.quotes.forEach((q, i) => {
    const summary = summaries[i]!;
    const s = q.speaker;
    if (!s) {
      unattributed.push(summary);
      return;
    }
    // One source per entity (a pronoun or surname resolved to it joins it); unresolved speakers by their words.
    const key = s.entity ? `entity:${s.entity}` : `words:${s.text.toLowerCase().replace(/\s+/g, ' ')}`;
    const specificity: SourceSpecificity = s.specificity ?? (s.entity ? 'named' : 'described');
    const known = bySpeaker.get(key);
    if (known) {
      known.quotes.push(summary);
      // The most specific way the article identifies the source wins (named once is named).
      if (ORDER.indexOf(specificity) < ORDER.indexOf(known.specificity)) known.specificity = specificity;
      return;
    }
    bySpeaker.set(key, { name: s.entityName ?? s.text, specificity, range: rangeOf(doc, s.start, s.end), quotes: [summary], first: i });
  });
  const sources = [...bySpeaker.values()]
    .sort((a, b) => ORDER.indexOf(a.specificity) - ORDER.indexOf(b.specificity) || a.first - b.first)
    .map(({ first: _first, ...rest }) => rest);
  const count = (k: SourceSpecificity): number => sources.filter((s) => s.specificity === k).length;
  return {
    uri: doc.uri,
    version: doc.version,
    sources,
    unattributed,
    counts: { named: count('named'), described: count('described'), vague: count('vague'), unattributedQuotes: unattributed.length },
  };
}
