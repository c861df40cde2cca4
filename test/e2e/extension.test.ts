// The extension in a real VS Code: everything is asserted through the VS Code API on an article we wrote
// (test/fixtures/e2e/transit-strike.news), the way a user's editor would see it.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'byline.byline';
const ARTICLE = 'transit-strike.news';

function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  // the launchers open test/fixtures/e2e as the folder; fall back to it relative to out/test/e2e
  return folder ? folder.uri.fsPath : path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'e2e');
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs `act` (which moves an editor's caret) and waits until VS Code reports the editor's selection back, or half a
 * second passes: the editor's own echo of a selection arrives after the call that set it, and a late echo of an
 * earlier caret would otherwise move the caret back under the next step of a test.
 */
async function settled(editor: vscode.TextEditor, act: () => unknown): Promise<void> {
  let sub: vscode.Disposable | undefined;
  const echoed = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 500);
    sub = vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor.document === editor.document && e.selections[0]?.isEqual(editor.selection)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  try {
    await act();
    await echoed;
  } finally {
    sub?.dispose();
  }
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

function bylineDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => /byline/i.test(d.source ?? '') || /^ATTR\d{3}$/.test(codeOf(d)));
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

interface Token { line: number; start: number; length: number; type: string; modifiers: string[] }

/** Decodes the LSP relative encoding (deltaLine, deltaStart, length, type, modifier bits). */
function decodeTokens(tokens: vscode.SemanticTokens, legend: vscode.SemanticTokensLegend): Token[] {
  const out: Token[] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i + 4 < tokens.data.length; i += 5) {
    const [dLine, dStart, length, type, bits] = [0, 1, 2, 3, 4].map((k) => tokens.data[i + k] ?? 0) as
      [number, number, number, number, number];
    line += dLine;
    start = dLine === 0 ? start + dStart : dStart;
    const modifiers = legend.tokenModifiers.filter((_, bit) => (bits & (1 << bit)) !== 0);
    out.push({ line, start, length, type: legend.tokenTypes[type] ?? `#${type}`, modifiers });
  }
  return out;
}

function flatten(symbols: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flatten(s.children ?? [])]);
}

