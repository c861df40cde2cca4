// The name tagger's fast paths against their references: emission scores from the per-word and per-shape caches
// and the weights table against summing the weights of sentenceFeatures (the features training uses), and the
// BILOU-specialised Viterbi and max-marginal decoder against a textbook decoder over `allowed`.

import { strict as assert } from 'assert';
import { loadNameRecognizer } from '../../src/server/model/load';
import { NameTagger } from '../../src/server/analysis/entities/tagger';
import { CaseMode, Gazetteer, LABELS, allowed, betweenLowerWords, caseMode, documentContext, neighbourFeatures, sentenceFeatures, wordInfo, type DocContext } from '../../src/server/analysis/entities/features';
import { boundedTransitions, pathMargins, rowsOf, viterbi } from '../../src/server/analysis/entities/decode';

/** Sentences of every kind the features treat differently (tokens as the text model would give them). */
const SENTENCES: string[][] = [
  ['Secretary', 'of', 'State', 'Antony', 'Blinken', 'met', 'his', 'Jordanian', 'counterpart', 'in', 'Amman', 'on', 'Thursday', '.'],
  ['FLOODS', 'HIT', 'NEW', 'YORK', 'AS', 'STORM', 'MOVES', 'NORTH'],
  ['police', 'in', 'nairobi', 'said', 'the', 'suspects', 'were', 'arrested', 'near', 'the', 'kenyatta', 'national', 'hospital', '.'],
  ['Storm', 'Season', 'Brings', 'Record', 'Rainfall', 'To', 'Northern', 'Kenya'],
  ['“', 'We', 'will', 'not', 'leave', ',', '”', 'said', 'Maria', 'Fernanda', 'Espinosa', ',', 'a', 'former', 'minister', '.'],
  ['"', 'It', 'is', 'over', ',', '"', 'Mr.', 'Odhiambo', 'told', 'The', 'Standard', 'in', 'Mombasa', '.'],
  ['The', 'United', 'States', 'and', 'South', 'Africa', 'signed', 'the', 'deal', 'in', 'New', 'York', 'City', '🎉', '.'],
  ['President', 'Dina', 'Boluarte', 'said', 'prices', 'rose', '4.5', '%', 'in', '2023', '—', 'the', 'fastest', 'since', '1998', '.'],
  ['Shares', 'of', 'Toyota', 'Motor', 'Corp.', 'fell', 'in', 'Tokyo', '😬', 'after', 'the', 'European', 'Central', 'Bank', "'s", 'move', '.'],
  ['Nairobi'],
  ['Ça', 'va', ',', 'dit', 'Émile', 'Zola', 'à', 'Paris', '.'],
];

/** The reference: each token's scores are the sums of the model's weights of its sentenceFeatures, in order. */
function referenceEmissions(tagger: NameTagger, words: readonly string[], doc: DocContext | undefined): Float64Array {
  const L = LABELS.length;
  const sf = sentenceFeatures(words, tagger.gazetteer, doc);
  const out = new Float64Array(words.length * L);
  for (let i = 0; i < words.length; i++) {
    for (let k = sf.offsets[i]!; k < sf.offsets[i + 1]!; k++) {
      const w = tagger.featureWeights(sf.hashes[k]!);
      for (let l = 0; l < L; l++) out[i * L + l]! += w[l]!;
    }
  }
  return out;
}

