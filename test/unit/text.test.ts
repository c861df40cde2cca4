// Text structure (analysis/text.ts): the tokenizer's char-code fast path against its pattern, sentence splits,
// lower-case token texts, and the small character tests the rules share.

import * as assert from 'assert';
import * as fc from 'fast-check';
import { ABBREVIATIONS } from '../../src/server/analysis/lexicon';
import {
  blank, buildTextModel, countWords, countWordsIn, startsWithCapital, startsWithLetterOrDigit, tokenize,
} from '../../src/server/analysis/text';

/** The tokenizer as specified: the token pattern, a kept abbreviation period, split-off clitics. */
function reference(prose: string): string[] {
  const re = /(?:[A-Za-z]\.){2,}(?![A-Za-z])|[$€£¥]?\d+(?:[.,:]\d+)*(?:%|st|nd|rd|th|s)?|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+|[-‐‑.&][\p{L}\p{M}\p{N}]+)*|[\uD800-\uDBFF][\uDC00-\uDFFF]|\S/gu;
  const out: string[] = [];
  for (let m = re.exec(prose); m; m = re.exec(prose)) {
    let w = m[0];
    if (prose[m.index + w.length] === '.' && /^[A-Za-z]+$/.test(w) && (ABBREVIATIONS.has(w.toLowerCase()) || /^[A-Z]$/.test(w))) {
      w += '.';
      re.lastIndex++;
    }
    const clitic = /^(.+?)(['’][sS]|n['’]t)$/.exec(w);
    if (clitic && !/^(?:o|d|l)$/i.test(clitic[1]!)) out.push(clitic[1]!, clitic[2]!);
    else out.push(w);
  }
  return out;
}

const words = (prose: string): string[] => tokenize(prose, 0, prose.length).map((t) => prose.slice(t.start, t.end));

describe('text: tokens', () => {
  it('splits words, numbers, abbreviations and clitics', () => {
    assert.deepStrictEqual(words("Mr. Ortiz's U.S.-led plan won't cost $1,200.50 (3.5%)."), ['Mr.', 'Ortiz', "'s", 'U.S.', '-', 'led', 'plan', 'wo', "n't", 'cost', '$1,200.50', '(', '3.5%', ')', '.']);
    assert.deepStrictEqual(words('the 21st of May, 1990s rock’n’roll D’s e.g. J. Smith'), ['the', '21st', 'of', 'May', ',', '1990s', 'rock’n’roll', 'D’s', 'e.g.', 'J.', 'Smith']);
  });

  it('reads non-ASCII words whole', () => {
    assert.deepStrictEqual(words('Zürich’s São Paulo naïve—€40 日本 😀!'), ['Zürich', '’s', 'São', 'Paulo', 'naïve', '—', '€40', '日本', '😀', '!']);
  });

  it('matches the token pattern on any text', () => {
    const piece = fc.constantFrom('a', 'Z', 'v', 'J', 'Mr', 'U.S.', '0', '9', "'", '’', '.', '-', '‐', '&', '$', '€', '%', 's', 'st', 'n', 't', "n't", ' ', '\n', '\u00a0', 'é', '\u0301', '😀', '\uD83D', ',', ':', '_', '(');
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
      const prose = parts.join('');
      assert.deepStrictEqual(words(prose), reference(prose));
    }), { numRuns: 3000 });
  });

  it('keeps each token lower-cased alongside it', () => {
    const model = buildTextModel('Ortiz SAID the Plan’s cost was “Ünclear”.');
    assert.deepStrictEqual(model.lower, model.tokens.map((t) => t.text.toLowerCase()));
  });

  it('counts body words, not possessives or punctuation', () => {
    assert.strictEqual(countWords(buildTextModel('Ortiz’s plan, she said, will cost €4 million.')), 8);
  });
});

describe('text: character tests', () => {
  it('starts with a capital or a letter or digit, in any script', () => {
    assert.deepStrictEqual(['Ortiz', 'ortiz', 'Élan', 'élan', '"Ortiz', '', '𝐀'].map(startsWithCapital), [true, false, true, false, false, false, true]);
    assert.deepStrictEqual(['a', '4', 'é', '日', '"', '', '—'].map(startsWithLetterOrDigit), [true, true, true, true, false, false, false]);
  });

  it('counts words between offsets as whitespace-separated chunks with a letter or digit', () => {
    const text = '  He said — “déjà vu”, 42 … times\n';
    assert.strictEqual(countWordsIn(text, 0, text.length), 6);
    assert.strictEqual(countWordsIn(text, 2, 9), 2);
    assert.strictEqual(countWordsIn(text, 5, 5), 0);
  });

  it('blanks everything but line breaks', () => {
    assert.strictEqual(blank('ab\ncd'), '  \n  ');
    assert.strictEqual(blank('abc'), '   ');
  });
});
