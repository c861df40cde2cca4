// The glossary code actions (add a name, mark one as not an entity) as the edits they make to .byline/glossary.json,
// the glossary note reaching every article of the folder once the file is saved, and the byline/sources request
// behind the Sources view. Articles are short wire stories we wrote.

import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeAction, Hover, MarkupContent, Position, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { INDEX_STATUS_METHOD, SOURCES_METHOD, type SourcesResult, type WorkspaceIndexStatus } from '../../src/protocol';
import { assertRangeInside, TestClient, uriOf } from './client';

const STRIKE = `Bus drivers vote to strike over pay

By Staff Reporter

OAKDALE, April 14 (Byline) - Bus drivers in Oakdale voted on Monday to strike next month, union leader Gloria Ibarra said.

"We have waited three years for a fair offer," Ibarra told reporters outside the depot. "Our members are tired."

A senior city official said the council would present a new offer on Friday.

Critics say the strike will hurt commuters who have no other way to get to work.

"The buses will stop on May 2 if nothing changes," Ibarra said.
`;

const FOLLOW_UP = `Oakdale council makes new offer to bus drivers

OAKDALE, April 18 (Byline) - The Oakdale city council offered bus drivers a 4 percent raise on Friday, and union leader Gloria Ibarra said her members would vote on it next week.
`;

const hoverText = (h: Hover | null): string => (h ? (h.contents as MarkupContent).value : '');

/** Applies text edits to a text (LSP semantics: all ranges refer to the original). */
function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.json', 'json', 0, text), edits);
}

/** The text edits a WorkspaceEdit makes to one file, whichever form (changes / documentChanges) it uses. */
function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  const out: TextEdit[] = [...(edit?.changes?.[uri] ?? [])];
  for (const c of edit?.documentChanges ?? []) if ('textDocument' in c && c.textDocument.uri === uri) out.push(...((c as TextDocumentEdit).edits as TextEdit[]));
  return out;
}