describe('name tagger fast paths', () => {
  it('gives exactly the reference emission scores (headlines, lower case, quotes, gazetteer names, emoji)', () => {
    const tagger = loadNameRecognizer();
    const doc = documentContext(SENTENCES);
    // twice: the second time the per-word and per-shape caches are warm
    for (let round = 0; round < 2; round++) {
      for (const words of SENTENCES) {
        const fast = tagger.emissionScores(words, doc);
        const ref = referenceEmissions(tagger, words, doc);
        assert.deepEqual(Array.from(fast), Array.from(ref), words.join(' '));
      }
    }
    // and without a document context
    for (const words of SENTENCES) assert.deepEqual(Array.from(tagger.emissionScores(words)), Array.from(referenceEmissions(tagger, words, undefined)), words.join(' '));
  });

  it('takes a token between two lower-case words (and only such a token) as one whose word scores its shape pairs', () => {
    // the lower-case sentence and the quotation have such tokens: the test above checks their scores
    const between = (words: string[]): boolean[] => {
      const shapes = Uint32Array.from(words, (w) => wordInfo(w).shapeH);
      return words.map((_, i) => betweenLowerWords(shapes, i, words.length));
    };
    assert.deepEqual(between(['police', 'in', 'nairobi', 'said']), [false, true, true, false]);
    // (whatever the token itself is: a name, a comma)
    assert.deepEqual(between(['we', 'met', 'Ruto', 'in', 'the', 'rain', ',', 'then', 'left']), [false, false, true, false, true, false, true, false, false]);
    assert.deepEqual(between(['FLOODS', 'HIT', 'NEW', 'YORK']), [false, false, false, false]);
  });

  it('adds the features in the reference order when sums of weights may round (scales far apart)', () => {
    const L = LABELS.length;
    const hashes = [...new Set(SENTENCES.flatMap((words) => Array.from(sentenceFeatures(words, undefined, undefined).hashes)))];
    const weights = new Float32Array(hashes.length * L);
    // scales from about 2^-63 to 2^11: sums are exact only within 2^36 (NameTagger's constructor)
    for (let f = 0; f < hashes.length; f++) for (let l = 0; l < L; l++) weights[f * L + l] = (((f * 7 + l * 3) % 11) - 5) * [1e-18, 1e-3, 300][f % 3]!;
    const tagger = NameTagger.fromWeights(Uint32Array.from(hashes), weights, undefined);
    for (const words of SENTENCES) assert.deepEqual(Array.from(tagger.emissionScores(words)), Array.from(referenceEmissions(tagger, words, undefined)), words.join(' '));
  });

  it('scores feature by feature the sentences whose cached sums float32 cannot hold (exact in float64 only)', () => {
    const L = LABELS.length;
    const hashes = [...new Set(SENTENCES.flatMap((words) => Array.from(sentenceFeatures(words, undefined, undefined).hashes)))];
    // weights 2^-30 times the others' for one word's own features (its spelling and lower case: no other word's)
    // and for one word's share of its neighbours' features (Espinosa's as the previous word): their sums need 31
    // bits, more than float32 has, but scales 2^30 apart still sum exactly in float64
    const tiny = new Set([...wordInfo('Amman').intrinsic.subarray(1, 3), ...neighbourFeatures(wordInfo('Espinosa'), 0, undefined)]);
    const weights = new Float32Array(hashes.length * L);
    for (let f = 0; f < hashes.length; f++) for (let l = 0; l < L; l++) weights[f * L + l] = (((f * 7 + l * 3) % 11) - 5) * (tiny.has(hashes[f]!) ? 2 ** -30 : 1);
    const tagger = NameTagger.fromWeights(Uint32Array.from(hashes), weights, undefined);
    const inexact = [SENTENCES[0], SENTENCES[4]];
    for (let round = 0; round < 2; round++)
      for (const words of SENTENCES) {
        const scores = tagger.emissionScores(words);
        assert.deepEqual(Array.from(scores), Array.from(referenceEmissions(tagger, words, undefined)), words.join(' '));
        assert.equal(scores.some((x) => Math.fround(x) !== x), inexact.includes(words), words.join(' '));
      }
  });

  it('keeps the reference scores when its per-word store starts afresh (an open-ended vocabulary)', function () {
    this.timeout(20000);
    const tagger = loadNameRecognizer();
    const probe = SENTENCES[0]!;
    assert.deepEqual(Array.from(tagger.emissionScores(probe)), Array.from(referenceEmissions(tagger, probe, undefined)));
    // more distinct words than the store keeps (16,384), so the probe sentence's words are scored again after
    for (let s = 0; s < 1400; s++) tagger.emissionScores(Array.from({ length: 50 }, (_, k) => `Zq${s}x${k}`));
    for (const words of SENTENCES) assert.deepEqual(Array.from(tagger.emissionScores(words)), Array.from(referenceEmissions(tagger, words, undefined)), words.join(' '));
  });

  it('never starts its per-word store afresh in the middle of a sentence (words scored earlier keep their scores)', function () {
    this.timeout(60000);
    const tagger = loadNameRecognizer();
    // known words first (scored long ago, so early in the store), then new ones: whichever sentence takes the store
    // past its limit must still be scored with the known words' own scores
    const known = ['The', 'minister', 'said', 'on', 'Tuesday', 'that', 'Oslo'];
    // several times past the limit, at varying points of a sentence
    for (let s = 0; s < 2400; s++) {
      const words = [...known, ...Array.from({ length: 1 + (s % 40) }, (_, k) => `Wq${s}v${k}`), ...known, '.'];
      assert.deepEqual(Array.from(tagger.emissionScores(words)), Array.from(referenceEmissions(tagger, words, undefined)), `sentence ${s}`);
    }
  });

  it('reads features back from the weights table as the file stores them (sparse and dense rows, repeated and absent hashes)', () => {
    const L = LABELS.length;
    const hashes = Uint32Array.from([5, 5 + 1024, 77, 3000000000, 77, 9, 10, 11, 12]);
    const weights = new Float32Array(hashes.length * L);
    weights[0] = 1.5; // one non-zero weight
    for (let l = 0; l < L; l++) weights[L + l] = l - 8; // all but one non-zero: stored densely
    weights[2 * L + 3] = -0.25;
    weights[3 * L + 16] = 64;
    weights[4 * L + 5] = 2; // a repeated hash: the later row wins
    const odd = (l: number): number => (l % 2 ? -1 : 1) * (l + 1); // non-zero, either sign
    for (let l = 0; l < 11; l++) weights[5 * L + 6 + l] = odd(l); // the most weights stored as pairs
    for (let l = 0; l < 12; l++) weights[6 * L + 5 + l] = odd(l); // one more: stored densely
    // an odd and an even number of pairs (two a turn, then the last), label 0 among them
    for (let l = 0; l < 5; l++) weights[7 * L + l] = odd(l);
    for (let l = 0; l < 6; l++) weights[8 * L + 3 * l] = odd(l);
    const tagger = NameTagger.fromBytes(NameTagger.serialize(hashes, weights, new Gazetteer([])));
    assert.equal(tagger.featureCount, 8);
    assert.deepEqual(Array.from(tagger.featureWeights(9)), Array.from({ length: L }, (_, l) => (l < 6 ? 0 : odd(l - 6))));
    assert.deepEqual(Array.from(tagger.featureWeights(10)), Array.from({ length: L }, (_, l) => (l < 5 ? 0 : odd(l - 5))));
    assert.deepEqual(Array.from(tagger.featureWeights(11)), Array.from({ length: L }, (_, l) => (l < 5 ? odd(l) : 0)));
    assert.deepEqual(Array.from(tagger.featureWeights(12)), Array.from({ length: L }, (_, l) => (l % 3 === 0 ? odd(l / 3) : 0)));
    assert.deepEqual(Array.from(tagger.featureWeights(5)), [1.5, ...new Array(L - 1).fill(0)]);
    assert.deepEqual(Array.from(tagger.featureWeights(5 + 1024)), Array.from({ length: L }, (_, l) => l - 8));
    assert.deepEqual(Array.from(tagger.featureWeights(77)), Array.from({ length: L }, (_, l) => (l === 5 ? 2 : 0)));
    assert.equal(tagger.featureWeights(3000000000)[16], 64);
    assert.deepEqual(Array.from(tagger.featureWeights(6)), new Array(L).fill(0));
  });
});

