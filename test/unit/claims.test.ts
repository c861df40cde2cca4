// The unattributed-claim rules on paragraphs we wrote (test/fixtures/claims/*.md, format in its README), plus
// the quick-fix data and ignore comments the LSP features rely on. The engine runs without the trained name model
// here, so the rules are held to work from capitalisation alone; the accuracy gate runs the full analyzeText.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { analyze, type EngineOptions } from '../../src/server/analysis/article';
import { loadNameRecognizer } from '../../src/server/model/load';
import type { Article, Entity, Finding } from '../../src/server/analysis/types';
import { findAgentless, lowerSameLength, nameTokens } from '../../src/server/analysis/claims/attribution';
import { ClaimText, findQuotedSpans } from '../../src/server/analysis/claims/quoted';
import { DocumentWords } from '../../src/server/analysis/claims/words';
import { CAUSAL_CUES } from '../../src/server/analysis/lexicon';
import {
  ACCUSATION_OR_EVALUATION, AGENTLESS_IT, AGENTLESS_KEY, AGENTLESS_VERB, ATTRIBUTION_LEAD, CAUSAL_KEY, DIGIT, MULTIPLIER, OTHER_CUE, REPORTING_CUE,
  SPELLED_NUMBER, WORD, wordClasses,
} from '../../src/server/analysis/wordClasses';
import { buildTextModel, startsWithLetterOrDigit } from '../../src/server/analysis/text';

const analyzeText = (text: string, options: EngineOptions = {}): Article => analyze(text, options);

/** The full engine as hosts run it (with the trained name model), when the model file is there. */
function fullEngine(): ((text: string, options?: EngineOptions) => Article) | undefined {
  try {
    const recognizer = loadNameRecognizer();
    return (text, options = {}) => analyze(text, { ...options, recognizer });
  } catch {
    return undefined;
  }
}

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/claims');

interface Expectation {
  kind: 'has' | 'message' | 'no' | 'none';
  code?: string;
  severity?: string;
  snippet?: string;
}

interface Case {
  file: string;
  title: string;
  text: string;
  format: 'plaintext' | 'markdown';
  genre?: 'opinion';
  expectations: Expectation[];
}

function parseFixtures(file: string): Case[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const cases: Case[] = [];
  let title = '';
  let body: string[] = [];
  let current: Case | null = null;
  const flush = (): void => {
    if (current) cases.push(current);
    current = null;
    body = [];
    title = '';
  };
  for (const line of lines) {
    const exp = /^=>\s*(.*)$/.exec(line);
    if (exp) {
      if (!current) current = { file: path.basename(file), title, text: body.join('\n').replace(/^\n+|\n+$/g, ''), format: 'plaintext', expectations: [] };
      const e = exp[1]!.trim();
      let m: RegExpExecArray | null;
      if (e === 'none') current.expectations.push({ kind: 'none' });
      else if ((m = /^format (markdown|plaintext)$/.exec(e))) current.format = m[1] as Case['format'];
      else if (e === 'genre opinion') current.genre = 'opinion';
      else if ((m = /^no (ATTR\d{3})$/.exec(e))) current.expectations.push({ kind: 'no', code: m[1] });
      else if ((m = /^message (ATTR\d{3}) "(.*)"$/.exec(e))) current.expectations.push({ kind: 'message', code: m[1], snippet: m[2] });
      else if ((m = /^(ATTR\d{3})(?: (error|warning|information|hint))?(?: "(.*)")?$/.exec(e))) current.expectations.push({ kind: 'has', code: m[1], severity: m[2], snippet: m[3] });
      else throw new Error(`${file}: cannot read expectation "${line}"`);
      continue;
    }
    if (current) flush();
    if (/^# /.test(line) && body.every((l) => !l.trim())) {
      title = line.slice(2).trim();
      continue;
    }
    body.push(line);
  }
  flush();
  return cases;
}

const describeFinding = (text: string, f: Finding): string => `${f.code} ${f.severity} "${text.slice(f.start, f.end)}" — ${f.message}`;

const files = fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.md') && f !== 'README.md').sort() : [];
const allCases = files.flatMap((f) => parseFixtures(path.join(FIXTURES, f)));

