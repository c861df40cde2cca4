// The shipped name recognizer on wire-style sentences we wrote: spans and types through the text model (the
// tokenizer the extension uses), robustness to capitals and lower case, the weights file format and features.

import { strict as assert } from 'assert';
import { buildTextModel } from '../../src/server/analysis/text';
import { loadNameRecognizer, nameModelInfo } from '../../src/server/model/load';
import * as fs from 'fs';
import { NameTagger, loadOrder } from '../../src/server/analysis/entities/tagger';
import { Gazetteer, bilouFromIob2, caseMode, CaseMode, LABELS, normalizeWord, wordShape } from '../../src/server/analysis/entities/features';
import { viterbi } from '../../src/server/analysis/entities/decode';

/** "text of the name/TYPE" strings for every name the shipped recognizer finds. */
function names(text: string): string[] {
  const model = buildTextModel(text);
  return loadNameRecognizer()
    .tag(model)
    .map((m) => `${text.slice(m.start, m.end)}/${m.type}`);
}

describe('NameTagger (shipped model)', () => {
  it('finds a person, a nationality and a city in a diplomatic lead', () => {
    const found = names('Secretary of State Antony Blinken met his Jordanian counterpart in Amman on Thursday.');
    assert.ok(found.includes('Antony Blinken/PERSON'), found.join(', '));
    assert.ok(found.includes('Jordanian/MISC'), found.join(', '));
    assert.ok(found.includes('Amman/LOC'), found.join(', '));
    assert.ok(!found.some((f) => f.startsWith('Thursday')), found.join(', '));
  });

  it('tags organisations and places in a business story', () => {
    const found = names('Shares of Toyota Motor Corp. fell 3 percent in Tokyo after the European Central Bank raised interest rates.');
    assert.ok(found.some((f) => f.startsWith('Toyota') && f.endsWith('/ORG')), found.join(', '));
    assert.ok(found.includes('Tokyo/LOC'), found.join(', '));
    assert.ok(found.includes('European Central Bank/ORG'), found.join(', '));
  });

  it('keeps the possessive out of the name and tags the surname alone later in the article', () => {
    const text =
      'Kenyan opposition leader Raila Odinga said on Monday he would challenge the result in court.\n\n' +
      "Odinga's lawyers filed the petition in Nairobi late on Tuesday, a spokesman for the Orange Democratic Movement said.";
    const found = names(text);
    assert.ok(found.includes('Raila Odinga/PERSON'), found.join(', '));
    assert.ok(found.includes('Odinga/PERSON'), found.join(', '));
    assert.ok(found.includes('Nairobi/LOC'), found.join(', '));
    assert.ok(found.includes('Orange Democratic Movement/ORG'), found.join(', '));
    assert.ok(!found.some((f) => f.includes("'s")), found.join(', '));
  });

  it('returns offsets that slice to the name and sentence indices into the text model', () => {
    const text = 'Protesters gathered outside the parliament in Lima.\n\nPresident Dina Boluarte said order would be restored.';
    const model = buildTextModel(text);
    const mentions = loadNameRecognizer().tag(model);
    const boluarte = mentions.find((m) => text.slice(m.start, m.end) === 'Dina Boluarte');
    assert.ok(boluarte, JSON.stringify(mentions));
    assert.equal(boluarte.type, 'PERSON');
    assert.equal(boluarte.sentence, 1);
    assert.ok(boluarte.confidence !== undefined && boluarte.confidence > 0.5 && boluarte.confidence <= 1);
    const lima = mentions.find((m) => text.slice(m.start, m.end) === 'Lima');
    assert.equal(lima?.type, 'LOC');
    assert.equal(lima?.sentence, 0);
  });

  it('handles curly quotes around a quoted name', () => {
    const found = names('“We will not leave,” said Maria Fernanda Espinosa, a former foreign minister of Ecuador.');
    assert.ok(found.includes('Maria Fernanda Espinosa/PERSON'), found.join(', '));
    assert.ok(found.includes('Ecuador/LOC'), found.join(', '));
  });

  it('still finds names in an all-caps headline', () => {
    const found = names('BIDEN AND XI MEET IN SAN FRANCISCO AS TENSIONS EASE');
    assert.ok(found.some((f) => f.startsWith('SAN FRANCISCO') && f.endsWith('/LOC')), found.join(', '));
    assert.ok(!found.some((f) => /MEET|TENSIONS|EASE/.test(f)), found.join(', '));
  });

  it('does not collapse on lower-case text', () => {
    const found = names('police in nairobi said the suspects were arrested near the kenyatta national hospital on friday.');
    assert.ok(found.some((f) => f.startsWith('nairobi') && f.endsWith('/LOC')), found.join(', '));
    assert.ok(found.length <= 4, found.join(', '));
  });

  it('reads a wire dateline without taking the agency or the date for names', () => {
    const found = names('JOHANNESBURG (Reuters) - South Africa\'s ruling African National Congress lost its majority, results showed on Sunday.');
    assert.ok(found.includes('JOHANNESBURG/LOC'), found.join(', '));
    assert.ok(found.includes('South Africa/LOC'), found.join(', '));
    assert.ok(found.includes('African National Congress/ORG'), found.join(', '));
    assert.ok(!found.some((f) => f.startsWith('Sunday')), found.join(', '));
  });

  it('finds nothing in a sentence without names', () => {
    assert.deepEqual(names('The committee said it would meet again next week to discuss the budget.'), []);
  });

  it('tags a text model as it tags the same words given as strings, keeping each spelling\'s word record on its form', () => {
    const text = 'Mayor Lena Ortiz said the Harbor Authority would vote in Tacoma. Ortiz said the vote was close.\n\nThe authority said nothing.';
    const model = buildTextModel(text);
    const tagger = loadNameRecognizer() as NameTagger;
    const viaModel = tagger.tag(model).map((m) => `${text.slice(m.start, m.end)}/${m.type}/${m.confidence}`);
    const sentences = model.sentences.map((s) => model.tokens.slice(s.firstToken, s.lastToken).map((t) => t.text));
    const viaStrings = tagger.tagDocument(sentences).flatMap((spans, si) =>
      spans.map((sp) => `${sentences[si]!.slice(sp.start, sp.end).join(' ')}/${sp.type}/${sp.confidence}`),
    );
    assert.deepEqual(viaModel, viaStrings);
    assert.ok(viaModel.some((m) => m.startsWith('Lena Ortiz/PERSON')), viaModel.join(', '));
    // both mentions of "Ortiz" share one spelling, which now carries the tagger's record of the word
    const ortiz = model.tokens.flatMap((t, i) => (t.text === 'Ortiz' ? [model.forms[i]!] : []));
    assert.equal(ortiz.length, 2);
    assert.equal(ortiz[0], ortiz[1]);
    assert.equal(ortiz[0]!.wordInfo?.lower, 'ortiz');
  });

  it('loads once and reports the weights file', () => {
    assert.equal(loadNameRecognizer(), loadNameRecognizer());
    const info = nameModelInfo();
    assert.ok(info.file.endsWith('ner.bin'));
    assert.ok(info.bytes > 100_000 && info.bytes < 3 * 1024 * 1024, `model is ${info.bytes} bytes`);
  });
});

