// Text structure (analysis/text.ts): the tokenizer's char-code fast path against its pattern, sentence splits,
// lower-case token texts, and the small character tests the rules share.

import * as assert from 'assert';
import * as fc from 'fast-check';
import { ABBREVIATIONS } from '../../src/server/analysis/lexicon';
import {
  blank, buildTextModel, countWordsIn, firstTokenFrom, splitParagraphs, startsWithCapital, startsWithLetterOrDigit, tokenize,
} from '../../src/server/analysis/text';
import type { DocumentFormat } from '../../src/server/analysis/types';
import { wordClasses } from '../../src/server/analysis/wordClasses';

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

  it('reads a spelling seen in earlier documents as in a first one (token forms are shared)', () => {
    for (const text of ['The plan. the Plan, THE PLAN: the plan', 'THE Plan’s plan—the PLAN']) {
      const model = buildTextModel(text);
      assert.deepStrictEqual(model.tokens.map((t) => t.text), model.tokens.map((t) => text.slice(t.start, t.end)));
      assert.deepStrictEqual(model.lower, model.tokens.map((t) => t.text.toLowerCase()));
    }
  });

  it('finds the one shared spelling of each token among more spellings than its recent-spelling cache holds', function () {
    this.timeout(10_000); // (documents of 40,000 and 80,000 words, on a shared machine)
    // 40,000 made-up words (more than the cache's slots, so that slots are shared and spellings evicted), read twice
    const letters = (n: number): string => (n < 26 ? '' : letters(Math.floor(n / 26))) + String.fromCharCode(97 + (n % 26));
    const spellings = Array.from({ length: 40_000 }, (_, i) => (i % 3 ? '' : 'Q') + letters(i * 7919 + 1));
    const text = spellings.join(' ');
    const first = buildTextModel(text);
    const again = buildTextModel(`${text} ${text}`);
    assert.deepStrictEqual(again.tokens.map((t) => t.text), [...spellings, ...spellings]);
    assert.ok(again.forms.every((form, i) => form === first.forms[i % spellings.length]));
    assert.deepStrictEqual(again.lower, again.tokens.map((t) => t.text.toLowerCase()));
  });

  it('reads the word classes of each spelling already worked out, and works out the others', () => {
    const text = 'Officials said the plan was reportedly doubled in 2023, according to twelve reports.';
    const fresh = wordClasses(buildTextModel(`${text} Zyxwvut qrstu.`));
    const model = buildTextModel(`${text} Qrstu zyxwvut.`);
    const n = model.tokens.length;
    assert.ok(model.knownClasses.subarray(0, n - 3).every((c) => c !== 0xffff));
    assert.deepStrictEqual([...model.knownClasses.subarray(n - 3)], [0xffff, 0xffff, fresh[n - 1]]);
    assert.deepStrictEqual([...wordClasses(model)], [...fresh.subarray(0, n - 3), ...model.forms.slice(n - 3).map((f) => f.classes)]);
    assert.ok(model.forms.slice(n - 3, n - 1).every((f) => f.classes >= 0));
  });

  it('tokenizes each paragraph and tiles its tokens with sentences, in documents short and long one after another', function () {
    this.timeout(30_000); // (documents of up to 150,000 characters, on a shared machine)
    const paragraph = 'Mr. Ortiz said the U.S. plan won’t work. “It is over,” she said! Costs rose 3.5% in 2023.';
    // lengths around the tokenizer's reused offset arrays: within them, past them, past what it keeps, and back
    const spans = (list: { start: number; end: number }[]): string => list.map((t) => `${t.start}-${t.end}`).join(' ');
    for (const n of [1, 300, 1400, 1, 40]) {
      const text = Array.from({ length: n }, (_, i) => `${paragraph} Item ${i}.`).join('\n\n');
      const model = buildTextModel(text);
      assert.strictEqual(spans(model.tokens), spans(model.paragraphs.flatMap((p) => tokenize(model.prose, p.start, p.end))));
      // every sentence: the next tokens, at least one, all marked with it
      let next = 0;
      const wrong = model.sentences.findIndex((s, si) => {
        const ok = s.firstToken === next && s.lastToken > next && s.start === model.tokens[next]!.start && s.end === model.tokens[s.lastToken - 1]!.end &&
          model.tokens.slice(s.firstToken, s.lastToken).every((t) => t.sentence === si);
        next = s.lastToken;
        return !ok;
      });
      assert.strictEqual(wrong, -1);
      assert.strictEqual(next, model.tokens.length);
      assert.strictEqual(model.sentences.length, n * 4);
    }
  });

  it('blanks control characters in the prose and reads the words around them as if they were spaces', () => {
    const text = 'Ortiz\u0000said\u0007 the\tplan\u000b\u007fwas\r\nover.';
    const model = buildTextModel(text);
    assert.strictEqual(model.prose, 'Ortiz said  the\tplan  was\r\nover.');
    assert.deepStrictEqual(model.tokens.map((t) => t.text), ['Ortiz', 'said', 'the', 'plan', 'was', 'over', '.']);
    // a shorter document after a longer one ends where it ends (the tokenizer's array of code units is reused)
    buildTextModel('Planning ahead');
    assert.deepStrictEqual(buildTextModel('Plan').tokens.map((t) => t.text), ['Plan']);
  });

  it('starts a sentence after end punctuation at a capital, a digit, an opening quote or bracket, a dash or an inverted mark', () => {
    const sentences = (first: string): number => buildTextModel(`Ortiz left. ${first}x went.`).sentences.length;
    for (const first of ['A', 'Z', '0', '9', '"', "'", '(', '[', '-', '“', '‘', '«', '¿', '¡', '—', '–', 'É', 'Ω', '😀']) assert.strictEqual(sentences(first), 2, first);
    for (const first of ['a', 'z', '#', '*', '$', '/', 'é', 'ω', '日', '”']) assert.strictEqual(sentences(first), 1, first);
  });

  it('counts body words, not possessives or punctuation', () => {
    assert.strictEqual(buildTextModel('Ortiz’s plan, she said, will cost €4 million.').wordCount, 8);
    assert.strictEqual(buildTextModel('Budget Plan Unveiled\n\nOrtiz’s plan, she said, will cost €4 million.').wordCount, 8);
  });
});