describe('claims: fixture paragraphs', () => {
  it('has at least 120 fixture paragraphs covering every code', () => {
    const paragraphs = allCases.reduce((n, c) => n + c.text.split(/\n\s*\n/).filter((p) => p.trim() && !/^<!--|^---|^```/.test(p.trim())).length, 0);
    assert.ok(paragraphs >= 120, `only ${paragraphs} fixture paragraphs`);
    for (let i = 1; i <= 9; i++) {
      const code = `ATTR00${i}`;
      assert.ok(allCases.some((c) => c.expectations.some((e) => e.kind === 'has' && e.code === code)), `${code} never expected to fire`);
      assert.ok(allCases.some((c) => c.expectations.some((e) => (e.kind === 'no' && e.code === code) || e.kind === 'none') && c.file.startsWith(code)), `${code} never expected to stay quiet`);
    }
  });

  const engines: [string, ((text: string, options?: EngineOptions) => Article) | undefined][] = [
    ['without names', analyzeText],
    ['with the name model', fullEngine()],
  ];
  for (const [engineName, engine] of engines) {
    for (const c of allCases) {
      it(`${engineName} · ${c.file}: ${c.title || c.text.slice(0, 60)}`, function () {
        if (!engine) {
          console.warn(`    *** name model not loadable: "${c.title}" not run with names ***`);
          this.skip();
        }
        checkCase(c, engine!(c.text, { format: c.format, ...(c.genre ? { genre: c.genre } : {}) }));
      });
    }
  }
});

function checkCase(c: Case, article: Article): void {
  const found = article.diagnostics;
  const shown = found.map((f) => describeFinding(c.text, f)).join('\n    ') || '(none)';
  for (const e of c.expectations) {
    if (e.kind === 'none') assert.strictEqual(found.length, 0, `expected no findings, got:\n    ${shown}`);
    else if (e.kind === 'no') assert.ok(!found.some((f) => f.code === e.code), `expected no ${e.code}, got:\n    ${shown}`);
    else if (e.kind === 'message') assert.ok(found.some((f) => f.code === e.code && f.message.includes(e.snippet!)), `expected a ${e.code} message with "${e.snippet}", got:\n    ${shown}`);
    else
      assert.ok(
        found.some((f) => f.code === e.code && (!e.severity || f.severity === e.severity) && (!e.snippet || c.text.slice(f.start, f.end).includes(e.snippet))),
        `expected ${e.code}${e.severity ? ' ' + e.severity : ''}${e.snippet ? ` on "${e.snippet}"` : ''}, got:\n    ${shown}`,
      );
  }
}

describe('claims: data for quick fixes and ignores', () => {
  it('ATTR008 offers "said" in place of the loaded verb', () => {
    const text = 'The CEO claimed the layoffs were unrelated to the merger.';
    const f = analyzeText(text).diagnostics.find((d) => d.code === 'ATTR008');
    assert.ok(f, 'no ATTR008');
    assert.strictEqual(f.data?.['fix'], 'replace');
    assert.strictEqual(f.data?.['replacement'], 'said');
    const edit = f.data?.['edit'] as { start: number; end: number; newText: string };
    assert.strictEqual(text.slice(0, edit.start) + edit.newText + text.slice(edit.end), 'The CEO said the layoffs were unrelated to the merger.');
  });

  it('ATTR004 inserts an attribution placeholder before the full stop', () => {
    const text = 'The program costs taxpayers $2.3 billion a year.';
    const f = analyzeText(text).diagnostics.find((d) => d.code === 'ATTR004');
    assert.ok(f, 'no ATTR004');
    assert.strictEqual(f.data?.['fix'], 'insertAttribution');
    const edit = f.data?.['edit'] as { start: number; end: number; newText: string };
    assert.strictEqual(text.slice(0, edit.start) + edit.newText + text.slice(edit.end), 'The program costs taxpayers $2.3 billion a year, according to [source].');
    assert.strictEqual(f.data?.['offset'], edit.start);
  });

  it('ATTR004 puts the placeholder before end punctuation with closing marks, or at the end of a sentence without any', () => {
    for (const [text, fixed] of [
      ['(The program costs taxpayers $2.3 billion a year.)  ', '(The program costs taxpayers $2.3 billion a year, according to [source].)  '],
      ['The council met on Monday.\n\nThe program costs taxpayers $2.3 billion a year', 'The council met on Monday.\n\nThe program costs taxpayers $2.3 billion a year, according to [source]'],
    ]) {
      const f = analyzeText(text!).diagnostics.find((d) => d.code === 'ATTR004');
      assert.ok(f, `no ATTR004 in ${text}`);
      const edit = f.data?.['edit'] as { start: number; end: number; newText: string };
      assert.strictEqual(text!.slice(0, edit.start) + edit.newText + text!.slice(edit.end), fixed);
    }
  });

  it('ATTR001 turns the closing full stop into a comma and adds a speaker placeholder', () => {
    const text = 'The meeting ended late.\n\n"We will not be raising taxes on working families this year."';
    const f = analyzeText(text).diagnostics.find((d) => d.code === 'ATTR001');
    assert.ok(f, 'no ATTR001');
    const edit = f.data?.['edit'] as { start: number; end: number; newText: string };
    assert.strictEqual(text.slice(0, edit.start) + edit.newText + text.slice(edit.end), 'The meeting ended late.\n\n"We will not be raising taxes on working families this year," [source] said.');
  });

  it('every finding carries its sentence and paragraph start for the ignore commands', () => {
    const text = 'The council met on Monday.\n\nCritics say the plan will push rents higher.';
    const f = analyzeText(text).diagnostics.find((d) => d.code === 'ATTR002');
    assert.ok(f, 'no ATTR002');
    assert.strictEqual(f.data?.['sentence'], 'Critics say the plan will push rents higher.');
    assert.strictEqual(f.data?.['paragraphStart'], text.indexOf('Critics'));
  });

  it('ATTR001 points at the attribution it found too far away', () => {
    const text = 'Harbor Commissioner Luis Ferreira said the contract would be rebid.\n\nThe meeting ran late.\n\nThe vote was put off.\n\n"We owe it to taxpayers to get a second look at these numbers."';
    const f = analyzeText(text).diagnostics.find((d) => d.code === 'ATTR001');
    assert.ok(f, 'no ATTR001');
    assert.strictEqual(text.slice(f.related![0]!.start, f.related![0]!.end), 'said');
  });

  it('findings come in document order with offsets inside the text', () => {
    const text = 'Critics say the plan will push rents higher. The program costs taxpayers $2.3 billion a year.\n\nThe mayor lied about the contract.';
    const found = analyzeText(text).diagnostics;
    assert.ok(found.length >= 2);
    for (let i = 1; i < found.length; i++) assert.ok(found[i - 1]!.start <= found[i]!.start);
    for (const f of found) assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end);
  });
});

describe('claims: related information', () => {
  it('ATTR004 names the attribution in the previous paragraph that does not reach the figure', () => {
    const text = 'Mayor Ellen Park said the harbor needed work.\n\nThe harbor has lost 30 percent of its cargo traffic since 2015.';
    const f = analyze(text).diagnostics.find((d) => d.code === 'ATTR004');
    assert.ok(f, 'no ATTR004');
    assert.strictEqual(text.slice(f.related![0]!.start, f.related![0]!.end), 'said');
    assert.match(f.related![0]!.message, /previous paragraph/);
  });
});

describe('claims: word classes', () => {
  it('gives each token its lexicon classes once per document', () => {
    const model = buildTextModel('Twelve critics said the mayor lied, and Ortiz pointed out the gap.');
    const classes = wordClasses(model);
    const of = (word: string): number => classes[model.tokens.findIndex((t) => t.text === word)]!;
    assert.strictEqual(of('Twelve'), SPELLED_NUMBER | WORD);
    assert.ok(of('said') & REPORTING_CUE);
    assert.ok(of('lied') & ACCUSATION_OR_EVALUATION);
    assert.ok(of('pointed') & OTHER_CUE);
    assert.strictEqual(wordClasses(buildTextModel('According to the report'))[0], ATTRIBUTION_LEAD | WORD);
    for (const word of ['critics', 'the', 'mayor', 'Ortiz', 'gap']) assert.strictEqual(of(word), WORD, word);
    for (const word of [',', '.']) assert.strictEqual(of(word), 0, word);
    assert.strictEqual(wordClasses(model), classes);
  });

  it('tells words from punctuation as startsWithLetterOrDigit does, in any script', () => {
    const model = buildTextModel('“Ünal’s 3 a.m. call—¿Qué? 日本 (…) 😀 ’s” — $5');
    const classes = wordClasses(model);
    model.tokens.forEach((t, k) => assert.strictEqual((classes[k]! & WORD) !== 0, startsWithLetterOrDigit(t.text), t.text));
  });
});

describe('claims: the words of a sentence', () => {
  const text = 'Ortiz said “the plan will fail badly” on Monday. (Critics agreed.) Twelve more “fair” votes came in.';
  const model = buildTextModel(text);
  const spans = findQuotedSpans(model);
  // a name flag on "Ortiz" alone, as the entity engine would give it
  const inName = new Uint8Array(model.tokens.length);
  inName[0] = 1;
  const doc = new DocumentWords(model, spans, inName, wordClasses(model), new Int32Array(model.tokens.length));
  const sentences = model.sentences.map((_, i) => doc.sentence(i));
  const texts = (i: number): (string | undefined)[] => Array.from({ length: sentences[i]!.length }, (_, k) => sentences[i]!.text(k));

  it('collapses each quoted stretch into one word spanning it', () => {
    const words = sentences[0]!;
    assert.deepStrictEqual(texts(0), ['Ortiz', 'said', '"', 'on', 'Monday', '.']);
    assert.strictEqual(words.quote(2), spans[0]);
    assert.ok(words.isQuote(2) && !words.isQuote(1));
    assert.strictEqual(text.slice(words.start(2), words.end(2)), '“the plan will fail badly”');
    assert.strictEqual(words.lower(4), 'monday');
    assert.strictEqual(words.classes(2), 0);
    assert.ok(words.classes(1) & REPORTING_CUE);
    assert.strictEqual(words.union & (REPORTING_CUE | WORD), REPORTING_CUE | WORD);
  });

  it('keeps each sentence to its own words, however many came before', () => {
    assert.deepStrictEqual(texts(1), ['(', 'Critics', 'agreed', '.', ')']);
    assert.deepStrictEqual(texts(2), ['Twelve', 'more', '"', 'votes', 'came', 'in', '.']);
    assert.strictEqual(text.slice(sentences[2]!.start(0), sentences[2]!.end(0)), 'Twelve');
  });

  it('reads the same words of a sentence whichever sentences were read before it', () => {
    const reversed = new DocumentWords(model, spans, inName, wordClasses(model), new Int32Array(model.tokens.length));
    for (let i = model.sentences.length - 1; i >= 0; i--) {
      const words = reversed.sentence(i);
      assert.deepStrictEqual(Array.from({ length: words.length }, (_, k) => words.text(k)), texts(i));
      assert.deepStrictEqual(Array.from({ length: words.length }, (_, k) => words.quote(k)), Array.from({ length: words.length }, (_, k) => sentences[i]!.quote(k)));
    }
  });

  it('flags the tokens of names, found from the mention\'s sentence or, when it names none, from all tokens', () => {
    const entity = (start: number, end: number, sentence?: number): Entity => ({ id: 'x', type: 'PERSON', name: 'x', descriptors: [], mentions: [{ start, end, text: text.slice(start, end), sentence }] });
    const critics = text.indexOf('Critics');
    const flags = (entities: Entity[]): number[] => Array.from(nameTokens(entities, model, new Uint8Array(model.tokens.length).fill(9)));
    const expected = model.tokens.map((t) => (t.start === 0 || t.start === critics ? 1 : 0));
    assert.deepEqual(flags([entity(0, 5, 0), entity(critics, critics + 7, 1)]), expected);
    assert.deepEqual(flags([entity(0, 5), entity(critics, critics + 7)]), expected);
  });

  it('marks names and sentence-initial words (after an opening bracket too)', () => {
    assert.ok(sentences[0]!.name(0) && !sentences[0]!.name(1) && !sentences[0]!.name(2));
    assert.ok(sentences[0]!.initial(0) && !sentences[0]!.initial(1));
    assert.ok(sentences[1]!.initial(0) && sentences[1]!.initial(1) && !sentences[1]!.initial(2));
  });

  it('gets quoted spans in document order that never overlap (a sentence finds the tokens inside each from its ends)', () => {
    const piece = fc.constantFrom('"', '“', '”', '‘', '’', "'", "''", '«', '»', 'she said', 'it’s', 'no', ',', '.', ' ', '\n\n', '(', '—', 'A');
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const spans = findQuotedSpans(buildTextModel(pieces.join('')));
      for (let k = 1; k < spans.length; k++) assert.ok(spans[k - 1]!.close <= spans[k]!.open, JSON.stringify(pieces));
    }), { numRuns: 3000 });
  });

  it('makes the claim text of any stretch: the prose with the content of every quoted span blanked', () => {
    const piece = fc.constantFrom('"', '“', '”', '‘', '’', "''", '«', '»', 'she said', 'it’s', 'no', ',', '.', ' ', '\n\n', '\n', '(', '—', 'A', 'İ', 'Σ');
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), fc.nat(), (pieces, a, b) => {
      const model = buildTextModel(pieces.join(''));
      const { prose } = model;
      const spans = findQuotedSpans(model);
      // the claim text made whole, character by character
      let whole = '';
      for (let k = 0; k < prose.length; k++) whole += spans.some((s) => s.contentStart <= k && k < s.contentEnd) && prose[k] !== '\n' ? ' ' : prose[k];
      const start = a % (prose.length + 1);
      const end = start + (b % (prose.length - start + 1));
      const claim = new ClaimText(prose, spans);
      assert.strictEqual(claim.slice(start, end), whole.slice(start, end), JSON.stringify(pieces));
      assert.strictEqual(claim.lower(start, end), lowerSameLength(whole).slice(start, end), JSON.stringify(pieces));
    }), { numRuns: 3000 });
  });

  it('answers for a word outside the sentence as reading past the end of an array does', () => {
    const words = sentences[0]!;
    for (const i of [-1, words.length]) {
      assert.strictEqual(words.text(i), undefined);
      assert.strictEqual(words.lower(i), undefined);
      assert.strictEqual(words.quote(i), undefined);
      assert.ok(!words.has(i) && !words.isQuote(i) && !words.initial(i) && !words.name(i));
      assert.strictEqual(words.classes(i), 0);
    }
    assert.strictEqual(doc.none.length, 0);
  });
});

describe('claims: quick key scans before the full patterns', () => {
  it('lets every kind of agentless phrase through to the full patterns', () => {
    const phrases = [
      'It is widely believed', "it 's said", 'it has been reported', 'is generally regarded', 'were broadly seen', 'are popularly thought',
      'widely documented', 'reportedly', 'Allegedly', 'studies show', 'Research suggests', 'reports indicate', 'surveys have found',
      'experiments confirm', 'there have been reports', 'there were unconfirmed reports', 'according to media reports',
    ];
    for (const phrase of phrases) {
      const text = `${phrase} that the bridge was unsafe.`;
      assert.ok(findAgentless(text).length > 0, phrase);
    }
  });

  it('gives some word of every agentless, causal or statistic pattern match the class its sentence is let through by', () => {
    const causal = new RegExp(`\\b(?:${CAUSAL_CUES.join('|')})\\b`);
    const piece = fc.constantFrom(
      'it', 'It', 'IT', 'is', 'was', "'s", 'has', 'been', 'widely', 'Generally', 'believed', 'said', 'reportedly', 'allegedly', 'studies',
      'Research', 'show', 'there', 'were', 'reports', 'according', 'to', 'media', 'led', 'LED', 'caused', 'because', 'of', 'fueled',
      'x-led', 'é', 'hate-fueled', 'called', 'doubled', 'Millions', '12', '3.5%', '1st', 'the', 'plan', '.', ',', '-', '(', '’s',
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 14 }), fc.array(fc.constantFrom(' ', '', '  '), { minLength: 14, maxLength: 14 }), (words, gaps) => {
      const text = words.map((w, i) => w + gaps[i]!).join('') + '.';
      const model = buildTextModel(text);
      const classes = wordClasses(model);
      for (const s of model.sentences) {
        let union = 0;
        for (let k = s.firstToken; k < s.lastToken; k++) union |= classes[k]!;
        const lower = lowerSameLength(text).slice(s.start, s.end);
        const sentence = text.slice(s.start, s.end);
        if (findAgentless(text.slice(s.start, s.end), s.start, lower).length) assert.ok(union & AGENTLESS_KEY || (union & AGENTLESS_IT && union & AGENTLESS_VERB), sentence);
        if (causal.test(lower)) assert.ok(union & CAUSAL_KEY, sentence);
        if (/\d/.test(sentence)) assert.ok(union & DIGIT, sentence);
        if (/thousands|illions|doubled|halved|tripled|trebled|quadrupled/i.test(sentence)) assert.ok(union & MULTIPLIER, sentence);
      }
    }), { numRuns: 2000 });
  });

  it("lets through an agentless phrase whose 's follows a space (two tokens, \"'\" and \"s\")", () => {
    // a counterexample the property above once found (fast-check seed -1875353517)
    const text = "it 's believed .";
    const model = buildTextModel(text);
    const classes = wordClasses(model);
    let union = 0;
    for (let k = 0; k < model.tokens.length; k++) union |= classes[k]!;
    assert.ok(findAgentless(text).length > 0);
    assert.ok(union & AGENTLESS_IT && union & AGENTLESS_VERB);
  });

  it('reads a sentence in lower case as the same stretch of the whole text lowered', () => {
    const piece = fc.constantFrom('A', 'b', 'Ş', 'İ', 'Σ', 'ΑΣ', 'σ', ' ', '“', 'É', 'ß', '😀', '𐐀', '.');
    fc.assert(fc.property(fc.array(piece, { maxLength: 20 }), fc.nat(), fc.nat(), (parts, a, b) => {
      const text = parts.join('');
      const start = a % (text.length + 1);
      const end = start + (b % (text.length - start + 1));
      // (stretches that split a surrogate pair are never asked for: sentences start and end with tokens)
      const splits = (k: number): boolean => /[\uDC00-\uDFFF]/.test(text[k] ?? '');
      fc.pre(!splits(start) && !splits(end));
      assert.strictEqual(new ClaimText(text, []).lower(start, end), lowerSameLength(text).slice(start, end));
    }), { numRuns: 3000 });
  });

  it('lets figures with no digit through to the caseless statistics patterns', () => {
    for (const text of ['Complaints to the agency DOUBLED last year.', 'Millions of dollars vanished from the harbor fund.']) {
      assert.ok(analyzeText(text).diagnostics.some((d) => d.code === 'ATTR004'), text);
    }
  });
});

describe('claims: any text', () => {
  const pieces = ['"', '“', '”', "''", '‘', '’', ' said ', ' Critics say ', ' $2.3 billion ', ' 40 percent ', ' led to ', ' lied ', '. ', ',', ':', '\n\n', '\r\n', ' Mr. ', ' Smith ', ' officials ', ' reportedly ', 'It is widely believed ', '<!-- byline-ignore ATTR004 -->\n', '<!-- byline-disable -->', '😀', '—', '(', ')', ' the ', ' claimed ', ' a source close to the family ', '#', '*'];

  it('never throws and keeps every finding inside the text, in plain text and Markdown', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 60 }), fc.constantFrom('plaintext' as const, 'markdown' as const), (parts, format) => {
        const text = parts.join('');
        for (const f of analyze(text, { format }).diagnostics) {
          assert.ok(f.start >= 0 && f.start < f.end && f.end <= text.length, `${f.code} at ${f.start}-${f.end} in ${JSON.stringify(text)}`);
          for (const r of f.related ?? []) assert.ok(r.start >= 0 && r.end <= text.length);
          const edit = f.data?.['edit'] as { start: number; end: number } | undefined;
          if (edit) assert.ok(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length);
        }
      }),
      { numRuns: 400, seed: 5 },
    );
  });
});

describe('claims: a paragraph introduced by a colon', () => {
  const flagged = (end: string): boolean =>
    analyzeText(`Officials met on Monday and talked.\n\nThe numbers were grim${end}\n\nUnemployment in the county rose 12 percent last year.`).diagnostics.some((d) => d.code === 'ATTR004');

  it('attributes the claims of a paragraph after one that ends in a colon, with spaces after it or not', () => {
    for (const end of [':', ':  ', ':\u00a0', ' :\t']) assert.ok(!flagged(end), JSON.stringify(end));
    assert.ok(flagged('.'));
    assert.ok(flagged(': so.'));
  });
});
