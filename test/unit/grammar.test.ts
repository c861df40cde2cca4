// The news TextMate grammar, run through the same engine VS Code uses (vscode-textmate + Oniguruma), on an
// article we wrote: headline, byline, dateline and quotes get their scopes, and body text that merely looks
// like them does not.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..', '..');

let grammar: textmate.IGrammar;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'text.news') return null;
      const file = path.join(ROOT, 'syntaxes/news.tmLanguage.json');
      return textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  const loaded = await registry.loadGrammar('text.news');
  if (!loaded) throw new Error('the news grammar did not load');
  grammar = loaded;
});

interface ScopedText {
  text: string;
  scopes: string[];
}

/** Tokenises a whole document; one array of tokens per line. */
function tokenize(doc: string): ScopedText[][] {
  let state = textmate.INITIAL;
  return doc.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The text of a line carrying a scope (joined across tokens), e.g. all of a line's quoted words. */
function scoped(line: ScopedText[] | undefined, scopePrefix: string): string {
  return (line ?? []).filter((t) => t.scopes.some((s) => s.startsWith(scopePrefix))).map((t) => t.text).join('');
}

const ARTICLE = [
  'Port Authority Delays Vote on Ferry Fares',
  '',
  'By Amina Yusuf and John F. Harris',
  '',
  'HALIFAX, Nova Scotia (AP) — The port authority on Tuesday delayed a vote on higher ferry fares.',
  '',
  '“We need another month,” board chair Lena Ortiz said. "The numbers are not there yet."',
  '',
  '"Commuters have already paid for two years of delays," said Marc Tremblay, who rides the ferry daily.',
  '',
  '“Every week we wait costs the crossing money,',
  '',
  '“and the board knows it,” Tremblay added.',
  '',
  'By noon, the hearing room was empty.',
  '',
  'NATO officials were not available.',
].join('\n');

describe('news grammar', () => {
  let lines: ScopedText[][];
  before(() => {
    lines = tokenize(ARTICLE);
  });

  it('scopes the first line as the headline', () => {
    assert.equal(scoped(lines[0], 'markup.heading.headline'), 'Port Authority Delays Vote on Ferry Fares');
  });

  it('scopes a byline, middle initial included', () => {
    assert.equal(scoped(lines[2], 'keyword.other.byline'), 'By');
    assert.equal(scoped(lines[2], 'markup.italic.byline'), 'Amina Yusuf and John F. Harris');
  });

  it('splits an AP dateline into city, region, agency and dash', () => {
    const line = lines[4];
    assert.equal(scoped(line, 'markup.bold.dateline.city'), 'HALIFAX');
    assert.equal(scoped(line, 'markup.bold.dateline.detail'), ', Nova Scotia');
    assert.equal(scoped(line, 'support.constant.agency'), '(AP)');
    assert.equal(scoped(line, 'punctuation.separator.dateline'), '—');
    assert.ok(!scoped(line, 'meta.dateline').includes('port authority'), 'the dateline must stop at the dash');
  });

  it('scopes a dateline with a date before the dash', () => {
    const [line] = tokenize('Headline\nPORTSMOUTH, England, March 14, 2024 — The council voted.').slice(1);
    assert.equal(scoped(line, 'markup.bold.dateline.city'), 'PORTSMOUTH');
    assert.equal(scoped(line, 'markup.bold.dateline.detail'), ', England, March 14, 2024');
  });

  it('scopes curly and straight quotes with their marks, and not the attribution', () => {
    const line = lines[6];
    assert.equal(scoped(line, 'string.quoted.double'), '“We need another month,”"The numbers are not there yet."');
    assert.equal(scoped(line, 'punctuation.definition.string.begin'), '“"');
    assert.ok(!scoped(line, 'string').includes('Lena Ortiz'));
    assert.equal(scoped(lines[8], 'string.quoted.double'), '"Commuters have already paid for two years of delays,"');
  });

  it('ends a quote left open at the paragraph break, as running quotes are, and reopens it after', () => {
    assert.equal(scoped(lines[10], 'string.quoted.double'), '“Every week we wait costs the crossing money,');
    assert.equal(scoped(lines[11], 'string'), '');
    assert.equal(scoped(lines[12], 'string.quoted.double'), '“and the board knows it,”');
    assert.ok(!scoped(lines[12], 'string').includes('Tremblay'));
  });

  it('leaves body text that starts like a byline or a dateline alone', () => {
    assert.equal(scoped(lines[14], 'markup.italic.byline'), '');
    assert.equal(scoped(lines[14], 'keyword.other.byline'), '');
    assert.equal(scoped(lines[16], 'meta.dateline'), '');
  });

  it('matches the headline only on the first line', () => {
    const again = tokenize('First line\nSecond line');
    assert.equal(scoped(again[1], 'markup.heading'), '');
  });
});