/** Paragraph spans as first specified: lines read with a pattern, trimmed with trim() (roles left out). */
function referenceSpans(text: string, prose: string, format: DocumentFormat): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const hasBlankLine = /\n[ \t\r\u00a0]*\n/.test(prose);
  const lineRe = /[^\n]*(\n|$)/g;
  let cur: { start: number; end: number } | null = null;
  let m: RegExpExecArray | null;
  while ((m = lineRe.exec(prose)) && m[0].length > 0) {
    const lineStart = m.index;
    const raw = m[0].replace(/\r?\n$/, '');
    const isHeading = format === 'markdown' && /^[ \t]{0,3}#{1,6}[ \t]/.test(text.slice(lineStart, lineStart + raw.length));
    if (raw.trim().length === 0) {
      if (cur) spans.push(cur);
      cur = null;
    } else {
      const trimStart = lineStart + (raw.length - raw.trimStart().length);
      const trimEnd = lineStart + raw.trimEnd().length;
      if (!hasBlankLine || isHeading) {
        if (cur) spans.push(cur);
        spans.push({ start: trimStart, end: trimEnd });
        cur = null;
      } else if (cur) cur.end = trimEnd;
      else cur = { start: trimStart, end: trimEnd };
    }
    if (m[1] === '') break;
  }
  if (cur) spans.push(cur);
  return spans;
}

describe('text: paragraphs', () => {
  it('splits lines and blank lines as the line pattern does, CRLF and odd white space included', () => {
    const piece = fc.constantFrom('a', 'Word', '# ', '## Head', ' ', '\t', '\u00a0', '\u2003', '\n', '\r', '\r\n', '\n\n', '.');
    fc.assert(fc.property(fc.array(piece, { maxLength: 25 }), fc.constantFrom<DocumentFormat>('plaintext', 'markdown'), (parts, format) => {
      const text = parts.join('');
      const spans = splitParagraphs(text, text, format).map((p) => ({ start: p.start, end: p.end }));
      assert.deepStrictEqual(spans, referenceSpans(text, text, format));
    }), { numRuns: 3000 });
  });

  it('gives header roles by the number of white-space-separated chunks, punctuation and odd white space included', () => {
    const roles = (text: string): string[] => splitParagraphs(text, text, 'plaintext').map((p) => p.role);
    // n chunks, every fifth a dash, between spaces, no-break spaces and tabs
    const words = (n: number): string => Array.from({ length: n }, (_, i) => (i % 5 === 4 ? '—' : `w${i}`)).join(' \u00a0\t');
    const body = 'Ortiz said the plan was over.';
    assert.deepStrictEqual(roles(`${words(25)}\n\n${body}`), ['headline', 'body']);
    assert.deepStrictEqual(roles(`${words(26)}\n\n${body}`), ['body', 'body']);
    assert.deepStrictEqual(roles(`By Ana ${words(10)}\n\n${body}`), ['byline', 'body']);
    assert.deepStrictEqual(roles(`Headline\n\nBy Ana ${words(11)}\n\n${body}`), ['headline', 'body', 'body']);
    assert.deepStrictEqual(roles(`Headline\n\nPublished ${words(9)}\n\n${body}`), ['headline', 'dateline', 'body']);
    assert.deepStrictEqual(roles(`Headline\n\nPublished ${words(10)}\n\n${body}`), ['headline', 'body', 'body']);
  });
});

describe('text: offsets to tokens', () => {
  it('finds the first token starting at or after an offset', () => {
    const model = buildTextModel('He said:  “No.”');
    const starts = model.tokens.map((t) => t.start);
    for (let offset = -1; offset <= model.text.length + 1; offset++) {
      const expected = starts.findIndex((s) => s >= offset);
      assert.strictEqual(firstTokenFrom(model, offset), expected < 0 ? starts.length : expected, String(offset));
    }
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
