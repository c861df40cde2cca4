// Definition (a mention → the entity's first mention; a pronoun speaker → its antecedent; a quote → its
// speaker), references (every mention of the entity) and document highlights (the same, in this document).

import { DocumentHighlightKind, type DocumentHighlight, type Location } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article, Entity, Span } from '../analysis/types';
import { cueQuoteAt, indexOf, isPronoun, mentionAt, quoteAt, rangeOf, speakerQuoteAt } from './lookup';

/** The entity under the offset, through a mention or a resolved speaker. */
export function entityAt(article: Article, offset: number): { entity: Entity; span: Span; viaSpeaker: boolean } | undefined {
  const hit = mentionAt(article, offset);
  if (hit) return { entity: hit.entity, span: hit.mention, viaSpeaker: false };
  const q = speakerQuoteAt(article, offset);
  const id = q?.speaker?.entity;
  const entity = id ? indexOf(article).entityById.get(id) : undefined;
  if (q?.speaker && entity) return { entity, span: q.speaker, viaSpeaker: true };
  return undefined;
}

export function definition(doc: TextDocument, article: Article, offset: number): Location | null {
  const at = entityAt(article, offset);
  if (at) {
    const mentions = at.entity.mentions;
    if (at.viaSpeaker) {
      // A pronoun (or other unlinked speaker words): its antecedent is the nearest mention before it.
      let antecedent = mentions[0];
      for (const m of mentions) if (m.end <= at.span.start) antecedent = m;
      if (antecedent) return { uri: doc.uri, range: rangeOf(doc, antecedent.start, antecedent.end) };
      return null;
    }
    const first = mentions[0];
    return first ? { uri: doc.uri, range: rangeOf(doc, first.start, first.end) } : null;
  }
  // A pronoun speaker the engine named but did not link to an entity ("He" → "Vance"): the nearest earlier
  // occurrence of that name, preferring an earlier quote's speaker.
  const spoken = speakerQuoteAt(article, offset);
  const sp = spoken?.speaker;
  if (sp?.entityName && isPronoun(sp)) {
    const name = sp.entityName;
    const earlier = article.quotes.filter((q) => q.speaker && q.speaker.end <= sp.start && !isPronoun(q.speaker) && (q.speaker.entityName ?? q.speaker.text) === name);
    const last = earlier[earlier.length - 1]?.speaker;
    if (last) return { uri: doc.uri, range: rangeOf(doc, last.start, last.end) };
    const at = article.text.lastIndexOf(name, sp.start - 1);
    if (at >= 0 && at + name.length <= sp.start) return { uri: doc.uri, range: rangeOf(doc, at, at + name.length) };
  }
  // On a quote or its cue: go to who said it.
  const q = cueQuoteAt(article, offset) ?? quoteAt(article, offset);
  if (q?.speaker) return { uri: doc.uri, range: rangeOf(doc, q.speaker.start, q.speaker.end) };
  return null;
}

/** Every mention of the entity, plus speaker words resolved to it (pronouns), in document order. */
function entitySpans(article: Article, entity: Entity): Span[] {
  const spans: Span[] = [...entity.mentions];
  for (const q of article.quotes) {
    const s = q.speaker;
    if (s?.entity === entity.id && !entity.mentions.some((m) => m.start < s.end && s.start < m.end)) spans.push(s);
  }
  return spans.sort((a, b) => a.start - b.start);
}

export function references(doc: TextDocument, article: Article, offset: number, includeDeclaration: boolean): Location[] {
  const at = entityAt(article, offset);
  if (!at) return [];
  const first = at.entity.mentions[0];
  return entitySpans(article, at.entity)
    .filter((s) => includeDeclaration || s !== first)
    .map((s) => ({ uri: doc.uri, range: rangeOf(doc, s.start, s.end) }));
}

export function documentHighlights(doc: TextDocument, article: Article, offset: number): DocumentHighlight[] {
  const at = entityAt(article, offset);
  if (!at) return [];
  const first = at.entity.mentions[0];
  return entitySpans(article, at.entity).map((s) => ({ range: rangeOf(doc, s.start, s.end), kind: s === first ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}
