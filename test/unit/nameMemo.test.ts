// NameMemo: while a document is edited, the name tagger reuses the spans of sentences whose words and document
// context are unchanged. The output with a memo must always equal the output without one; reuse is counted by
// which memo entries survive an edit (entries are kept as they are when reused and made afresh when tagged).

import { strict as assert } from 'assert';
import { buildTextModel } from '../../src/server/analysis/text';
import { loadNameRecognizer } from '../../src/server/model/load';
import { NameTagger } from '../../src/server/analysis/entities/tagger';
import { Gazetteer, LABELS } from '../../src/server/analysis/entities/features';
import type { NameMemo, NameMention } from '../../src/server/analysis/entities';

const HEADLINE = 'FLOOD WATERS RISE ALONG THE MORAVA AS TOWNS EMPTY';
const P1 =
  'Residents of Kralupy were told to leave their homes on Tuesday as the river rose past the old Stone Bridge, ' +
  'the mayor, Petr Dvorak, said. Soldiers helped carry the elderly to buses parked outside the town hall.';
const P2 =
  '“We have never seen water this high,” said Jana Novakova, who runs a bakery near the square. ' +
  '“The bakery is gone, and so is the shop next door.”';
const P3 =
  'Bridge inspectors from the regional transport office closed the crossing at noon. ' +
  'Officials in Prague said the army would send boats and that the Czech Red Cross had opened two shelters.';
const P4 =
  'The Czech Hydrometeorological Institute warned that more rain was expected over the weekend. ' +
  'Novakova said she would stay with her sister in Brno until the water fell.';
const ARTICLE = [HEADLINE, P1, P2, P3, P4];

const text = (paragraphs: readonly string[]): string => paragraphs.join('\n\n');

/** Tags with the memo, checks the result against a fresh tagging, and returns how many sentences were tagged afresh. */
function tagChecked(tagger: NameTagger, paragraphs: readonly string[], memo: NameMemo): { mentions: NameMention[]; tagged: number } {
  const model = buildTextModel(text(paragraphs));
  const before = new Set(memo.sentences.values());
  const mentions = tagger.tag(model, memo);
  assert.deepEqual(mentions, tagger.tag(model), 'memo output differs from a fresh tagging');
  const tagged = [...memo.sentences.values()].filter((entry) => !before.has(entry)).length;
  // only this document's sentences are kept: one entry per distinct sentence
  const distinct = new Set(model.sentences.map((s) => JSON.stringify(model.tokens.slice(s.firstToken, s.lastToken).map((t) => t.text))));
  assert.equal(memo.sentences.size, distinct.size);
  return { mentions, tagged };
}

describe('NameMemo (reusing unchanged sentences while a document is edited)', () => {
  const tagger = loadNameRecognizer();
  const sentenceCount = (paragraphs: readonly string[]): number => buildTextModel(text(paragraphs)).sentences.length;

  it('tags every sentence the first time, and none when nothing changed', () => {
    const memo: NameMemo = { sentences: new Map() };
    const first = tagChecked(tagger, ARTICLE, memo);
    assert.equal(first.tagged, sentenceCount(ARTICLE));
    assert.ok(first.mentions.some((m) => m.type === 'PERSON'), 'the article should have names');
    assert.equal(tagChecked(tagger, ARTICLE, memo).tagged, 0);
  });

  it('retags only the sentence whose word changed', () => {
    const memo: NameMemo = { sentences: new Map() };
    tagChecked(tagger, ARTICLE, memo);
    const edited = [HEADLINE, P1, P2, P3, P4.replace('more rain', 'heavy rain')];
    assert.equal(tagChecked(tagger, edited, memo).tagged, 1);
  });

  it('retags a sentence whose words are unchanged when the document context it reads changes', () => {
    const memo: NameMemo = { sentences: new Map() };
    tagChecked(tagger, ARTICLE, memo);
    // "Bridge" capitalised mid-sentence in P1 is what the sentence-initial "Bridge" of P3 reads; lower-case it
    const edited = [HEADLINE, P1.replace('old Stone Bridge', 'old stone bridge'), P2, P3, P4];
    assert.equal(tagChecked(tagger, edited, memo).tagged, 2);
  });

  it('keeps up with deleted and pasted paragraphs', () => {
    const memo: NameMemo = { sentences: new Map() };
    tagChecked(tagger, ARTICLE, memo);
    // deleting P2 removes the mid-sentence "Novakova" that P4's sentence-initial "Novakova" reads
    const deleted = tagChecked(tagger, [HEADLINE, P1, P3, P4], memo);
    assert.ok(deleted.tagged >= 1 && deleted.tagged < sentenceCount([HEADLINE, P1, P3, P4]), `${deleted.tagged} retagged`);
    // pasting a paragraph twice adds no new sentence and changes no document context
    const base = [HEADLINE, P1, P2, P3, P4];
    tagChecked(tagger, base, memo);
    assert.equal(tagChecked(tagger, [HEADLINE, P1, P2, P3, P2, P4], memo).tagged, 0);
    // and tagging it back without the copy still matches
    assert.equal(tagChecked(tagger, base, memo).tagged, 0);
  });

  it('matches a fresh tagging through a series of edits', () => {
    const memo: NameMemo = { sentences: new Map() };
    const versions = [
      ARTICLE,
      [HEADLINE.toLowerCase(), P1, P2, P3, P4],
      [HEADLINE, P1, P2 + ' Novakova wept.', P3, P4],
      [HEADLINE, P4, P3, P2, P1],
      [P1.toUpperCase(), P2, P3],
      [HEADLINE, P1.replace('Petr Dvorak', 'petr dvorak'), P2, P3, P4],
      [],
      ARTICLE,
    ];
    for (const v of versions) tagChecked(tagger, v, memo);
  });

  it('does not reuse another tagger\'s spans', () => {
    const memo: NameMemo = { sentences: new Map() };
    tagChecked(tagger, ARTICLE, memo);
    // a tiny model that tags nothing as a name
    const L = LABELS.length;
    const none = NameTagger.fromWeights(Uint32Array.from([1]), new Float32Array(L).fill(0).fill(1, 0, 1), new Gazetteer([]));
    const { mentions, tagged } = tagChecked(none, ARTICLE, memo);
    assert.deepEqual(mentions, []);
    assert.equal(tagged, sentenceCount(ARTICLE));
  });

  it('stops at a checkpoint that throws, keeping what it tagged for the next analysis', () => {
    // a long document of 150 different sentences
    const towns = Array.from({ length: 150 }, (_, i) => `Vel${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}ice`);
    const long = [HEADLINE, ...towns.map((t, i) => `The river reached the square in ${t} on ${i % 2 ? 'Monday' : 'Friday'}, the regional office said.`)];
    const model = buildTextModel(text(long));
    const memo: NameMemo = { sentences: new Map() };
    let calls = 0;
    const stop = new Error('stop');
    assert.throws(() => tagger.tag(model, memo, () => {
      if (++calls === 2) throw stop;
    }), (e: unknown) => e === stop);
    assert.equal(calls, 2);
    // the checkpoint runs before every 32nd sentence is tagged: 63 were tagged before the second one stopped it
    const keptAfterStop = memo.sentences.size;
    assert.ok(keptAfterStop === 63 && keptAfterStop < model.sentences.length, `${keptAfterStop} of ${model.sentences.length} sentences kept`);
    const { tagged } = tagChecked(tagger, long, memo);
    assert.equal(tagged, model.sentences.length - 63, `${tagged} tagged afresh after the stop`);
  });
});

