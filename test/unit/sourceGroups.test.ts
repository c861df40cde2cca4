// The Sources view's rows for a byline/sources answer: groups in order, empty groups left out, counts worded.

import { strict as assert } from 'node:assert';
import type { QuoteSummary, SourceSummary, SourcesResult } from '../../src/protocol';
import { folderText, groupDescription, headerText, quoteLabel, sourceGroups } from '../../src/client/sourceGroups';

const range = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 30 } });
const quote = (id: string, line: number, speaker: string | null, snippet: string, cue: string | null = 'said'): QuoteSummary => ({
  id,
  kind: 'direct',
  range: range(line),
  speaker,
  speakerRange: speaker ? range(line) : null,
  cue,
  snippet,
});
const source = (name: string, specificity: SourceSummary['specificity'], quotes: QuoteSummary[]): SourceSummary => ({ name, specificity, range: quotes[0]!.range, quotes });

const ibarra = source('Gloria Ibarra', 'named', [quote('q1', 4, 'Gloria Ibarra', 'We have waited three years', 'told reporters'), quote('q4', 12, 'Gloria Ibarra', 'The buses will stop on May 2')]);
const critics = source('Critics', 'vague', [quote('q3', 10, 'Critics', 'the strike will hurt commuters', 'say')]);
const result: SourcesResult = {
  uri: 'file:///strike.txt',
  version: 3,
  sources: [ibarra, critics],
  unattributed: [quote('q2', 8, null, 'Nobody wants a strike', null)],
  counts: { named: 1, described: 0, vague: 1, unattributedQuotes: 1 },
};

describe('Sources view rows', () => {
  it('groups named, then vague, then the unattributed quotes, leaving out an empty group', () => {
    const groups = sourceGroups(result);
    assert.deepEqual(groups.map((g) => g.label), ['Named', 'Vague', 'Unattributed']);
    assert.deepEqual(groups[0]!.sources.map((s) => s.name), ['Gloria Ibarra']);
    assert.deepEqual(groups[2]!.quotes.map((q) => q.id), ['q2']);
    assert.deepEqual(groups.map(groupDescription), ['1 source', '1 source', '1 quote']);
  });

  it('words the header counts', () => {
    assert.equal(headerText(result), '2 sources: 1 named · 0 described · 1 vague · 1 unattributed quote');
    assert.equal(folderText(result), undefined, 'no index, no folder row');
    assert.equal(
      folderText({ ...result, folder: { articles: 12, quotes: { named: 30, described: 10, vague: 5, unattributed: 3 } } }),
      'Folder: 48 quotes in 12 articles — 30 named · 10 described · 5 vague · 3 unattributed',
    );
    assert.equal(headerText({ ...result, sources: [ibarra], unattributed: [], counts: { named: 1, described: 0, vague: 0, unattributedQuotes: 0 } }), '1 source: 1 named · 0 described · 0 vague');
  });

  it('labels a quote with its first words and its cue', () => {
    assert.deepEqual(quoteLabel(ibarra.quotes[0]!), { label: 'We have waited three years', description: 'direct · told reporters' });
    assert.deepEqual(quoteLabel(result.unattributed[0]!), { label: 'Nobody wants a strike', description: 'direct' });
  });
});