describe('NameTagger weights file', () => {
  it('round-trips hashes, weights and gazetteer through serialize/fromBytes', () => {
    const L = LABELS.length;
    const hashes = Uint32Array.from([1, 12345, 4000000000]);
    const weights = new Float32Array(3 * L);
    weights[0] = 2.5;
    weights[L + 3] = -0.75;
    weights[2 * L + 16] = 100;
    const gaz = new Gazetteer([['new york', 4], ['kenya', 1]]);
    const bytes = NameTagger.serialize(hashes, weights, gaz);
    const back = NameTagger.fromBytes(bytes);
    assert.equal(back.featureCount, 3);
    assert.equal(back.gazetteer?.size, 2);
    assert.deepEqual(back.gazetteer?.match(['in', 'new', 'york', 'and', 'kenya']), [[], [9], [11], [], [0]]);
  });

  it('writes features in load order, and any order loads the same weights', () => {
    const L = LABELS.length;
    // hashes whose table slots (low bits) run against their given order, two of them the same hash
    const hashes = Uint32Array.from([0x70000003, 0x10000002, 0x20000001, 0x10000002, 0x30000000]);
    const weights = new Float32Array(hashes.length * L);
    hashes.forEach((_, f) => (weights[f * L + f] = f + 1));
    const order = loadOrder(hashes);
    assert.deepEqual([...order], [4, 2, 1, 3, 0]);
    const bytes = NameTagger.serialize(hashes, weights, new Gazetteer([]));
    const written = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 5 * (4 + 2) - 2 * 5 - 4);
    assert.equal(written.getUint32(0, true), 5);
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => written.getUint32(4 + 4 * i, true)), [...order].map((f) => hashes[f]));
    // the later of the two features with one hash replaces the earlier, as when the file kept the given order
    const tagger = NameTagger.fromBytes(bytes);
    assert.deepEqual([...tagger.featureWeights(0x10000002)], [...new Float32Array(L).fill(0).map((_, l) => (l === 3 ? 4 : 0))]);
    for (const f of [0, 2, 4]) assert.equal(tagger.featureWeights(hashes[f]!)[f], f + 1);
  });

  it('ships its features in load order', () => {
    const bytes = fs.readFileSync(nameModelInfo().file);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const at = 8 + view.getUint32(4, true);
    const n = view.getUint32(at, true);
    const hashes = new Uint32Array(n);
    for (let f = 0; f < n; f++) hashes[f] = view.getUint32(at + 4 + 4 * f, true);
    const order = loadOrder(hashes);
    assert.ok(order.every((f, i) => f === i), 'ner.bin is not in load order: write it with NameTagger.serialize');
  });

  it('rejects bytes that are not a model', () => {
    assert.throws(() => NameTagger.fromBytes(new Uint8Array(64)), /not a Byline name model/);
    const ok = NameTagger.serialize(Uint32Array.from([7]), new Float32Array(LABELS.length).fill(1), new Gazetteer([]));
    assert.throws(() => NameTagger.fromBytes(ok.subarray(0, ok.length - 3)), /truncated|Offset|bounds/);
  });
});

