// What the Sources view shows for a byline/sources answer: a header with the counts, then the speakers grouped
// Named / Described / Vague (and the unattributed quotes), each speaker with its quotes. Plain data (no vscode
// import) so the grouping and wording are unit-tested without an editor.

import type { QuoteSummary, SourceSpecificity, SourceSummary, SourcesResult } from '../protocol';

export interface SourceGroup {
  /** "Named", "Described", "Vague", "Unattributed". */
  label: string;
  specificity: SourceSpecificity | 'unattributed';
  sources: SourceSummary[];
  /** Only for the unattributed group: its quotes (no speaker to hang them on). */
  quotes: QuoteSummary[];
}

const GROUPS: { specificity: SourceSpecificity; label: string }[] = [
  { specificity: 'named', label: 'Named' },
  { specificity: 'described', label: 'Described' },
  { specificity: 'vague', label: 'Vague' },
];

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "4 sources: 2 named · 1 described · 1 vague · 1 unattributed quote". */
export function headerText(result: SourcesResult): string {
  const c = result.counts;
  const parts = [`${c.named} named`, `${c.described} described`, `${c.vague} vague`];
  if (c.unattributedQuotes) parts.push(`${plural(c.unattributedQuotes, 'unattributed quote')}`);
  return `${plural(result.sources.length, 'source')}: ${parts.join(' · ')}`;
}

/** "Folder: 48 quotes in 12 articles — 30 named · 10 described · 5 vague · 3 unattributed"; undefined without the index. */
export function folderText(result: SourcesResult): string | undefined {
  const f = result.folder;
  if (!f) return undefined;
  const q = f.quotes;
  const total = q.named + q.described + q.vague + q.unattributed;
  return `Folder: ${plural(total, 'quote')} in ${plural(f.articles, 'article')} — ${q.named} named · ${q.described} described · ${q.vague} vague · ${q.unattributed} unattributed`;
}

/** Non-empty groups in the order named, described, vague, unattributed. */
export function sourceGroups(result: SourcesResult): SourceGroup[] {
  const groups: SourceGroup[] = GROUPS.map((g) => ({ ...g, sources: result.sources.filter((s) => s.specificity === g.specificity), quotes: [] }));
  groups.push({ specificity: 'unattributed', label: 'Unattributed', sources: [], quotes: result.unattributed });
  return groups.filter((g) => g.sources.length || g.quotes.length);
}

export function groupDescription(group: SourceGroup): string {
  return group.specificity === 'unattributed' ? plural(group.quotes.length, 'quote') : plural(group.sources.length, 'source');
}

export function sourceDescription(source: SourceSummary): string {
  return plural(source.quotes.length, 'quote');
}

/** A quote row: its first words, the cue as the description ("said", "told reporters"). */
export function quoteLabel(quote: QuoteSummary): { label: string; description: string } {
  return { label: quote.snippet, description: [quote.kind, quote.cue].filter(Boolean).join(' · ') };
}
