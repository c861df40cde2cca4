// The workspace index in-process (no LSP): listing with exclusions, summaries, the spelling table kept current
// as files are replaced and deleted, and the exclude globs.

import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../src/server/engine';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import { globToRegExp, listArticles, WorkspaceIndex } from '../../src/server/workspace/index';
import { InProcessSummarizer } from '../../src/server/workspace/indexWorker';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/workspace');

describe('workspace index', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-index-unit-'));
    for (const f of ['2026-04-10-quota-talks.txt', '2026-04-13-update.txt']) fs.copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
    fs.mkdirSync(path.join(dir, 'notes'));
    fs.writeFileSync(path.join(dir, 'notes', 'call.md'), 'Call Maren Ostby.\n');
    fs.writeFileSync(path.join(dir, 'photo.jpg'), 'not an article');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('matches exclude globs as VS Code does', () => {
    assert.ok(globToRegExp('notes/**').test('notes/call.md'));
    assert.ok(globToRegExp('**/notes').test('a/notes/call.md'), 'a folder pattern covers its contents');
    assert.ok(globToRegExp('*.md').test('deep/down/x.md'), 'no slash: any depth');
    assert.ok(globToRegExp('**/*.{md,news}').test('x.news'));
    assert.ok(!globToRegExp('notes/**').test('footnotes/x.txt'));
  });

  it('lists articles only, leaving out excluded paths', async () => {
    const all = (await listArticles(dir, [], 100)).map((f) => path.relative(dir, f)).sort();
    assert.deepStrictEqual(all, ['2026-04-10-quota-talks.txt', '2026-04-13-update.txt', path.join('notes', 'call.md')]);
    const some = await listArticles(dir, [globToRegExp('notes/**')], 100);
    assert.strictEqual(some.length, 2);
  });

  it('keeps per-file summaries and the spelling table current', async () => {
    const open = new Set<string>();
    const index = new WorkspaceIndex({
      summarizer: new InProcessSummarizer(),
      inputsFor: async () => ({ settings: DEFAULT_SETTINGS, enabled: true, options: { format: 'plaintext', maxLength: 1_000_000 }, key: '' }),
      excludesFor: async () => ['notes/**'],
      isOpen: (uri) => open.has(uri),
      log: () => undefined,
      notice: () => undefined,
      progress: async () => undefined,
    });
    const status = await index.start([pathToFileURL(dir).toString()]);
    assert.strictEqual(status.files, 2);
    const talks = pathToFileURL(path.join(dir, '2026-04-10-quota-talks.txt')).toString();
    const summary = index.get(talks)!;
    const maren = summary.entities.find((e) => e.name === 'Maren Ostby')!;
    assert.ok(maren.mentions.length >= 8, 'ranges kept as four numbers a mention');
    assert.ok(maren.quotes >= 1);
    assert.strictEqual(index.spellings.get('maren ostby')?.count, 2);
    assert.strictEqual(index.spellings.get('maren ostbye')?.count, 1);

    // The open document's live text replaces the file: she is now "Maren Ostbye" there too.
    const text = fs.readFileSync(path.join(dir, '2026-04-10-quota-talks.txt'), 'utf8').replace(/Maren Ostby/g, 'Maren Ostbye');
    open.add(talks);
    index.updateFromArticle(TextDocument.create(talks, 'plaintext', 2, text), analyzeText(text, { format: 'plaintext' }));
    assert.strictEqual(index.spellings.get('maren ostby'), undefined, 'no file spells it that way any more');
    assert.strictEqual(index.spellings.get('maren ostbye')?.count, 3);
    assert.ok(index.spellingsBySignature.get('maren *')?.has('maren ostbye'));

    // Deleted on disk: gone from the index and the table.
    const update = pathToFileURL(path.join(dir, '2026-04-13-update.txt')).toString();
    index.filesChanged([{ uri: update, type: 3 }]);
    assert.strictEqual(index.get(update), undefined);
    assert.strictEqual(index.spellings.get('maren ostbye')?.count, 2);
    assert.strictEqual(index.spellings.get('anthony blinken'), undefined);
    index.dispose();
  });
});