/** Textbook Viterbi and max-marginals over `allowed`, first best predecessor on ties. */
function referenceDecode(n: number, emission: Float64Array, transitions: (i: number) => Float64Array): { labels: number[]; margins: number[] } {
  const L = LABELS.length;
  const forward = new Float64Array(n * L);
  const back = new Int32Array(n * L);
  for (let i = 0; i < n; i++) {
    const t = transitions(i);
    for (let l = 0; l < L; l++) {
      if (i === 0) {
        forward[l] = allowed(-1, l) ? emission[l]! + t[l]! : -Infinity;
        continue;
      }
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!allowed(p, l)) continue;
        const v = forward[(i - 1) * L + p]! + t[(p + 1) * L + l]!;
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      forward[i * L + l] = best + emission[i * L + l]!;
      back[i * L + l] = arg;
    }
  }
  let last = -1;
  for (let l = 0; l < L; l++) if (allowed(l, 0) && (last < 0 || forward[(n - 1) * L + l]! > forward[(n - 1) * L + last]!)) last = l;
  const labels = new Array<number>(n);
  labels[n - 1] = last;
  for (let i = n - 1; i > 0; i--) labels[i - 1] = back[i * L + labels[i]!]!;
  const backward = new Float64Array(n * L);
  for (let y = 0; y < L; y++) backward[(n - 1) * L + y] = allowed(y, 0) ? 0 : -Infinity;
  for (let i = n - 2; i >= 0; i--) {
    const t = transitions(i + 1);
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      for (let l = 0; l < L; l++) {
        if (!allowed(y, l)) continue;
        const v = t[(y + 1) * L + l]! + emission[(i + 1) * L + l]! + backward[(i + 1) * L + l]!;
        if (v > best) best = v;
      }
      backward[i * L + y] = best;
    }
  }
  const margins = labels.map((chosen, i) => {
    let other = -Infinity;
    for (let y = 0; y < L; y++) if (y !== chosen) other = Math.max(other, forward[i * L + y]! + backward[i * L + y]!);
    return other === -Infinity ? 100 : forward[i * L + chosen]! + backward[i * L + chosen]! - other;
  });
  return { labels, margins };
}

