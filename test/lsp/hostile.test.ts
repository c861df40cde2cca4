// Hostile documents over LSP (issue 8): whatever a journalist opens, diagnostics arrive, every request answers,
// and every range the server returns lies inside the document. Positions are UTF-16, as LSP requires.

import * as assert from 'assert';
import type { CodeAction, Diagnostic, DocumentSymbol, Hover, Location, SemanticTokens } from 'vscode-languageserver-protocol/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { QUOTES_METHOD, SEMANTIC_TOKENS_LEGEND, SIZE_NOTICE_CODE, STATUS_METHOD, type ArticleStatus, type QuotesResult } from '../../src/protocol';
import { analyzeText } from '../../src/server/engine';
import { assertRangeInside, checkTokensAgainst, decodeTokens, TestClient } from './client';
import { TERMINAL_STORY } from './fixtures';

/** Deterministic bytes (a linear congruential generator) so a failure reproduces. */
function pseudoRandomBytes(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

const PARAGRAPH = 'Mayor Lena Ortiz said the city would "review every contract," according to a statement on Monday. ';

const HOSTILE: { name: string; text: string }[] = [
  { name: 'empty', text: '' },
  { name: 'one newline', text: '\n' },
  { name: 'binary bytes decoded as UTF-8', text: pseudoRandomBytes(20_000).toString('utf8') },
  { name: 'binary bytes decoded as Latin-1', text: pseudoRandomBytes(20_000, 11).toString('latin1') },
  { name: '2 MB on a single line', text: PARAGRAPH.repeat(Math.ceil(2_000_000 / PARAGRAPH.length)) },
  { name: '100 KB on a single line (under the size limit)', text: PARAGRAPH.repeat(Math.ceil(100_000 / PARAGRAPH.length)) },
  { name: '10,000 unbalanced straight quotation marks', text: Array.from({ length: 10_000 }, (_, i) => `"Witness ${i} said`).join(' ') },
  { name: '10,000 unbalanced curly quotation marks over lines', text: Array.from({ length: 10_000 }, (_, i) => (i % 2 ? '“ Ortiz said' : 'she said ”')).join('\n') },
  {
    name: 'emoji and other characters outside the BMP',
    text: '🚒🔥 Fire crews 👩‍🚒 reached 𝒲estfield at 3 a.m. "We lost 🏠 two homes 😢," said Chief Dana Ruiz 🇺🇸. Ruiz said 𝟏𝟐 people were evacuated.\n\n"Stay away 🙏," she said.',
  },
  { name: 'CRLF line endings', text: TERMINAL_STORY.replace(/\n/g, '\r\n') },
  { name: 'lone CR line endings', text: TERMINAL_STORY.replace(/\n/g, '\r') },
  { name: 'lone surrogates', text: 'Mayor \uD800Lena Ortiz said "\uDC00we will \uD83D rebuild," on \uDE00Monday.\n\n\uDBFF"Now," said Ortiz.\uD800' },
  { name: 'NUL characters', text: 'Mayor\u0000 Lena Ortiz said "we\u0000 will rebuild," on Monday.\u0000\n\n\u0000\u0000\u0000' },
  { name: 'deeply nested brackets and quotes', text: '('.repeat(3000) + '"'.repeat(3000) + '«‹“‘Ortiz said’”›»'.repeat(500) + ')'.repeat(3000) },
  { name: 'only whitespace and line breaks', text: ' \t\n\r\n\u00a0\u2028\u2029\n'.repeat(500) },
  { name: 'combining marks and RTL text', text: 'Z̵̡̢a̸l̷g̶o said "ما زلنا هنا," according to Ayşe Yılmaz. "שלום," said Dov Levi.\u200f\u202e reversed' },
];

describe('LSP: hostile documents', function () {
  this.timeout(120_000);
  let client: TestClient;
  let requests = 0;

  before(async () => {
    // A short time limit keeps the file quick: a document the engine cannot finish in time gets a notice instead.
    client = await TestClient.start({ env: { BYLINE_ANALYSIS_TIMEOUT_MS: '2500' } });
  });
  after(async () => {
    // A figure for the closing note: how many requests the server answered across the hostile documents.
    console.log(`      hostile documents: ${HOSTILE.length}, requests answered: ${requests}`);
    await client?.shutdown();
  });

  async function ask<R>(method: string, params: unknown): Promise<R> {
    const r = await client.request<R>(method, params);
    requests++;
    return r;
  }

  /** Probe offsets spread over the document, including both ends and a few line starts. */
  function probes(doc: TextDocument): number[] {
    const len = doc.getText().length;
    const out = new Set<number>([0, len, Math.max(0, len - 1)]);
    for (let i = 1; i < 16; i++) out.add(Math.floor((len * i) / 16));
    return [...out];
  }

  async function exercise(uri: string, doc: TextDocument, diagnostics: Diagnostic[]): Promise<void> {
    const id = { textDocument: { uri } };
    diagnostics.forEach((d) => assertRangeInside(doc, d.range, `diagnostic ${String(d.code)}`));
    for (const off of probes(doc)) {
      const position = doc.positionAt(off);
      const h = await ask<Hover | null>('textDocument/hover', { ...id, position });
      if (h?.range) assertRangeInside(doc, h.range, 'hover');
      const def = await ask<Location | null>('textDocument/definition', { ...id, position });
      if (def) assertRangeInside(doc, def.range, 'definition');
      const refs = await ask<Location[]>('textDocument/references', { ...id, position, context: { includeDeclaration: true } });
      refs.forEach((r) => assertRangeInside(doc, r.range, 'reference'));
    }
    const symbols = await ask<DocumentSymbol[]>('textDocument/documentSymbol', id);
    const walk = (s: DocumentSymbol): void => {
      assertRangeInside(doc, s.range, `symbol ${s.name}`);
      assertRangeInside(doc, s.selectionRange, `symbol ${s.name}`);
      s.children?.forEach(walk);
    };
    symbols.forEach(walk);
    const full = await ask<SemanticTokens>('textDocument/semanticTokens/full', id);
    const tokens = decodeTokens(doc, full.data, SEMANTIC_TOKENS_LEGEND);
    let prevEnd = -1;
    for (const t of tokens) {
      assertRangeInside(doc, { start: { line: t.line, character: t.character }, end: { line: t.line, character: t.character + t.length } }, `token ${t.type}`);
      assert.ok(t.length > 0 && t.start >= prevEnd, 'tokens are non-empty and do not overlap');
      prevEnd = t.end;
    }
    // On the small documents, also check each token against the engine's own spans (UTF-16 offsets end to end).
    if (doc.getText().length <= 20_000) checkTokensAgainst(doc, analyzeText(doc.getText(), { format: 'plaintext', maxLength: 1_000_000 }), tokens);
    const end = doc.positionAt(doc.getText().length);
    const ranged = await ask<SemanticTokens>('textDocument/semanticTokens/range', { ...id, range: { start: { line: 0, character: 0 }, end } });
    assert.strictEqual(ranged.data.length, full.data.length, 'range over the whole document = full');
    const quotes = await ask<QuotesResult | null>(QUOTES_METHOD, id);
    assert.ok(quotes, 'byline/quotes answers');
    for (const q of quotes.quotes) {
      assertRangeInside(doc, q.range, 'quote');
      if (q.speakerRange) assertRangeInside(doc, q.speakerRange, 'speaker');
    }
    const status = await ask<ArticleStatus | null>(STATUS_METHOD, id);
    assert.ok(status && status.version === doc.version);
    for (const d of diagnostics.slice(0, 5)) {
      const actions = await ask<CodeAction[]>('textDocument/codeAction', { ...id, range: d.range, context: { diagnostics: [d] } });
      for (const a of actions) for (const e of a.edit?.changes?.[uri] ?? []) assertRangeInside(doc, e.range, `edit "${a.title}"`);
    }
  }

  HOSTILE.forEach(({ name, text }, i) => {
    it(`answers on: ${name}`, async () => {
      const uri = `file:///hostile/doc-${i}.txt`;
      const published = await client.open(uri, text);
      await exercise(uri, client.doc(uri), published.diagnostics);
      // Edit it too: an insertion at the very end and a deletion at the start.
      const doc = client.doc(uri);
      const end = doc.positionAt(doc.getText().length);
      await client.change(uri, [{ range: { start: end, end }, text: '\n"Nothing more," he said.' }]);
      const v = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(Math.min(3, doc.getText().length)) }, text: '' }]);
      const again = await client.waitForDiagnostics(uri, v);
      await exercise(uri, doc, again.diagnostics);
      await client.close(uri);
      assert.ok(client.alive, 'the server is still running');
    });
  });

  it('lands hovers and tokens on the right characters after emoji (UTF-16 positions)', async () => {
    const uri = 'file:///hostile/emoji-positions.txt';
    const text = HOSTILE.find((h) => h.name.startsWith('emoji'))!.text;
    await client.open(uri, text);
    const doc = client.doc(uri);
    const ruiz = text.indexOf('Ruiz said');
    const h = await ask<Hover | null>('textDocument/hover', { textDocument: { uri }, position: doc.positionAt(ruiz + 1) });
    assert.ok(h?.range, 'a hover on "Ruiz"');
    assert.strictEqual(doc.getText(h.range), 'Ruiz');
    assert.match((h.contents as { value: string }).value, /Dana Ruiz/);
    const full = await ask<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const painted = decodeTokens(doc, full.data, SEMANTIC_TOKENS_LEGEND).map((t) => text.slice(t.start, t.end));
    assert.ok(painted.includes('Dana Ruiz') || painted.includes('Chief Dana Ruiz'), painted.join(' | '));
    await client.close(uri);
  });

  it('skips a document over byline.maxDocumentSize with one notice, and still answers', async () => {
    const uri = 'file:///hostile/huge.txt';
    const before = client.messages.length;
    const published = await client.open(uri, PARAGRAPH.repeat(Math.ceil(1_100_000 / PARAGRAPH.length)));
    const notice = published.diagnostics.find((d) => d.code === SIZE_NOTICE_CODE);
    assert.ok(notice, 'a size notice diagnostic');
    assert.strictEqual(notice.severity, 3, 'information');
    assert.strictEqual(notice.range.start.line, 0);
    assert.match(typeof notice.message === 'string' ? notice.message : notice.message.value, /byline\.maxDocumentSize/);
    assert.strictEqual(client.messages.length, before + 1, 'one window/showMessage');
    const v = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    await client.waitForDiagnostics(uri, v);
    assert.strictEqual(client.messages.length, before + 1, 'the message is not repeated on edits');
    const status = await ask<ArticleStatus>(STATUS_METHOD, { textDocument: { uri } });
    assert.ok(status.notice && status.quotes === 0);
    await client.close(uri);
  });

  it('survives malformed requests and requests for unknown documents', async () => {
    assert.strictEqual(await ask('textDocument/hover', {}), null);
    assert.strictEqual(await ask('textDocument/hover', { textDocument: { uri: 'file:///nowhere.txt' }, position: { line: 0, character: 0 } }), null);
    assert.deepStrictEqual(await ask('textDocument/documentSymbol', { textDocument: { uri: 'file:///nowhere.txt' } }), []);
    assert.strictEqual(await ask(QUOTES_METHOD, { textDocument: { uri: 'file:///nowhere.txt' } }), null);
    // A position far outside the document is clamped, not an error.
    const uri = 'file:///hostile/short.txt';
    await client.open(uri, '"Yes," said Ortiz.');
    const h = await ask<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 99, character: 99 } });
    if (h?.range) assertRangeInside(client.doc(uri), h.range);
    assert.ok(client.alive);
    assert.ok(client.logs.some((l) => /hover failed/.test(l)), 'the malformed hover was logged');
  });
});
