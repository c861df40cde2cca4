// The real bundled server over stdio on a wire story we wrote: every feature is checked against the Article the
// engine returns for the same text (so the tests follow the engines as they improve), plus concrete expectations.

import * as assert from 'assert';
import type { CodeAction, Diagnostic, DocumentHighlight, DocumentSymbol, Hover, Location, MarkupContent, SemanticTokens, SymbolInformation, WorkspaceSymbol } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../src/server/engine';
import type { Article } from '../../src/server/analysis/types';
import { QUOTES_METHOD, RULES_DOC_URL, SEMANTIC_TOKENS_LEGEND, STATUS_METHOD, type ArticleStatus, type QuotesResult } from '../../src/protocol';
import { assertRangeInside, checkTokensAgainst, decodeTokens, offsetsOf, TestClient, type DecodedToken } from './client';
import { TERMINAL_STORY } from './fixtures';

const URI = 'file:///newsroom/terminal.txt';
const engine = (text: string): Article => analyzeText(text, { format: 'plaintext', maxLength: 1_000_000 });
const hoverText = (h: Hover | null): string => (h ? (h.contents as MarkupContent).value : '');
const at = (doc: TextDocument, offset: number) => ({ textDocument: { uri: doc.uri }, position: doc.positionAt(offset) });