describe('name tagger features', () => {
  it('normalises curly quotes, dashes and digits', () => {
    assert.equal(normalizeWord('’s'), "'s");
    assert.equal(normalizeWord('“'), '"');
    assert.equal(normalizeWord('2023-05-04'), '0000-00-00');
    assert.equal(normalizeWord('—'), '--');
  });

  it('computes word shapes', () => {
    assert.deepEqual(wordShape('McDonald'), { long: 'XxXxxxxx', short: 'XxXx' });
    assert.deepEqual(wordShape('U.S.'), { long: 'X.X.', short: 'X.X.' });
  });

  it('tells headline capitals, lower-case and title-case sentences from normal ones', () => {
    assert.equal(caseMode(['BIDEN', 'MEETS', 'XI', 'IN', 'SAN', 'FRANCISCO']), CaseMode.Upper);
    assert.equal(caseMode(['police', 'in', 'nairobi', 'said']), CaseMode.Lower);
    assert.equal(caseMode(['Biden', 'Meets', 'Chinese', 'Leader', 'Amid', 'Trade', 'Tensions']), CaseMode.Title);
    assert.equal(caseMode(['The', 'UN', 'said', 'on', 'Monday', 'that', 'aid', 'had', 'arrived']), CaseMode.Normal);
  });

  it('converts IOB2 to BILOU', () => {
    const labels = bilouFromIob2(['B-PERSON', 'I-PERSON', 'O', 'B-LOC', 'B-ORG', 'I-ORG', 'I-ORG', 'B-DATE']);
    assert.deepEqual(labels.map((l) => LABELS[l]), ['B-PERSON', 'L-PERSON', 'O', 'U-LOC', 'B-ORG', 'I-ORG', 'L-ORG', 'O']);
  });

  it('decodes only label sequences that BILOU allows', () => {
    const L = LABELS.length;
    // emissions that prefer B-PERSON everywhere: the decoder must still close every name
    const emission = new Float64Array(3 * L);
    for (let i = 0; i < 3; i++) emission[i * L + LABELS.indexOf('B-PERSON')] = 5;
    const path = viterbi(3, L, emission, () => new Float64Array((L + 1) * L)).map((l) => LABELS[l]);
    assert.ok(path[2] === 'L-PERSON' || path[2] === 'U-PERSON' || path[2] === 'O', path.join(' '));
    for (let i = 1; i < 3; i++) if (path[i - 1]!.startsWith('B-') || path[i - 1]!.startsWith('I-')) assert.match(path[i]!, /^[IL]-PERSON$/);
  });
});