describe('document context', () => {
  it('notes every capitalisation of repeated words, call after call', () => {
    /** The definition, word by word: mid-sentence words of normal-case sentences, not after an opening mark. */
    const reference = (sentences: readonly (readonly string[])[]): Map<string, number> => {
      const out = new Map<string, number>();
      for (const words of sentences) {
        if (caseMode(words) !== CaseMode.Normal) continue;
        const infos = words.map(wordInfo);
        for (let i = 1; i < infos.length; i++) {
          const x = infos[i]!;
          const bit = !x.startsWithLetter || infos[i - 1]!.opening ? 0 : x.cap ? 1 : x.letterCase === 2 ? 2 : 0;
          if (bit) out.set(x.lower, (out.get(x.lower) ?? 0) | bit);
        }
      }
      return out;
    };
    const repeated: string[][] = [
      ['Aid', 'to', 'the', 'Border', 'region', 'rose', '.'],
      ['Officials', 'said', 'the', 'border', 'would', 'reopen', ',', 'the', 'Border', 'Agency', 'said', '.'],
      ['They', 'said', '"', 'Border', 'guards', 'left', '"', 'on', 'Monday', '.'],
    ];
    for (const sentences of [repeated, SENTENCES, [...repeated, ...SENTENCES, ...repeated], repeated]) {
      const doc = documentContext(sentences);
      const expected = reference(sentences);
      for (const word of new Set(sentences.flat())) assert.equal(doc.capitalisation(wordInfo(word)), expected.get(wordInfo(word).lower) ?? 0, word);
    }
  });

  it('answers until the next document context is made', () => {
    const first = documentContext([['Aid', 'to', 'the', 'Border', 'region', 'rose', '.']]);
    assert.equal(first.capitalisation(wordInfo('border')), 1);
    documentContext([['They', 'crossed', 'the', 'border', '.']]);
    assert.throws(() => first.capitalisation(wordInfo('border')));
  });
});

describe('quotation marks', () => {
  it('marks the double quotation marks on their WordInfo, in every spelling the features count as one', () => {
    for (const mark of ['"', '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb', "''", '``']) assert.equal(wordInfo(mark).quoteMark, true, mark);
    for (const other of ["'", '\u2018', '\u2019', '(', 'quote', '""']) assert.equal(wordInfo(other).quoteMark, false, other);
  });
});