describe('LSP: glossary actions and the Sources request', function () {
  this.timeout(120_000);
  let dir: string;
  let client: TestClient;
  let glossaryFile: string;
  let glossaryUri: string;
  const uri = (name: string): string => uriOf(path.join(dir, name));

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-glossary-'));
    fs.writeFileSync(path.join(dir, '2026-04-14-strike.txt'), STRIKE);
    fs.writeFileSync(path.join(dir, '2026-04-18-offer.txt'), FOLLOW_UP);
    glossaryFile = path.join(dir, '.byline', 'glossary.json');
    glossaryUri = uriOf(glossaryFile);
    client = await TestClient.start({ workspace: dir });
    await client.open(uri('2026-04-14-strike.txt'), STRIKE);
  });
  after(async () => {
    await client?.shutdown();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const positionOf = (text: string, needle: string, from = 0): Position => {
    const at = text.indexOf(needle, from);
    assert.ok(at >= 0, needle);
    return TextDocument.create('file:///t', 'plaintext', 0, text).positionAt(at + 1);
  };
  const actionsAt = (docUri: string, position: Position): Promise<CodeAction[]> =>
    client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: docUri }, range: { start: position, end: position }, context: { diagnostics: [] } });
  const glossaryActions = (actions: CodeAction[]): CodeAction[] => actions.filter((a) => /glossary|not an entity/.test(a.title));
  /** The glossary changed on disk: what the client's watcher on .byline/*.json reports. */
  const glossaryChanged = async (docUri: string, type: 1 | 2): Promise<void> => {
    const republished = client.nextDiagnostics(docUri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: glossaryUri, type }] });
    await republished;
  };

  it('creates the glossary with the name, its type and the surname seen, or marks it as not an entity', async () => {
    const docUri = uri('2026-04-14-strike.txt');
    const actions = glossaryActions(await actionsAt(docUri, positionOf(STRIKE, 'Ibarra told')));
    assert.deepStrictEqual(actions.map((a) => a.title), ['Add “Gloria Ibarra” to the glossary', 'Mark “Gloria Ibarra” as not an entity']);
    for (const a of actions) {
      const changes = a.edit?.documentChanges ?? [];
      assert.deepStrictEqual(changes[0], { kind: 'create', uri: glossaryUri, options: { ignoreIfExists: true } }, 'the file is created first');
      const written = applyEdits('', editsFor(a.edit, glossaryUri));
      assert.ok(written.startsWith('[\n  {\n    "name": "Gloria Ibarra"'), written);
      const entries = JSON.parse(written) as unknown[];
      if (a.title.startsWith('Add')) assert.deepStrictEqual(entries, [{ name: 'Gloria Ibarra', type: 'PERSON', aliases: ['Ibarra'], note: '' }]);
      else assert.deepStrictEqual(entries, [{ name: 'Gloria Ibarra', aliases: ['Ibarra'], notAnEntity: true }]);
    }
    // Not on plain words.
    assert.deepStrictEqual(glossaryActions(await actionsAt(docUri, positionOf(STRIKE, 'depot'))), []);
  });

  it('appends to an existing glossary array, keeps its layout, and offers nothing for a name it lists', async () => {
    const docUri = uri('2026-04-14-strike.txt');
    fs.mkdirSync(path.dirname(glossaryFile), { recursive: true });
    const existing = '[\n  { "name": "Oakdale Transit Authority", "type": "ORG", "note": "Runs the city buses" }\n]\n';
    fs.writeFileSync(glossaryFile, existing);
    await glossaryChanged(docUri, 1);
    const add = glossaryActions(await actionsAt(docUri, positionOf(STRIKE, 'Gloria Ibarra'))).find((a) => a.title.startsWith('Add'));
    assert.ok(add, 'the add action');
    assert.strictEqual(add.edit?.documentChanges, undefined, 'no file to create');
    const written = applyEdits(existing, editsFor(add.edit, glossaryUri));
    assert.ok(written.startsWith('[\n  { "name": "Oakdale Transit Authority", "type": "ORG", "note": "Runs the city buses" },\n  {\n'), written);
    assert.deepStrictEqual((JSON.parse(written) as { name: string }[]).map((e) => e.name), ['Oakdale Transit Authority', 'Gloria Ibarra']);

    // Saved with a note: she is now in the glossary, so no more actions on her.
    const entries = JSON.parse(written) as { name: string; note?: string }[];
    entries[1]!.note = 'President of Oakdale Transit Workers Local 12 since 2021';
    fs.writeFileSync(glossaryFile, JSON.stringify(entries, null, 2));
    await glossaryChanged(docUri, 2);
    assert.deepStrictEqual(glossaryActions(await actionsAt(docUri, positionOf(STRIKE, 'Ibarra told'))), []);
  });

  it('shows the glossary note in the hover of every article of the folder', async () => {
    const strike = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri('2026-04-14-strike.txt') }, position: positionOf(STRIKE, 'Ibarra told') });
    assert.ok(hoverText(strike).includes('Glossary: President of Oakdale Transit Workers Local 12 since 2021'), hoverText(strike));
    const offerUri = uri('2026-04-18-offer.txt');
    await client.open(offerUri, FOLLOW_UP);
    const offer = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: offerUri }, position: positionOf(FOLLOW_UP, 'Gloria Ibarra') });
    assert.ok(hoverText(offer).includes('Glossary: President of Oakdale Transit Workers Local 12 since 2021'), hoverText(offer));
    await client.close(offerUri);
  });

  it('offers no glossary action while the glossary is not valid JSON', async () => {
    const docUri = uri('2026-04-14-strike.txt');
    fs.writeFileSync(glossaryFile, '[\n  { "name": "Oakdale Transit Authority", ');
    await glossaryChanged(docUri, 2);
    assert.deepStrictEqual(glossaryActions(await actionsAt(docUri, positionOf(STRIKE, 'Gloria Ibarra'))), []);
    fs.rmSync(glossaryFile);
    await glossaryChanged(docUri, 3 as 2);
  });

  it('lists the article’s sources as named, described and vague, each with its quotes', async () => {
    const docUri = uri('2026-04-14-strike.txt');
    // The folder counts come from the workspace index: wait for its first pass.
    while (!(await client.request<WorkspaceIndexStatus>(INDEX_STATUS_METHOD, null)).ready) await new Promise((r) => setTimeout(r, 50));
    const result = await client.request<SourcesResult | null>(SOURCES_METHOD, { textDocument: { uri: docUri } });
    assert.ok(result);
    const doc = client.doc(docUri);
    const ibarra = result.sources.find((s) => s.name.includes('Ibarra'));
    assert.ok(ibarra, JSON.stringify(result.sources.map((s) => s.name)));
    assert.strictEqual(ibarra.specificity, 'named');
    assert.strictEqual(ibarra.quotes.length, 3, 'her three quotes, under one source');
    assert.ok(doc.getText(ibarra.quotes[1]!.range).includes('We have waited three years'));
    const official = result.sources.find((s) => /senior city official/i.test(s.name));
    assert.strictEqual(official?.specificity, 'described');
    const critics = result.sources.find((s) => /critics/i.test(s.name));
    assert.strictEqual(critics?.specificity, 'vague');
    assert.deepStrictEqual(result.sources.map((s) => s.specificity), ['named', 'described', 'vague'], 'grouped in that order');
    assert.deepStrictEqual(result.counts, { named: 1, described: 1, vague: 1, unattributedQuotes: 0 });
    // Both articles of the folder: her quote in the follow-up adds a named one.
    assert.strictEqual(result.folder?.articles, 2, JSON.stringify(result.folder));
    assert.deepStrictEqual(result.folder.quotes, { named: 4, described: 1, vague: 1, unattributed: 0 });
    for (const s of result.sources) {
      assertRangeInside(doc, s.range);
      for (const q of s.quotes) assertRangeInside(doc, q.range);
    }
  });

  it('takes a name marked as not an entity out of the article once the glossary is written', async () => {
    const docUri = uri('2026-04-14-strike.txt');
    const at = positionOf(STRIKE, 'Gloria Ibarra');
    const before = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: docUri }, position: at });
    assert.ok(hoverText(before).includes('**Gloria Ibarra** · person'), hoverText(before));
    const mark = glossaryActions(await actionsAt(docUri, at)).find((a) => a.title.startsWith('Mark'));
    assert.ok(mark);
    fs.mkdirSync(path.dirname(glossaryFile), { recursive: true });
    fs.writeFileSync(glossaryFile, applyEdits('', editsFor(mark.edit, glossaryUri)));
    await glossaryChanged(docUri, 1);
    // Neither her full name nor the surname the entry lists as an alias.
    for (const needle of ['Gloria Ibarra', 'Ibarra told']) {
      const after = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: docUri }, position: positionOf(STRIKE, needle) });
      assert.ok(!hoverText(after).includes('· person'), hoverText(after));
    }
  });
});
