// The workspace index over LSP: a folder of four short wire stories we wrote (test/fixtures/workspace/) that share
// people: Maren Ostby (fisheries minister) in three of them, misspelled "Maren Ostbye" in the fourth; Lars Ostby
// (harbour master, no relation) who shares her surname; Antony Blinken, spelled "Anthony" once.

import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeAction, Diagnostic, Hover, Location, MarkupContent, WorkspaceSymbol } from 'vscode-languageserver-protocol/node';
import { INDEX_STATUS_METHOD, INDEXED_NOTIFICATION, type WorkspaceIndexStatus } from '../../src/protocol';
import { assertRangeInside, repoRoot, TestClient, uriOf } from './client';

const FIXTURES = path.join(repoRoot, 'test/fixtures/workspace');
const hoverText = (h: Hover | null): string => (h ? (h.contents as MarkupContent).value : '');

/** Resolves when the server says the first indexing pass is over (the notification, or the status if it came first). */
function indexed(client: TestClient): Promise<WorkspaceIndexStatus> {
  return new Promise((resolve) => {
    client.connection.onNotification(INDEXED_NOTIFICATION, (s: WorkspaceIndexStatus) => resolve(s));
    void client.request<WorkspaceIndexStatus>(INDEX_STATUS_METHOD, null).then((s) => s.ready && resolve(s));
  });
}