describe('gazetteer matching from WordInfo', () => {
  it('matches as from the lower-cased words when the first trie nodes are kept on the words, with two gazetteers in turn', () => {
    const a = new Gazetteer([['new york', 1 << 2], ['york', 1 << 2], ['kenya', 1], ['nairobi', 1 << 2]]);
    const b = new Gazetteer([['new', 1 << 4], ['new york city', 1 << 3], ['south africa', 1]]);
    for (const words of [...SENTENCES, ['In', 'New', 'York', 'City', ',', 'new', 'york', 'kenya']]) {
      const infos = words.map(wordInfo);
      const lower = infos.map((x) => x.lower);
      for (const gaz of [a, b, a, b]) assert.deepEqual(gaz.matchSparse(lower, lower.length, undefined, infos), gaz.matchSparse(lower), words.join(' '));
    }
  });
});

describe('row views', () => {
  it('gives one view per whole row of 17 entries, the same views for the same array, reading and writing it', () => {
    const L = LABELS.length;
    const scores = new Float64Array(3 * L + 5);
    const rows = rowsOf(scores);
    assert.equal(rows.length, 3);
    assert.ok(rows.every((row) => row.length === L));
    assert.equal(rowsOf(scores), rows);
    rows[1]![16] = 7;
    assert.equal(scores[2 * L - 1], 7);
    scores[2 * L] = -3;
    assert.equal(rows[2]![0], -3);
    assert.notEqual(rowsOf(new Float64Array(3 * L)), rows);
  });
});

describe('BILOU decoder', () => {
  it('gives the textbook labels and margins, bit for bit, ties included', () => {
    const L = LABELS.length;
    let seed = 12345;
    const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + (trial % 23);
      // small integers make ties common; fractions make rounding matter
      const value = trial % 2 === 0 ? (): number => Math.floor(random() * 5) - 2 : (): number => (random() - 0.5) * 10.3;
      // (emission scores spread wider than the transitions' let the bounded matrices skip predecessors, and O
      // scored well above the other labels lets both passes take O's row alone, as on most real tokens)
      const spread = trial % 4 === 3 ? 8 : 1;
      const oBonus = trial % 4 === 1 ? 12 : 0;
      const emission = Float64Array.from({ length: n * L }, (_, k) => spread * value() + (k % L === 0 && k % 7 !== 0 ? oBonus : 0));
      const shapes = [0, 1, 2].map(() => Float64Array.from({ length: (L + 1) * L }, value));
      const ref = referenceDecode(n, emission, (i) => shapes[i % 3]!);
      // plain transition matrices, and with the row bounds viterbi prunes with
      for (const matrices of [shapes, shapes.map(boundedTransitions)]) {
        const transitions = (i: number): Float64Array => matrices[i % 3]!;
        const forward = new Float64Array(n * L);
        const labels = viterbi(n, L, emission, transitions, forward);
        const margins = pathMargins(n, L, emission, transitions, forward, labels);
        assert.deepEqual(labels, ref.labels, `trial ${trial}`);
        assert.ok(margins.every((m, i) => Object.is(m, ref.margins[i])), `trial ${trial}: ${margins} vs ${ref.margins}`);
        // margins for the tokens in names only: the same values there, NaN elsewhere
        const named = pathMargins(n, L, emission, transitions, forward, labels, true);
        assert.ok(named.every((m, i) => (labels[i] === 0 ? Number.isNaN(m) : Object.is(m, ref.margins[i]))), `trial ${trial}: ${named} vs ${ref.margins}`);
        // the same written into arrays reused from a longer sentence (as the tagger does), the rest left as it was
        const path = viterbi(n, L, emission, transitions, forward, new Array<number>(n + 3).fill(7));
        const reused = pathMargins(n, L, emission, transitions, forward, path, true, new Array<number>(n + 3).fill(5));
        assert.deepEqual(path, [...labels, 7, 7, 7], `trial ${trial}`);
        assert.ok(reused.every((m, i) => (i < n ? Object.is(m, named[i]) : m === 5)), `trial ${trial}: ${reused} vs ${named}`);
      }
    }
  });
});