describe('LSP: the server on a wire story', function () {
  this.timeout(60_000);
  let client: TestClient;
  let doc: TextDocument;
  let article: Article;
  let firstDiagnostics: Diagnostic[];

  before(async () => {
    client = await TestClient.start();
    const published = await client.open(URI, TERMINAL_STORY);
    firstDiagnostics = published.diagnostics;
    doc = client.doc(URI);
    article = engine(TERMINAL_STORY);
  });
  after(async () => client?.shutdown());

  it('initializes with incremental sync and the shared token legend', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepStrictEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.deepStrictEqual(caps.semanticTokensProvider?.legend, SEMANTIC_TOKENS_LEGEND);
    for (const c of ['hoverProvider', 'documentSymbolProvider', 'definitionProvider', 'referencesProvider', 'documentHighlightProvider', 'codeActionProvider'] as const)
      assert.ok(caps[c], `${c} advertised`);
    assert.ok(client.configurationRequests > 0, 'the server asked for the byline settings');
  });

  it('publishes the engine findings as diagnostics with code, source and README link', () => {
    assert.strictEqual(firstDiagnostics.length, article.diagnostics.length);
    for (const d of firstDiagnostics) {
      assertRangeInside(doc, d.range, `diagnostic ${String(d.code)}`);
      assert.strictEqual(d.source, 'byline');
      assert.match(String(d.code), /^ATTR\d{3}$/);
      assert.strictEqual(d.codeDescription?.href, RULES_DOC_URL + String(d.code).toLowerCase());
      const { start, end } = offsetsOf(doc, d.range);
      assert.ok(article.diagnostics.some((f) => f.code === d.code && f.start === start && f.end === end), `finding ${String(d.code)} at ${start}`);
    }
    // Concrete: the loaded verb and the vague source in the story.
    const text = (d: Diagnostic): string => doc.getText(d.range);
    assert.ok(firstDiagnostics.some((d) => d.code === 'ATTR008' && text(d).includes('claimed')), 'ATTR008 on "claimed"');
    assert.ok(firstDiagnostics.some((d) => d.code === 'ATTR002' && text(d).includes('Critics')), 'ATTR002 on "Critics"');
  });

  it('hovers every entity mention with the entity it belongs to', async () => {
    assert.ok(article.entities.length > 0, 'the engine found entities in the story');
    for (const e of article.entities) {
      for (const m of e.mentions) {
        const h = await client.request<Hover | null>('textDocument/hover', at(doc, m.start + Math.floor((m.end - m.start) / 2)));
        assert.ok(h, `hover on "${m.text}"`);
        assertRangeInside(doc, h.range!, 'hover range');
        const r = offsetsOf(doc, h.range!);
        // The innermost mention under the cursor; for nested mentions it may be a shorter one of another entity.
        assert.ok(r.start >= m.start && r.end <= m.end, `hover range inside "${m.text}"`);
        if (r.start === m.start && r.end === m.end) assert.ok(hoverText(h).includes(`this is mention ${e.mentions.indexOf(m) + 1}`) || e.mentions.length === 1, `mention number for "${m.text}"`);
      }
    }
  });

  it('hovers a quote with its position, kind and speaker', async () => {
    assert.ok(article.quotes.length >= 4, `the engine found quotes (${article.quotes.length})`);
    for (const [i, q] of article.quotes.entries()) {
      // a point in the quote's content that no speaker, cue or mention covers
      let off = -1;
      for (let o = q.start + 1; o < q.end - 1; o++) {
        const covered = article.entities.some((e) => e.mentions.some((m) => m.start <= o && o < m.end)) || article.quotes.some((x) => (x.speaker && x.speaker.start <= o && o < x.speaker.end) || (x.cue && x.cue.start <= o && o < x.cue.end));
        if (!covered && /\w/.test(article.text[o]!)) {
          off = o;
          break;
        }
      }
      if (off < 0) continue;
      const h = await client.request<Hover | null>('textDocument/hover', at(doc, off));
      const value = hoverText(h);
      const inner = article.quotes.findIndex((x) => x.start <= off && off < x.end);
      assert.ok(value.includes(`Quote ${inner + 1} of ${article.quotes.length}`), `quote ${i + 1} hover: ${value}`);
      assert.ok(value.includes(article.quotes[inner]!.kind));
      if (article.quotes[inner]!.speaker) assert.ok(value.includes('Speaker:'));
      else assert.ok(value.includes('unattributed'));
    }
    // Concrete: the first quote of the story is Harold Vance's.
    const first = article.quotes[0]!;
    const h = await client.request<Hover | null>('textDocument/hover', at(doc, first.start + 3));
    assert.match(hoverText(h), /Quote 1 of \d+/);
    assert.match(hoverText(h), /Vance/);
  });

  it('lists Quotes by speaker and entities by kind in hierarchical symbols', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    const walk = (s: DocumentSymbol): void => {
      assertRangeInside(doc, s.range, `symbol ${s.name}`);
      assertRangeInside(doc, s.selectionRange, `symbol ${s.name} selection`);
      const r = offsetsOf(doc, s.range);
      const sel = offsetsOf(doc, s.selectionRange);
      assert.ok(r.start <= sel.start && sel.end <= r.end, `selection inside range for ${s.name}`);
      assert.ok(s.name.trim().length > 0);
      s.children?.forEach(walk);
    };
    symbols.forEach(walk);
    const quotes = symbols.find((s) => s.name === 'Quotes');
    assert.ok(quotes, 'a Quotes group');
    const leaves = quotes.children!.reduce((n, speaker) => n + speaker.children!.length, 0);
    assert.strictEqual(leaves, article.quotes.length);
    const speakers = new Set(article.quotes.map((q) => (q.speaker ? (q.speaker.entityName ?? q.speaker.text) : 'Unattributed')));
    assert.deepStrictEqual(new Set(quotes.children!.map((c) => c.name)), speakers);
    const groups: Record<string, string[]> = { People: ['PERSON'], Organizations: ['ORG'], Places: ['LOC'], 'Other names': ['MISC'], Dates: ['DATE', 'TIME'], Numbers: ['MONEY', 'PERCENT', 'QUANTITY'] };
    for (const [name, types] of Object.entries(groups)) {
      const expected = article.entities.filter((e) => types.includes(e.type)).map((e) => e.name);
      const group = symbols.find((s) => s.name === name);
      assert.deepStrictEqual(group?.children?.map((c) => c.name) ?? [], expected, `${name} group`);
    }
    // Concrete: the dateline's date and the two people quoted.
    assert.ok(symbols.find((s) => s.name === 'Dates')?.children?.some((c) => doc.getText(c.selectionRange) === 'March 4, 2025'), 'the dateline date is listed');
    const people = symbols.find((s) => s.name === 'People')?.children?.map((c) => c.name) ?? [];
    assert.ok(people.includes('Harold Vance') && people.includes('Maria Delgado'), `people: ${people.join(', ')}`);
  });

  it('gives flat symbols, each naming its group, to clients without hierarchical support', async () => {
    const flat = await TestClient.start({ hierarchicalSymbols: false });
    try {
      await flat.open(URI, TERMINAL_STORY);
      const symbols = await flat.request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
      for (const s of symbols) assertRangeInside(doc, s.location.range, s.name);
      const people = symbols.filter((s) => s.containerName === 'People').map((s) => s.name);
      assert.deepStrictEqual(people, article.entities.filter((e) => e.type === 'PERSON').map((e) => e.name));
      assert.ok(symbols.some((s) => s.name === 'Quotes' && s.containerName === undefined));
    } finally {
      await flat.shutdown();
    }
  });

  const checkTokens = (tokens: DecodedToken[]): void => checkTokensAgainst(doc, article, tokens);

  it('paints every mention, quote, speaker and cue with non-overlapping per-line tokens', async () => {
    const result = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
    const tokens = decodeTokens(doc, result.data, SEMANTIC_TOKENS_LEGEND);
    checkTokens(tokens);
    // Every character of every mention is painted (as its entity, or as a speaker or cue over it).
    for (const e of article.entities)
      for (const m of e.mentions)
        for (let o = m.start; o < m.end; o++) if (!/\s/.test(article.text[o]!)) assert.ok(tokens.some((t) => t.start <= o && o < t.end), `"${m.text}" painted at ${o}`);
    for (const q of article.quotes) if (q.speaker) assert.ok(tokens.some((t) => t.type === 'speaker' && t.start >= q.speaker!.start && t.end <= q.speaker!.end), `speaker "${q.speaker.text}"`);
    const unattributed = article.quotes.filter((q) => !q.speaker);
    for (const q of unattributed) assert.ok(tokens.some((t) => t.type === 'quote' && t.modifiers.includes('unattributed') && t.start >= q.start && t.end <= q.end));
    assert.ok(tokens.some((t) => t.type === 'quote'), 'quotes are painted');
    assert.ok(tokens.some((t) => t.type === 'date'), 'dates are painted');
  });

  it('answers semanticTokens/range with the tokens of that range', async () => {
    const range = { start: { line: 6, character: 0 }, end: { line: 9, character: 0 } };
    const result = await client.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri: URI }, range });
    const tokens = decodeTokens(doc, result.data, SEMANTIC_TOKENS_LEGEND);
    checkTokens(tokens);
    assert.ok(tokens.length > 0);
    const { start, end } = offsetsOf(doc, range);
    for (const t of tokens) assert.ok(t.end > start && t.start < end, 'token meets the range');
  });

  it('goes from a later mention to the first, and finds all references and highlights', async () => {
    const multi = article.entities.filter((e) => e.mentions.length > 1);
    assert.ok(multi.length > 0, 'some entity is mentioned twice');
    for (const e of multi) {
      const last = e.mentions[e.mentions.length - 1]!;
      const def = await client.request<Location | null>('textDocument/definition', at(doc, last.start));
      assert.ok(def);
      assert.deepStrictEqual(offsetsOf(doc, def.range), { start: e.mentions[0]!.start, end: e.mentions[0]!.end }, `definition of "${last.text}"`);
      const refs = await client.request<Location[]>('textDocument/references', { ...at(doc, last.start), context: { includeDeclaration: true } });
      for (const m of e.mentions) assert.ok(refs.some((r) => offsetsOf(doc, r.range).start === m.start), `reference to "${m.text}" at ${m.start}`);
      refs.forEach((r) => assertRangeInside(doc, r.range));
      const noDecl = await client.request<Location[]>('textDocument/references', { ...at(doc, last.start), context: { includeDeclaration: false } });
      assert.strictEqual(noDecl.length, refs.length - 1);
      const hl = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', at(doc, last.start));
      assert.strictEqual(hl.length, refs.length);
    }
    // Concrete: a hover on the surname alone shows the full name and how the story describes him.
    const surname = TERMINAL_STORY.indexOf('Vance said construction');
    const h = await client.request<Hover | null>('textDocument/hover', at(doc, surname + 2));
    assert.match(hoverText(h), /Harold Vance/);
    assert.match(hoverText(h), /executive director/);
    // Concrete: "Tuesday" is the dateline's date.
    const tuesday = TERMINAL_STORY.indexOf('Tuesday');
    const def = await client.request<Location | null>('textDocument/definition', at(doc, tuesday + 2));
    assert.ok(def, 'definition on "Tuesday"');
    assert.strictEqual(doc.getText(def.range), 'March 4, 2025');
  });

  it('goes from a pronoun speaker to its antecedent', async () => {
    const pronounQuotes = article.quotes.filter((q) => q.speaker?.entity && /^(he|she|they)$/i.test(q.speaker.text));
    for (const q of pronounQuotes) {
      const def = await client.request<Location | null>('textDocument/definition', at(doc, q.speaker!.start));
      assert.ok(def, `definition on "${q.speaker!.text}"`);
      const entity = article.entities.find((e) => e.id === q.speaker!.entity)!;
      const target = offsetsOf(doc, def.range);
      assert.ok(entity.mentions.some((m) => m.start === target.start && m.end <= q.speaker!.start), 'lands on an earlier mention of the entity');
    }
    // Concrete: "He said the authority would borrow" → Vance, named in the sentence before.
    const he = TERMINAL_STORY.indexOf('He said');
    const def = await client.request<Location | null>('textDocument/definition', at(doc, he));
    assert.ok(def, 'definition on "He"');
    assert.match(doc.getText(def.range), /Vance$/);
    assert.ok(doc.offsetAt(def.range.end) <= he);
    // Nothing at all under the cursor: no location, no error.
    assert.strictEqual(await client.request('textDocument/definition', at(doc, TERMINAL_STORY.indexOf('ending months'))), null);
  });

  it('finds entities of open documents with workspace/symbol', async () => {
    const all = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: '' });
    assert.strictEqual(all.length, article.entities.filter((e) => e.mentions.length).length);
    const vance = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'vance' });
    assert.deepStrictEqual(vance.map((s) => [s.name, s.containerName]), [['Harold Vance', 'People']]);
    const loc = vance[0]!.location as Location;
    assert.strictEqual(loc.uri, URI);
    assert.strictEqual(doc.getText(loc.range), 'Harold Vance');
  });

  it('answers byline/quotes in document order with speakers, and byline/status', async () => {
    const result = await client.request<QuotesResult>(QUOTES_METHOD, { textDocument: { uri: URI } });
    assert.strictEqual(result.version, 1);
    assert.deepStrictEqual(result.quotes.map((q) => q.id), article.quotes.map((q) => q.id));
    result.quotes.forEach((q, i) => {
      assertRangeInside(doc, q.range);
      const src = article.quotes[i]!;
      assert.deepStrictEqual(offsetsOf(doc, q.range), { start: src.start, end: src.end });
      assert.strictEqual(q.speaker, src.speaker ? (src.speaker.entityName ?? src.speaker.text) : null);
    });
    assert.match(result.quotes[0]!.speaker ?? '', /Vance/);
    const status = await client.request<ArticleStatus>(STATUS_METHOD, { textDocument: { uri: URI } });
    assert.strictEqual(status.analyzed, true);
    assert.strictEqual(status.words, article.wordCount);
    assert.strictEqual(status.quotes, article.quotes.length);
    assert.strictEqual(status.findings, firstDiagnostics.length);
    assert.ok(status.words > 100 && status.words < 250, `word count ${status.words}`);
  });

  it('offers the rule fix and "ignore" for each diagnostic, and "said" for "claimed"', async () => {
    for (const d of firstDiagnostics) {
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d] } });
      assert.ok(actions.some((a) => /ignore/i.test(a.title)), `an ignore action for ${String(d.code)}`);
      for (const a of actions) for (const e of a.edit?.changes?.[URI] ?? []) assertRangeInside(doc, e.range, `edit of "${a.title}"`);
    }
    const claimed = firstDiagnostics.find((d) => d.code === 'ATTR008')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: claimed.range, context: { diagnostics: [claimed] } });
    const said = actions.find((a) => a.edit && /said/.test(a.title));
    assert.ok(said, 'a "said" quick fix');
    const copy = TextDocument.create(URI, 'plaintext', 1, TERMINAL_STORY);
    const fixed = TextDocument.applyEdits(copy, said.edit!.changes![URI]!);
    assert.ok(fixed.includes('The airline said the delays were unrelated'), fixed.slice(-80));
  });

  it('applies each rule fix to give the attributed sentence', async () => {
    const uri = 'file:///newsroom/fixes.txt';
    const text = [
      'The city council met on Tuesday.',
      '"We will not be raising taxes on working families this year."',
      'The program costs taxpayers $2.3 billion a year.',
      'The CEO claimed the layoffs were unrelated to the merger.',
      '',
    ].join('\n\n');
    const published = await client.open(uri, text);
    const fixed: Record<string, string> = {};
    for (const d of published.diagnostics) {
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      const preferred = actions.find((a) => a.isPreferred && a.edit);
      assert.ok(preferred, `a preferred fix for ${String(d.code)}`);
      fixed[String(d.code)] = TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 1, text), preferred.edit!.changes![uri]!);
    }
    assert.match(fixed['ATTR001'] ?? '', /"We will not be raising taxes on working families this year," \[source\] said\./);
    assert.match(fixed['ATTR004'] ?? '', /\$2\.3 billion a year, according to \[source\]\./);
    assert.match(fixed['ATTR008'] ?? '', /The CEO said the layoffs/);
    // Without the rule's data (another client's diagnostic, an older range), the server's own fallbacks apply.
    const claimed = text.indexOf('claimed');
    const bare = { range: { start: client.doc(uri).positionAt(claimed - 4), end: client.doc(uri).positionAt(claimed + 7) }, message: 'loaded verb', code: 'ATTR008', source: 'byline' };
    const fallback = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: bare.range, context: { diagnostics: [bare] } });
    const said = fallback.find((a) => /“said”/.test(a.title));
    assert.ok(said, fallback.map((a) => a.title).join(' | '));
    assert.match(TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 1, text), said.edit!.changes![uri]!), /The CEO said the layoffs/);
    const stat = text.indexOf('costs');
    const bareStat = { range: { start: client.doc(uri).positionAt(stat), end: client.doc(uri).positionAt(stat + 5) }, message: 'statistic', code: 'ATTR004', source: 'byline' };
    const placeholder = (await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: bareStat.range, context: { diagnostics: [bareStat] } })).find((a) => /placeholder/.test(a.title));
    assert.ok(placeholder);
    assert.match(TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 1, text), placeholder.edit!.changes![uri]!), /\$2\.3 billion a year, \[source\] said\./);
    await client.close(uri);
  });

  it('follows incremental edits: new quotes appear and ranges match the edited text', async () => {
    const end = doc.positionAt(doc.getText().length);
    const added = '\nAsked about the timeline, Vance said: "We will open the first gates in 2027."\n';
    const v2 = await client.change(URI, [{ range: { start: end, end }, text: added }]);
    // replace "Critics say" with "Airline executives say" in the middle
    const critics = doc.getText().indexOf('Critics say');
    const v3 = await client.change(URI, [{ range: { start: doc.positionAt(critics), end: doc.positionAt(critics + 'Critics'.length) }, text: 'Airline executives' }]);
    assert.strictEqual(v2 + 1, v3);
    const published = await client.waitForDiagnostics(URI, v3);
    assert.strictEqual(published.version, v3);
    const edited = engine(doc.getText());
    const result = await client.request<QuotesResult>(QUOTES_METHOD, { textDocument: { uri: URI } });
    assert.strictEqual(result.version, v3);
    assert.deepStrictEqual(result.quotes.map((q) => offsetsOf(doc, q.range)), edited.quotes.map((q) => ({ start: q.start, end: q.end })));
    assert.ok(result.quotes.length > article.quotes.length, 'the pasted quote is found');
    assert.ok(result.quotes.some((q) => doc.getText(q.range).includes('first gates')));
    assert.strictEqual(published.diagnostics.length, edited.diagnostics.length);
  });

  it('coalesces a burst of keystrokes and ends on the last version', async () => {
    const word = ' Officials did not say when.';
    let version = doc.version;
    for (const ch of word) {
      const end = doc.positionAt(doc.getText().length - 1);
      version = await client.change(URI, [{ range: { start: end, end }, text: ch }]);
    }
    const published = await client.waitForDiagnostics(URI, version);
    assert.strictEqual(published.version, version);
    const status = await client.request<ArticleStatus>(STATUS_METHOD, { textDocument: { uri: URI } });
    assert.strictEqual(status.version, version);
    assert.strictEqual(status.words, engine(doc.getText()).wordCount);
  });

  it('shuts down cleanly', async () => {
    const other = await TestClient.start();
    await other.open('file:///newsroom/short.txt', 'A short note.');
    await other.shutdown();
    assert.strictEqual(other.child.exitCode, 0);
    assert.ok(client.alive, 'the main session is still running');
    assert.ok(!/uncaught|unhandled/i.test(client.stderr + client.logs.join('\n')), client.logs.join('\n'));
  });
});
