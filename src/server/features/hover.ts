// Hover: on an entity mention (who or what it is, how the article describes it, where it appears, what it said),
// on a speaker or cue (the quote), and on a quote (speaker, cue, kind, position among the article's quotes).

import type { Hover } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article, Entity, Quote } from '../analysis/types';
import { cueQuoteAt, indexOf, isPronoun, md, mentionAt, paragraphNumber, quoteAt, quoteWords, rangeOf, snippet, speakerQuoteAt, TYPE_LABEL } from './lookup';

export function hover(doc: TextDocument, article: Article, offset: number): Hover | null {
  const mention = mentionAt(article, offset);
  if (mention) {
    const quoteSpoken = speakerQuoteAt(article, offset);
    const parts = [entityHover(article, mention.entity, mention.index)];
    if (quoteSpoken) parts.push('---', quoteHover(article, quoteSpoken));
    return { contents: { kind: 'markdown', value: parts.join('\n\n') }, range: rangeOf(doc, mention.mention.start, mention.mention.end) };
  }
  const bySpeaker = speakerQuoteAt(article, offset);
  if (bySpeaker?.speaker) {
    const entity = bySpeaker.speaker.entity ? indexOf(article).entityById.get(bySpeaker.speaker.entity) : undefined;
    const parts = [quoteHover(article, bySpeaker)];
    if (entity) parts.unshift(entityHover(article, entity, -1), '---');
    return { contents: { kind: 'markdown', value: parts.join('\n\n') }, range: rangeOf(doc, bySpeaker.speaker.start, bySpeaker.speaker.end) };
  }
  const byCue = cueQuoteAt(article, offset);
  if (byCue?.cue) return { contents: { kind: 'markdown', value: quoteHover(article, byCue) }, range: rangeOf(doc, byCue.cue.start, byCue.cue.end) };
  const quote = quoteAt(article, offset);
  if (quote) return { contents: { kind: 'markdown', value: quoteHover(article, quote) }, range: rangeOf(doc, quote.start, quote.end) };
  return null;
}

export function entityHover(article: Article, entity: Entity, mentionIndex: number): string {
  const lines: string[] = [];
  lines.push(`**${md(entity.name)}** · ${TYPE_LABEL[entity.type] ?? entity.type.toLowerCase()}`);
  if (entity.descriptors.length) lines.push(`*${entity.descriptors.map(md).join('; ')}*`);
  if (entity.resolved) lines.push(`Resolves to **${md(entity.resolved)}**${article.dateline ? ` (dateline ${md(article.dateline)})` : ''}`);
  if (entity.aliases?.length) lines.push(`Also: ${entity.aliases.map(md).join(', ')}`);
  if (entity.note) lines.push(`Glossary: ${md(entity.note)}`);
  const first = entity.mentions[0];
  const n = entity.mentions.length;
  if (first) {
    const where = `first in paragraph ${paragraphNumber(article, first.start)}`;
    const which = mentionIndex >= 0 ? ` (this is mention ${mentionIndex + 1})` : '';
    lines.push(`Mentioned ${n === 1 ? 'once' : `${n} times`}, ${where}${n > 1 ? which : ''}.`);
  }
  const quotes = indexOf(article).quotesBySpeaker.get(entity.id) ?? [];
  if (quotes.length) {
    lines.push(`${quotes.length} ${quotes.length === 1 ? 'quote' : 'quotes'} attributed:`);
    for (const q of quotes.slice(0, 5)) lines.push(`- ${q.kind}: ${md(snippet(quoteWords(article, q), 90))}`);
    if (quotes.length > 5) lines.push(`- … and ${quotes.length - 5} more`);
  }
  return lines.join('\n\n');
}

export function quoteHover(article: Article, quote: Quote): string {
  const position = article.quotes.indexOf(quote) + 1;
  const lines: string[] = [];
  lines.push(`**Quote ${position} of ${article.quotes.length}** · ${quote.kind}`);
  const s = quote.speaker;
  if (s) {
    const name = s.entityName && s.entityName !== s.text ? `**${md(s.entityName)}**${isPronoun(s) ? ` (“${md(s.text)}”)` : ` (as “${md(s.text)}”)`}` : `**${md(s.text)}**`;
    lines.push(`Speaker: ${name}${s.specificity ? ` · ${s.specificity} source` : ''}`);
  } else {
    lines.push('Speaker: *none found* — this quote is unattributed');
  }
  if (quote.cue) lines.push(`Cue: “${md(quote.cue.text)}”`);
  if (quote.attribution) lines.push(`Attribution: ${md(quote.attribution)}`);
  lines.push(`> ${md(snippet(quoteWords(article, quote), 160))}`);
  return lines.join('\n\n');
}