describe('LSP: the workspace index on a folder of related stories', function () {
  this.timeout(120_000);
  let dir: string;
  let client: TestClient;
  let status: WorkspaceIndexStatus;
  const uri = (name: string): string => uriOf(path.join(dir, name));
  const read = (name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');

  before(async () => {
    // A copy, so the tests that write files never touch the fixtures.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-ws-'));
    for (const f of fs.readdirSync(FIXTURES)) fs.copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
    fs.mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'pkg', 'README.md'), 'Maren Ostby maintains this package.\n');
    fs.mkdirSync(path.join(dir, 'drafts'));
    fs.writeFileSync(path.join(dir, 'drafts', 'spike.txt'), 'Maren Ostby met Maren Ostby and Maren Ostby.\n');
    // Over the size limit: left out with a notice.
    fs.writeFileSync(path.join(dir, 'big-transcript.txt'), 'Maren Ostby spoke at length. '.repeat(120));
    client = await TestClient.start({ workspace: dir, settings: { exclude: ['drafts/**'], maxDocumentSize: 3000 } });
    status = await indexed(client);
  });
  after(async () => {
    await client?.shutdown();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the folder’s articles, leaving out node_modules, byline.exclude and files over the size limit', () => {
    assert.strictEqual(status.ready, true);
    assert.strictEqual(status.files, 4, JSON.stringify(status));
    assert.strictEqual(status.skipped, 1, 'the file over the size limit');
    assert.ok(client.messages.some((m) => m.includes('big-transcript.txt') && m.includes('maxDocumentSize')), client.messages.join('\n'));
  });

  it('hovers a name with the other articles it appears in, linked to the line', async () => {
    const name = '2026-04-10-quota-talks.txt';
    const text = read(name);
    await client.open(uri(name), text);
    const at = text.indexOf('Maren Ostby') + 3;
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri(name) }, position: client.doc(uri(name)).positionAt(at) });
    const value = hoverText(h);
    assert.match(value, /Also in \[2026-04-11-assessment\.txt\]\(file:[^)]+2026-04-11-assessment\.txt#L\d+\) \(4 mentions, 1 quote\)/, value);
    assert.match(value, /2026-04-12-harbour\.txt/, value);
    // Lars Ostby is somebody else; the misspelled article does not count as hers either.
    assert.doesNotMatch(value, /2026-04-13-update/, value);
    // The link's line is where she is named in that file.
    const line = Number(/2026-04-11-assessment\.txt#L(\d+)/.exec(value)![1]) - 1;
    assert.ok(read('2026-04-11-assessment.txt').split('\n')[line]!.includes('Maren Ostby'), `line ${line + 1} names her`);
  });

  it('finds every article’s mentions and quotes with workspace/symbol', async () => {
    const symbols = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'Ostby' });
    const files = new Set(symbols.map((s) => path.basename((s.location as Location).uri)));
    for (const f of ['2026-04-10-quota-talks.txt', '2026-04-11-assessment.txt', '2026-04-12-harbour.txt']) assert.ok(files.has(f), `symbols in ${f}`);
    assert.ok(!files.has('spike.txt'), 'excluded draft not indexed');
    const names = new Set(symbols.filter((s) => s.kind !== 14).map((s) => s.name));
    assert.ok(names.has('Maren Ostby') && names.has('Lars Ostby'), [...names].join(', '));
    // Quotes are symbols too (kind String), named by their words.
    assert.ok(symbols.some((s) => s.kind === 15 && s.containerName?.startsWith('Maren Ostby') && /coastal communities/.test(s.name)), 'her quote in the assessment');
    for (const s of symbols) {
      const loc = s.location as Location;
      const file = path.basename(loc.uri);
      const lines = read(file).split('\n');
      const r = loc.range;
      assert.strictEqual(r.start.line, r.end.line);
      if (s.kind !== 15) assert.match(lines[r.start.line]!.slice(r.start.character, r.end.character), /Ostby/, `${file} ${JSON.stringify(r)}`);
    }
  });

  it('includes other articles’ mentions in references, but not a namesake’s', async () => {
    const name = '2026-04-10-quota-talks.txt';
    const text = read(name);
    const refs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uri(name) },
      position: client.doc(uri(name)).positionAt(text.indexOf('Maren Ostby') + 2),
      context: { includeDeclaration: true },
    });
    const byFile = new Map<string, number>();
    for (const r of refs) byFile.set(path.basename(r.uri), (byFile.get(path.basename(r.uri)) ?? 0) + 1);
    assert.ok((byFile.get(name) ?? 0) >= 2, JSON.stringify([...byFile]));
    assert.strictEqual(byFile.get('2026-04-11-assessment.txt'), 4);
    assert.strictEqual(byFile.get('2026-04-12-harbour.txt'), 1, 'Maren, not Lars, in the harbour story');
    const harbour = read('2026-04-12-harbour.txt').split('\n');
    for (const r of refs.filter((x) => x.uri.endsWith('harbour.txt'))) assert.strictEqual(harbour[r.range.start.line]!.slice(r.range.start.character, r.range.end.character), 'Maren Ostby');
  });

  let update: Diagnostic[] = [];
  it('flags a name spelled against the rest of the workspace (NAME001) with a fix to the established spelling', async () => {
    const name = '2026-04-13-update.txt';
    const published = await client.open(uri(name), read(name));
    const doc = client.doc(uri(name));
    update = published.diagnostics.filter((d) => d.code === 'NAME001');
    const words = update.map((d) => doc.getText(d.range));
    assert.deepStrictEqual(words.sort(), ['Anthony', 'Ostbye'], JSON.stringify(update));
    for (const d of update) assertRangeInside(doc, d.range, 'NAME001');
    const ostbye = update.find((d) => doc.getText(d.range) === 'Ostbye')!;
    assert.match(String(ostbye.message), /Maren Ostby/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri(name) }, range: ostbye.range, context: { diagnostics: [ostbye] } });
    const fix = actions.find((a) => a.isPreferred && a.edit);
    assert.ok(fix, JSON.stringify(actions));
    assert.deepStrictEqual(fix.edit!.changes![uri(name)], [{ range: ostbye.range, newText: 'Ostby' }]);
  });

  it('does not flag two different people who share a surname', async () => {
    const name = '2026-04-12-harbour.txt';
    const published = await client.open(uri(name), read(name));
    assert.deepStrictEqual(published.diagnostics.filter((d) => d.code === 'NAME001'), []);
  });

  it('keeps the index current when an article changes on disk', async () => {
    // A new article spelling her "Maren Ostbye" three times: still not the established spelling (3 articles say Ostby).
    const file = path.join(dir, '2026-04-14-late.txt');
    fs.writeFileSync(file, 'OSLO, April 14 (Byline) - Maren Ostby signed the deal on Tuesday.\n\n"It is a fair result," Maren Ostby said.\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 1 }] });
    let symbols: WorkspaceSymbol[] = [];
    for (let i = 0; i < 100 && !symbols.some((s) => (s.location as Location).uri.endsWith('late.txt')); i++) {
      await new Promise((r) => setTimeout(r, 100));
      symbols = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'Ostby' });
    }
    assert.ok(symbols.some((s) => (s.location as Location).uri.endsWith('late.txt')), 'the new article is indexed');
    fs.rmSync(file);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 3 }] });
    symbols = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'Ostby' });
    assert.ok(!symbols.some((s) => (s.location as Location).uri.endsWith('late.txt')), 'a deleted article leaves the index');
  });

  it('prefers an open document’s unsaved text, and the file again once it is closed', async () => {
    const name = '2026-04-12-harbour.txt';
    const edited = read(name).replace('Kari Nilsen of the', 'Sigrid Haugen of the');
    const u = uri(name);
    const names = async (): Promise<string[]> => (await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'Haugen' })).map((s) => path.basename((s.location as Location).uri));
    await client.close(u).catch(() => undefined);
    await client.open(u, edited);
    assert.deepStrictEqual(await names(), [name], 'the live text is indexed');
    await client.close(u);
    let now = await names();
    for (let i = 0; i < 100 && now.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      now = await names();
    }
    assert.deepStrictEqual(now, [], 'the file on disk counts again after closing');
  });

  it('drops a removed workspace folder’s articles and indexes an added one', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-ws2-'));
    try {
      fs.copyFileSync(path.join(FIXTURES, '2026-04-11-assessment.txt'), path.join(other, 'copy.txt'));
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: uriOf(other), name: 'other' }], removed: [{ uri: uriOf(dir), name: path.basename(dir) }] },
      });
      let files = new Set<string>();
      // the index works in the background: wait (up to 30 s on a loaded machine) for both changes to show
      for (let i = 0; i < 300 && (!files.has('copy.txt') || files.has('2026-04-11-assessment.txt')); i++) {
        await new Promise((r) => setTimeout(r, 100));
        files = new Set((await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'Ostby' })).map((s) => path.basename((s.location as Location).uri)));
      }
      assert.ok(files.has('copy.txt'), 'the added folder is indexed');
      assert.ok(!files.has('2026-04-11-assessment.txt'), 'a closed article of the removed folder is gone');
    } finally {
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: uriOf(dir), name: path.basename(dir) }], removed: [{ uri: uriOf(other), name: 'other' }] },
      });
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('follows a settings change: files let in are indexed, files left out leave', async () => {
    const files = async (): Promise<Set<string>> =>
      new Set((await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'Ostby' })).map((s) => path.basename((s.location as Location).uri)));
    const waitFor = async (ok: (f: Set<string>) => boolean): Promise<Set<string>> => {
      let f = await files();
      // the index works in the background: up to 30 s on a loaded machine
      for (let i = 0; i < 300 && !ok(f); i++) {
        await new Promise((r) => setTimeout(r, 100));
        f = await files();
      }
      return f;
    };
    const fixtures = fs.readdirSync(FIXTURES).sort();
    const before = await waitFor((f) => fixtures.every((x) => f.has(x)));
    assert.deepStrictEqual([...before].sort(), fixtures, 'the fixtures, not the excluded draft nor the file over the size limit');
    try {
      await client.setSettings({ exclude: [], maxDocumentSize: 100_000 });
      const let_in = await waitFor((f) => f.has('spike.txt') && f.has('big-transcript.txt'));
      assert.ok(let_in.has('spike.txt'), 'no longer excluded');
      assert.ok(let_in.has('big-transcript.txt'), 'now under the size limit');
      await client.setSettings({ exclude: ['drafts/**'], maxDocumentSize: 100_000, languages: ['markdown', 'news'] });
      const left = await waitFor((f) => !f.has('spike.txt') && !f.has('big-transcript.txt') && !f.has('2026-04-11-assessment.txt'));
      assert.ok(!left.has('spike.txt'), 'excluded again');
      assert.ok(!left.has('2026-04-11-assessment.txt'), 'plain text switched off');
    } finally {
      await client.setSettings({ exclude: ['drafts/**'], maxDocumentSize: 3000 });
      const back = await waitFor((f) => fixtures.every((x) => f.has(x)) && !f.has('big-transcript.txt') && !f.has('spike.txt'));
      assert.deepStrictEqual([...back].sort(), fixtures);
    }
  });

  it('hints a first reference by surname only (NAME002), with the full name as the fix', async () => {
    const name = '2026-04-15-draft.txt';
    const text = 'Cod deal signed\n\nOSLO, April 15 (Byline) - Ostby signed the cod agreement in Brussels on Wednesday.\n\nFisheries Minister Maren Ostby called it "a fair result for the coast."\n';
    const published = await client.open(uri(name), text);
    const doc = client.doc(uri(name));
    const hints = published.diagnostics.filter((d) => d.code === 'NAME002');
    assert.deepStrictEqual(hints.map((d) => doc.getText(d.range)), ['Ostby'], JSON.stringify(published.diagnostics));
    assert.strictEqual(hints[0]!.severity, 4, 'a hint');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri(name) }, range: hints[0]!.range, context: { diagnostics: hints } });
    assert.deepStrictEqual(actions.find((a) => a.edit)?.edit?.changes?.[uri(name)], [{ range: hints[0]!.range, newText: 'Maren Ostby' }]);
  });
});
