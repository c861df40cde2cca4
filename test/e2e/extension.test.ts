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
    editor.selection = new vscode.Selection(blankLine, 0, blankLine, 0);
    const selectionStart = (): number => doc.offsetAt(vscode.window.activeTextEditor!.selection.start);

    await vscode.commands.executeCommand('byline.nextQuote');
    const first = selectionStart();
    assert.ok(first >= firstQuote && first <= firstEnd,
      `Next Quote lands on Ibarra's quote (offsets ${firstQuote}-${firstEnd}), got ${first}: "${text.slice(first, first + 30)}"`);

    await vscode.commands.executeCommand('byline.nextQuote');
    const second = selectionStart();
    assert.ok(second > firstEnd, `a second Next Quote moves on past the first quote (ends ${firstEnd}), got ${second}`);

    await vscode.commands.executeCommand('byline.previousQuote');
    assert.strictEqual(selectionStart(), first, 'Previous Quote goes back to the first quote');
  });
});