describe('Byline in VS Code', function () {
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let text: string;

  before(async function () {
    const uri = vscode.Uri.file(path.join(workspaceRoot(), ARTICLE));
    doc = await vscode.workspace.openTextDocument(uri);
    editor = await vscode.window.showTextDocument(doc);
    text = doc.getText();
  });

  it('is installed and activates by itself when a .news article opens', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the extension host`);
    assert.strictEqual(doc.languageId, 'news', 'a .news file gets the news language');
    // no ext.activate(): a missing activation event must fail here, not be papered over
    await waitFor('the extension to activate', () => (ext.isActive ? true : undefined));
  });

  it('publishes Byline diagnostics: an unattributed quote and a vague source, none on attributed quotes', async function () {
    const diagnostics = await waitFor('Byline diagnostics', () => {
      const found = bylineDiagnostics(doc.uri);
      return found.length ? found : undefined;
    });
    const lineOf = (needle: string): number => doc.positionAt(text.indexOf(needle)).line;
    const on = (code: string, line: number): boolean =>
      diagnostics.some((d) => codeOf(d) === code && d.range.start.line <= line && d.range.end.line >= line);
    const listing = diagnostics.map((d) => `${codeOf(d)}@${d.range.start.line}: ${d.message}`).join('\n');
    assert.ok(on('ATTR001', lineOf('This is the worst')), `ATTR001 on the floating quote:\n${listing}`);
    assert.ok(on('ATTR002', lineOf('Critics say')), `ATTR002 on "Critics say":\n${listing}`);
    assert.ok(!on('ATTR001', lineOf('Our members')), `no ATTR001 on Ibarra's attributed quote:\n${listing}`);
    assert.ok(!on('ATTR001', lineOf('A strike hurts')), `no ATTR001 on Whitcombe's attributed quote:\n${listing}`);
    for (const d of diagnostics) assert.ok(d.message.length > 0, 'every finding says what is missing');
  });

  it('hover on a surname shows the full name', async function () {
    for (const [needle, fullName] of [['Ibarra said 94', 'Gloria Ibarra'], ['Whitcombe said in', 'Thomas Whitcombe']] as const) {
      const position = doc.positionAt(text.indexOf(needle) + 3);
      const hover = await waitFor(`a hover on ${needle}`, async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
        const value = hoverText(hovers ?? []);
        return value.length ? value : undefined;
      });
      assert.ok(hover.includes(fullName), `hover on "${needle}" names ${fullName}; got:\n${hover}`);
    }
  });

  it('the light bulb on a name offers to add it to .byline/glossary.json', async function () {
    const position = doc.positionAt(text.indexOf('Ibarra said 94') + 3);
    const glossary = vscode.Uri.file(path.join(workspaceRoot(), '.byline', 'glossary.json'));
    const add = await waitFor('the glossary action', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(position, position));
      return (found ?? []).find((a) => a.title === 'Add “Gloria Ibarra” to the glossary');
    });
    // Not applied: the fixture folder must stay as it is. The edit writes her entry into the glossary file.
    const written = (add.edit?.get(glossary) ?? []).map((e) => e.newText).join('');
    assert.ok(written.includes('"name": "Gloria Ibarra"') && written.includes('"type": "PERSON"'), `the entry written:\n${written}`);
  });

  it('Outline lists quotes grouped by speaker', async function () {
    const symbols = await waitFor('document symbols', async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      return found && found.length ? found : undefined;
    });
    const quotes = symbols.find((s) => /^quotes\b/i.test(s.name));
    assert.ok(quotes, `a top-level "Quotes" group; got ${symbols.map((s) => s.name).join(', ')}`);
    const speakers = quotes.children.map((s) => s.name);
    const ibarra = quotes.children.find((s) => s.name.includes('Ibarra'));
    const whitcombe = quotes.children.find((s) => s.name.includes('Whitcombe'));
    assert.ok(ibarra, `Ibarra is a speaker under Quotes; got ${speakers.join(', ')}`);
    assert.ok(whitcombe, `Whitcombe is a speaker under Quotes; got ${speakers.join(', ')}`);
    // Ibarra's two-sentence direct quote sits under her; a quote symbol's range covers quote text
    const ibarraQuote = ibarra.children.find((q) => doc.getText(q.range).includes('three years without a raise'));
    assert.ok(ibarraQuote, `Ibarra's quote is listed under her; got ${ibarra.children.map((q) => q.name).join(' | ')}`);
    const whitcombeQuote = whitcombe.children.find((q) => doc.getText(q.range).includes('A strike hurts'));
    assert.ok(whitcombeQuote, `Whitcombe's quote is listed under him; got ${whitcombe.children.map((q) => q.name).join(' | ')}`);
    // and the people are there too
    const names = flatten(symbols).map((s) => s.name);
    assert.ok(names.some((n) => n.includes('Gloria Ibarra')), `Gloria Ibarra appears in the outline; got ${names.join(', ')}`);
  });

  it('Next Quote and Previous Quote move the selection from quote to quote', async function () {
    // start on the blank line after the lede (which may itself hold an indirect quote), so the next quote
    // is Ibarra's direct quote, opening the following paragraph
    const firstQuote = text.indexOf('"Our members');
    const firstEnd = text.indexOf('come back,"') + 'come back,"'.length;
    const blankLine = doc.positionAt(firstQuote).line - 1;
    assert.strictEqual(doc.lineAt(blankLine).text, '', 'the fixture has a blank line before the quote');

    editor = await vscode.window.showTextDocument(doc);
    const shown = editor;
    await settled(shown, () => (shown.selection = new vscode.Selection(blankLine, 0, blankLine, 0)));
    const selectionStart = (): number => doc.offsetAt(vscode.window.activeTextEditor!.selection.start);
    const command = (id: string): Promise<void> => settled(shown, () => vscode.commands.executeCommand(id));

    await command('byline.nextQuote');
    const first = selectionStart();
    assert.ok(first >= firstQuote && first <= firstEnd,
      `Next Quote lands on Ibarra's quote (offsets ${firstQuote}-${firstEnd}), got ${first}: "${text.slice(first, first + 30)}"`);

    await command('byline.nextQuote');
    const second = selectionStart();
    assert.ok(second > firstEnd, `a second Next Quote moves on past the first quote (ends ${firstEnd}), got ${second}`);

    await command('byline.previousQuote');
    assert.strictEqual(selectionStart(), first, 'Previous Quote goes back to the first quote');
  });

  it('semantic tokens colour quotes, speakers, cues, dates and numbers', async function () {
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', doc.uri);
    assert.ok(legend, 'the extension provides a semantic tokens legend');
    const tokens = await waitFor('semantic tokens', async () => {
      const found = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', doc.uri);
      return found && found.data.length ? decodeTokens(found, legend) : undefined;
    });
    const typesAt = (needle: string, shift = 0): string[] => {
      const pos = doc.positionAt(text.indexOf(needle) + shift);
      return tokens.filter((t) => t.line === pos.line && t.start <= pos.character && pos.character < t.start + t.length)
        .map((t) => t.type);
    };
    const expectations: Array<[string, number, string]> = [
      ['"A strike hurts', 3, 'quote'],
      ['Whitcombe said in', 2, 'speaker'],
      ['said in a statement', 1, 'cue'],
      ['Tuesday', 1, 'date'],
      ['94 percent', 1, 'number'],
    ];
    for (const [needle, shift, type] of expectations) {
      assert.ok(typesAt(needle, shift).includes(type), `"${needle}" is a ${type} token; got [${typesAt(needle, shift).join(', ')}]`);
    }
  });

  it('semantic tokens mark people and places by name', async function () {
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', doc.uri);
    const found = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', doc.uri);
    const tokens = decodeTokens(found, legend);
    // names that are nobody's speaker (a speaker's name is painted as a speaker)
    for (const [name, type] of [['Federico Pena', 'person'], ['Colorado', 'place'], ['Union Station', 'place']] as const) {
      const pos = doc.positionAt(text.indexOf(name) + 1);
      const types = tokens.filter((t) => t.line === pos.line && t.start <= pos.character && pos.character < t.start + t.length).map((t) => t.type);
      assert.ok(types.includes(type), `"${name}" is a ${type} token; got [${types.join(', ')}]`);
    }
  });

  it('go to definition on a surname reaches the first, full mention; references list every mention', async function () {
    const surname = doc.positionAt(text.indexOf('Whitcombe said in') + 2);
    const definitions = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider', doc.uri, surname);
    const targets = (definitions ?? []).map((d) => ('targetRange' in d ? d.targetSelectionRange ?? d.targetRange : d.range));
    const first = text.indexOf('Thomas Whitcombe');
    assert.ok(targets.some((r) => doc.offsetAt(r.start) <= first + 'Thomas '.length && doc.offsetAt(r.end) > first + 'Thomas '.length),
      `definition of "Whitcombe" is the first mention "Thomas Whitcombe"; got ${targets.map((r) => doc.getText(r)).join(' | ')}`);
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, surname);
    const words = (references ?? []).map((r) => doc.getText(r.range));
    assert.ok(words.length >= 2 && words.every((w) => w.includes('Whitcombe')), `references are the mentions of Whitcombe; got ${words.join(' | ')}`);
  });

  it('Markdown: front matter, code blocks and link URLs are not analysed as prose; quotes are', async function () {
    const md = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspaceRoot(), 'library-hours.md')));
    await vscode.window.showTextDocument(md);
    assert.strictEqual(md.languageId, 'markdown');
    const mdText = md.getText();
    const symbols = await waitFor('Markdown document symbols', async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', md.uri);
      const quotes = (found ?? []).find((s) => /^quotes\b/i.test(s.name));
      return quotes ? found : undefined;
    });
    const quotes = symbols.find((s) => /^quotes\b/i.test(s.name))!;
    assert.ok(quotes.children.some((s) => s.name.includes('Ruiz')), `Ruiz's quote is found; got ${quotes.children.map((s) => s.name).join(', ')}`);
    // no quote or finding may come from the front matter, the fenced block or the URL
    const frontMatterEnd = mdText.indexOf('---', 3) + 3;
    const fenceStart = mdText.indexOf('```text');
    const fenceEnd = mdText.indexOf('```', fenceStart + 3) + 3;
    const urlStart = mdText.indexOf('(https://');
    const urlEnd = mdText.indexOf(')', urlStart);
    const excluded = (offset: number): boolean => offset < frontMatterEnd || (offset >= fenceStart && offset < fenceEnd) ||
      (offset >= urlStart && offset < urlEnd);
    const quoteOffsets = flatten(quotes.children).map((s) => md.offsetAt(s.range.start));
    assert.ok(!quoteOffsets.some(excluded), `a quote was found in front matter, code or a URL: ${quoteOffsets.join(', ')}`);
    // the prose finding proves the document's diagnostics have arrived before we look for stray ones
    const prose = md.positionAt(mdText.indexOf('Critics say the cuts')).line;
    await waitFor('ATTR002 on the Markdown prose', () =>
      bylineDiagnostics(md.uri).some((d) => codeOf(d) === 'ATTR002' && d.range.start.line === prose) ? true : undefined);
    const findings = bylineDiagnostics(md.uri).filter((d) => excluded(md.offsetAt(d.range.start)));
    assert.deepStrictEqual(findings.map((d) => `${codeOf(d)}: ${md.getText(d.range)}`), [], 'no findings in front matter, code or URLs');
  });

  it('Restart Server brings the server back: hovers and symbols answer again', async function () {
    await vscode.commands.executeCommand('byline.restartServer');
    const position = doc.positionAt(text.indexOf('Whitcombe said in') + 3);
    const hover = await waitFor('a hover after the restart', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
      const value = hoverText(hovers ?? []);
      return value.includes('Thomas Whitcombe') ? value : undefined;
    });
    assert.ok(hover.includes('Thomas Whitcombe'));
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok((symbols ?? []).some((s) => /^quotes\b/i.test(s.name)), 'the Outline has its Quotes group again');
  });

  it('edits are re-analysed: a new unattributed quote gets a finding, and it goes when the quote goes', async function () {
    editor = await vscode.window.showTextDocument(doc);
    const added = '\nTrains on the airport line ran every half hour on Tuesday.\n\n' +
      '"Nobody should have to choose between a paycheck and a bus that never comes."\n';
    const end = doc.positionAt(text.length);
    const addedLine = end.line + 3;
    const onAdded = (): vscode.Diagnostic | undefined =>
      bylineDiagnostics(doc.uri).find((d) => codeOf(d) === 'ATTR001' && d.range.start.line === addedLine);
    try {
      assert.ok(await editor.edit((e) => e.insert(end, added)), 'the edit applies');
      await waitFor('an ATTR001 finding on the added quote', () => onAdded());
      assert.ok(await editor.edit((e) => e.delete(new vscode.Range(end, doc.positionAt(doc.getText().length)))), 'the delete applies');
      assert.strictEqual(doc.getText(), text, 'the article is back to its saved text');
      await waitFor('the finding to go away', () => (onAdded() ? undefined : true));
    } finally {
      // never leave the fixture edited, whatever failed above
      if (doc.getText() !== text) {
        await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text));
      }
      await doc.save();
    }
  });
});
