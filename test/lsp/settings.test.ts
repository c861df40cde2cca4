// Settings, workspace files and "Ignore this here" over LSP: severity levels and "off", languages, highlighted
// kinds, the glossary file (including an invalid one), the plain-text ignore file and Markdown ignore comments.

import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeAction, Diagnostic, DocumentSymbol, Hover, MarkupContent, SemanticTokens } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../src/server/engine';
import { parseGlossary } from '../../src/server/analysis/glossary';
import { GLOSSARY_PROBLEM_CODE, IGNORE_FINDING_COMMAND, SEMANTIC_TOKENS_LEGEND, STATUS_METHOD, type ArticleStatus } from '../../src/protocol';
import { assertRangeInside, decodeTokens, TestClient, uriOf } from './client';
import { MARKDOWN_STORY, TERMINAL_STORY } from './fixtures';

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code)).sort();

describe('LSP: settings and workspace files', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: TestClient;

  beforeEach(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-lsp-'));
  });
  afterEach(async () => {
    await client?.shutdown();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('applies diagnostics.severity as one level, per code, and "off", refreshed on configuration change', async () => {
    client = await TestClient.start({ workspace, settings: { diagnostics: { severity: 'hint' } } });
    const uri = uriOf(path.join(workspace, 'terminal.txt'));
    const first = await client.open(uri, TERMINAL_STORY);
    const engineCodes = analyzeText(TERMINAL_STORY, { format: 'plaintext' }).diagnostics.map((f) => f.code).sort();
    assert.ok(engineCodes.includes('ATTR008'), 'the story has a loaded verb');
    assert.deepStrictEqual(codes(first.diagnostics), engineCodes);
    assert.ok(first.diagnostics.every((d) => d.severity === 4), 'every finding is a hint');

    const next = client.nextDiagnostics(uri);
    await client.setSettings({ diagnostics: { severity: { ATTR008: 'off', default: 'error' } } });
    const second = await next;
    assert.deepStrictEqual(codes(second.diagnostics), engineCodes.filter((c) => c !== 'ATTR008'));
    assert.ok(second.diagnostics.every((d) => d.severity === 1), 'default: error');
  });

  it('falls back to default settings when the client never answers workspace/configuration', async () => {
    client = await TestClient.start({ workspace, answerConfiguration: false });
    const uri = uriOf(path.join(workspace, 'terminal.txt'));
    const published = await client.open(uri, TERMINAL_STORY);
    assert.ok(client.configurationRequests > 0);
    assert.strictEqual(published.diagnostics.length, analyzeText(TERMINAL_STORY, { format: 'plaintext' }).diagnostics.length);
  });

  it('passes byline.genre to the engine: opinion pieces keep evaluative words', async () => {
    const text = 'The council approved the budget on Monday.\n\nIt was a historic and disastrous decision for the city.\n';
    const evaluative = (g: 'news' | 'opinion'): number => analyzeText(text, { format: 'plaintext', genre: g }).diagnostics.filter((f) => f.code === 'ATTR006').length;
    assert.ok(evaluative('news') > evaluative('opinion'), 'the engine treats the genres differently on this text');
    client = await TestClient.start({ workspace, settings: { genre: 'news' } });
    const uri = uriOf(path.join(workspace, 'budget.txt'));
    const news = await client.open(uri, text);
    assert.strictEqual(news.diagnostics.filter((d) => d.code === 'ATTR006').length, evaluative('news'));
    const next = client.nextDiagnostics(uri);
    await client.setSettings({ genre: 'opinion' });
    const opinion = await next;
    assert.strictEqual(opinion.diagnostics.filter((d) => d.code === 'ATTR006').length, evaluative('opinion'));
  });

  it('analyses only byline.languages and paints only byline.highlight.entityKinds', async () => {
    client = await TestClient.start({ workspace, settings: { languages: ['markdown'], highlight: { entityKinds: ['person'] } } });
    const txt = uriOf(path.join(workspace, 'a.txt'));
    const published = await client.open(txt, TERMINAL_STORY, 'plaintext');
    assert.deepStrictEqual(published.diagnostics, []);
    const status = await client.request<ArticleStatus>(STATUS_METHOD, { textDocument: { uri: txt } });
    assert.strictEqual(status.analyzed, false);
    assert.deepStrictEqual(await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: txt } }), []);

    const md = uriOf(path.join(workspace, 'a.md'));
    await client.open(md, MARKDOWN_STORY, 'markdown');
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: md } });
    const types = new Set(decodeTokens(client.doc(md), tokens.data, SEMANTIC_TOKENS_LEGEND).map((t) => t.type));
    assert.ok(!types.has('date') && !types.has('number'), `only people and quote parts: ${[...types].join(', ')}`);
    assert.ok(types.has('quote'), 'quotes are still painted');
  });

  it('reports an invalid glossary on the glossary file, and keeps analysing', async () => {
    fs.mkdirSync(path.join(workspace, '.byline'));
    const glossaryFile = path.join(workspace, '.byline', 'glossary.json');
    fs.writeFileSync(glossaryFile, '[\n  { "name": "Harold Vance", "type": "PERSON", "note": "Executive director since 2019" },\n  { "name": ');
    client = await TestClient.start({ workspace });
    const glossaryUri = uriOf(glossaryFile);
    const problems = client.waitForDiagnostics(glossaryUri);
    const uri = uriOf(path.join(workspace, 'terminal.txt'));
    const published = await client.open(uri, TERMINAL_STORY);
    assert.ok(published.diagnostics.length > 0, 'the article is still analysed');
    const g = await problems;
    assert.strictEqual(g.diagnostics.length, 1);
    assert.strictEqual(g.diagnostics[0]!.code, GLOSSARY_PROBLEM_CODE);
    assert.match(String(g.diagnostics[0]!.message), /not valid JSON/);
    assertRangeInside(TextDocument.create(glossaryUri, 'json', 0, fs.readFileSync(glossaryFile, 'utf8')), g.diagnostics[0]!.range);
    assert.ok(client.alive);
  });

  it('never reads a glossary from outside the workspace folder', async () => {
    const outside = path.join(path.dirname(workspace), `outside-${path.basename(workspace)}.json`);
    fs.writeFileSync(outside, '{ not json');
    try {
      client = await TestClient.start({ workspace, settings: { glossary: `../${path.basename(outside)}` } });
      const uri = uriOf(path.join(workspace, 'terminal.txt'));
      await client.open(uri, TERMINAL_STORY);
      assert.ok(!client.published.has(uriOf(outside)), 'no diagnostics (so no read) for a file outside the workspace');
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });

  it('hands a valid glossary to the engine and shows its note on hover', async () => {
    fs.mkdirSync(path.join(workspace, '.byline'));
    const glossaryText = JSON.stringify([{ name: 'Harold Vance', type: 'PERSON', note: 'Executive director since 2019' }]);
    fs.writeFileSync(path.join(workspace, '.byline', 'glossary.json'), glossaryText);
    client = await TestClient.start({ workspace });
    const uri = uriOf(path.join(workspace, 'terminal.txt'));
    await client.open(uri, TERMINAL_STORY);
    const article = analyzeText(TERMINAL_STORY, { format: 'plaintext', glossary: parseGlossary(glossaryText).glossary });
    const vance = article.entities.find((e) => e.name === 'Harold Vance');
    assert.ok(vance, 'the glossary makes Harold Vance an entity');
    const m = vance.mentions[vance.mentions.length - 1]!;
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: client.doc(uri).positionAt(m.start + 1) });
    const value = (h?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(value, /Harold Vance/);
    if (vance.note) assert.match(value, /Executive director since 2019/);
  });

  it('"Ignore this here" in plain text writes .byline/ignore.json and the ignore survives edits elsewhere', async () => {
    client = await TestClient.start({ workspace });
    const uri = uriOf(path.join(workspace, 'terminal.txt'));
    const first = await client.open(uri, TERMINAL_STORY);
    const vague = first.diagnostics.find((d) => d.code === 'ATTR002');
    assert.ok(vague, 'ATTR002 on "Critics say"');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: vague.range, context: { diagnostics: [vague] } });
    const ignore = actions.find((a) => a.command?.command === IGNORE_FINDING_COMMAND);
    assert.ok(ignore, 'an ignore command');
    const republished = client.nextDiagnostics(uri);
    await client.request('workspace/executeCommand', { command: ignore.command!.command, arguments: ignore.command!.arguments });
    const after = await republished;
    assert.ok(!after.diagnostics.some((d) => d.code === 'ATTR002'), 'ATTR002 is gone');
    assert.strictEqual(after.diagnostics.length, first.diagnostics.length - 1, 'nothing else is hidden');
    const file = JSON.parse(fs.readFileSync(path.join(workspace, '.byline', 'ignore.json'), 'utf8')) as { ignore: { code: string; sentence: string }[] };
    assert.deepStrictEqual(file.ignore, [{ code: 'ATTR002', sentence: 'Critics say the plan will push airline fees higher.' }]);
    // Edit far above the sentence: the ignore is keyed by text, not position.
    const v = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'UPDATED\n\n' }]);
    const edited = await client.waitForDiagnostics(uri, v);
    assert.ok(!edited.diagnostics.some((d) => d.code === 'ATTR002'));
    // Editing the sentence itself brings the finding back.
    const doc = client.doc(uri);
    const at = doc.getText().indexOf('airline fees');
    const v2 = await client.change(uri, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + 'airline'.length) }, text: 'landing' }]);
    const changed = await client.waitForDiagnostics(uri, v2);
    assert.ok(changed.diagnostics.some((d) => d.code === 'ATTR002'), 'a changed sentence is checked again');
  });

  it('"Ignore this here" in Markdown inserts a byline-ignore comment that hides the finding', async () => {
    client = await TestClient.start({ workspace });
    const uri = uriOf(path.join(workspace, 'council.md'));
    const first = await client.open(uri, MARKDOWN_STORY, 'markdown');
    const vague = first.diagnostics.find((d) => d.code === 'ATTR002');
    assert.ok(vague, 'ATTR002 on "Critics say"');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: vague.range, context: { diagnostics: [vague] } });
    const ignore = actions.find((a) => /ignore/i.test(a.title) && a.edit);
    assert.ok(ignore, 'an ignore edit');
    const edits = ignore.edit!.changes![uri]!;
    assert.strictEqual(edits.length, 1);
    assert.strictEqual(edits[0]!.newText, '<!-- byline-ignore ATTR002 -->\n');
    assert.strictEqual(edits[0]!.range.start.line, vague.range.start.line, 'inserted at the start of the paragraph line');
    const v = await client.change(uri, [{ range: edits[0]!.range, text: edits[0]!.newText }]);
    const after = await client.waitForDiagnostics(uri, v);
    assert.ok(!after.diagnostics.some((d) => d.code === 'ATTR002'), 'ATTR002 hidden by the comment');
    assert.strictEqual(after.diagnostics.length, first.diagnostics.length - 1);
  });

  it('honours byline-disable … byline-enable in Markdown', async () => {
    client = await TestClient.start({ workspace });
    const uri = uriOf(path.join(workspace, 'council.md'));
    const text = MARKDOWN_STORY.replace('Critics say', '<!-- byline-disable -->\n\nCritics say').replace('Ruiz said the council', '<!-- byline-enable -->\n\nRuiz said the council');
    const published = await client.open(uri, text, 'markdown');
    const from = text.indexOf('<!-- byline-disable');
    const to = text.indexOf('<!-- byline-enable');
    // Without the comments the same stretch has findings; with them, none is published there.
    const plain = MARKDOWN_STORY.replace('Critics say', '\n\nCritics say');
    assert.ok(analyzeText(plain, { format: 'markdown' }).diagnostics.some((f) => f.start > plain.indexOf('Critics say') - 1 && f.start < plain.indexOf('Ruiz said the council')), 'findings in the stretch');
    const doc = client.doc(uri);
    const inside = published.diagnostics.filter((d) => doc.offsetAt(d.range.start) > from && doc.offsetAt(d.range.start) < to);
    assert.deepStrictEqual(inside, [], 'nothing published between disable and enable');
    const expected = analyzeText(text, { format: 'markdown' }).diagnostics.length;
    assert.strictEqual(published.diagnostics.length, expected);
  });
});
