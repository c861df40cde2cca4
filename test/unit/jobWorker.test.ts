// The worker plumbing of the server: results passed back in pieces (so a long document's result never holds the
// main thread in one go), and the per-document memo that lets an edit re-tag only what it touched.

import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assemble, inPieces, JobWorker, PIECE_ITEMS, type JobWorkerOptions } from '../../src/server/jobWorker';
import { MemoEngine, serverArticle } from '../../src/server/documents';
import { analyzeText } from '../../src/server/engine';
import { AnalysisCancelled } from '../../src/server/analysis/article';

const ARTICLE = `Mayor Rosa Delgado said on Tuesday that the city would reopen the Harbour Street library in March.

"We promised the neighbourhood a library, and it will have one," Delgado told the council.

The Friends of Harbour Library, a volunteer group, said the repairs were overdue. Councillor Tom Birch disagreed, saying the money was needed for roads.

Officials expect the work to cost about $2.4 million, according to the city budget office.
`;

/**
 * Runs `use` with a real JobWorker whose worker script is `body` (worker-side code with `serveJobs` in scope), then
 * disposes of both.
 */
async function withTestWorker<Job, Result>(body: string, options: Partial<JobWorkerOptions<Job, Result>>, use: (worker: JobWorker<Job, Result>) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-jobworker-'));
  const script = path.join(dir, 'worker.js');
  fs.writeFileSync(script, `const { serveJobs } = require(${JSON.stringify(require.resolve('../../src/server/jobWorker'))});\n${body}`);
  const worker = new JobWorker<Job, Result>({
    script, name: 'test worker', timeoutMs: 20_000, timeoutError: () => new Error('timeout'),
    inProcess: () => assert.fail('the worker should start'), log: () => undefined, ...options,
  });
  try {
    await use(worker);
  } finally {
    worker.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('jobWorker: results in pieces', () => {
  it('splits only the long top-level arrays and puts them back in order', () => {
    const result = { name: 'x', short: [1, 2, 3], long: Array.from({ length: PIECE_ITEMS * 2 + 7 }, (_, i) => ({ i })), other: Array.from({ length: PIECE_ITEMS + 1 }, (_, i) => i) };
    const messages = inPieces(7, result);
    const pieces = messages.filter((m) => 'piece' in m);
    assert.strictEqual(pieces.length, 3 + 2);
    for (const m of pieces) assert.ok('piece' in m && m.piece.items.length <= PIECE_ITEMS && m.id === 7);
    const last = messages[messages.length - 1]!;
    assert.ok('result' in last);
    assert.deepStrictEqual(last.result.long, []);
    assert.deepStrictEqual(last.result.short, [1, 2, 3]);
    const gathered = new Map<string, unknown[]>();
    for (const m of pieces) if ('piece' in m) gathered.set(m.piece.key, [...(gathered.get(m.piece.key) ?? []), ...m.piece.items]);
    assert.deepStrictEqual(assemble(last.result, gathered), result);
    assert.strictEqual(result.long.length, PIECE_ITEMS * 2 + 7, 'the original is not modified');
  });

  it('counts the arrays an item holds, so a few entities with many mentions are split too', () => {
    const entity = (n: number, mentions: number) => ({ id: `e${n}`, mentions: Array.from({ length: mentions }, (_, i) => ({ start: i })) });
    const result = { entities: [entity(0, 300), entity(1, 300), entity(2, PIECE_ITEMS * 3), entity(3, 10), entity(4, 10)] };
    const messages = inPieces(1, result);
    const pieces = messages.filter((m) => 'piece' in m).map((m) => ('piece' in m ? m.piece.items.map((e) => (e as { id: string }).id) : []));
    assert.deepStrictEqual(pieces, [['e0'], ['e1'], ['e2'], ['e3', 'e4']], 'a big entity alone, small ones together');
    const gathered = new Map([['entities', pieces.flat().map((id) => result.entities.find((e) => e.id === id)!)]]);
    const last = messages[messages.length - 1]!;
    assert.ok('result' in last);
    assert.deepStrictEqual(assemble(last.result, gathered), result);
  });

  it('leaves small results and non-objects whole', () => {
    assert.deepStrictEqual(inPieces(1, { a: [1] }), [{ id: 1, result: { a: [1] } }]);
    assert.deepStrictEqual(inPieces(2, 'text'), [{ id: 2, result: 'text' }]);
    assert.deepStrictEqual(inPieces(3, [1, 2]), [{ id: 3, result: [1, 2] }]);
  });

  it('receives a long result over a real worker while the main thread keeps running between pieces', async () => {
    const body = `serveJobs((job) => ({ label: job.label, items: Array.from({ length: job.n }, (_, i) => ({ i, text: 'item ' + i })) }));\n`;
    await withTestWorker<{ label: string; n: number }, { label: string; items: { i: number; text: string }[] }>(body, {}, async (worker) => {
      let turns = 0;
      let receiving = true;
      const spin = (): void => {
        turns++;
        if (receiving) setImmediate(spin);
      };
      setImmediate(spin);
      const n = PIECE_ITEMS * 12 + 3;
      const result = await worker.run({ label: 'big', n }, () => true);
      receiving = false;
      assert.ok(result);
      assert.strictEqual(result.label, 'big');
      assert.strictEqual(result.items.length, n);
      assert.ok(result.items.every((x, i) => x.i === i && x.text === `item ${i}`));
      // one acknowledgement per piece, each sent from setImmediate: the loop turned at least once per piece
      assert.ok(turns >= 13, `the event loop turned ${turns} times while 13 pieces arrived`);
      // the next job on the same worker is not confused by the last one's pieces
      const small = await worker.run({ label: 'small', n: 2 }, () => true);
      assert.deepStrictEqual(small, { label: 'small', items: [{ i: 0, text: 'item 0' }, { i: 1, text: 'item 1' }] });
    });
  });
});

describe('jobWorker: cancelling a running job', () => {
  it('stops the job it is asked to stop, resolves undefined, and runs the next job normally', async () => {
    // a job that works in steps until it is cancelled (or gives up after 20 s, which fails the test)
    const body =
      `class Stop extends Error {}\n` +
        `serveJobs((job, cancelled) => {\n` +
        `  if (!job.endless) return { uri: job.uri, steps: 0 };\n` +
        `  const until = Date.now() + 20000;\n` +
        `  let steps = 0;\n` +
        `  while (Date.now() < until) { steps++; if (cancelled()) throw new Stop(); }\n` +
        `  return { uri: job.uri, steps };\n` +
        `}, (e) => e instanceof Stop);\n`;
    await withTestWorker<{ uri: string; endless: boolean }, { uri: string; steps: number }>(body, { timeoutMs: 60_000 }, async (worker) => {
      const running = worker.run({ uri: 'a', endless: true }, () => true);
      await new Promise((r) => setTimeout(r, 300));
      worker.cancel((job) => job.uri === 'b'); // another document: no effect
      const queued = worker.run({ uri: 'b', endless: false }, () => true);
      worker.cancel((job) => job.uri === 'a');
      assert.strictEqual(await running, undefined);
      assert.deepStrictEqual(await queued, { uri: 'b', steps: 0 });
    });
  });

  it('runs the next job normally after a job overran its time limit (the killed worker exits later)', async () => {
    const body = `serveJobs((job) => { if (job.endless) for (;;) {} return { uri: job.uri }; });\n`;
    const options = { timeoutMs: 1000, startupGraceMs: 5000, timeoutError: () => new Error('over time') };
    await withTestWorker<{ uri: string; endless: boolean }, { uri: string }>(body, options, async (worker) => {
      await worker.run({ uri: 'warm', endless: false }, () => true);
      const overrun = worker.run({ uri: 'a', endless: true }, () => true);
      const next = worker.run({ uri: 'b', endless: false }, () => true);
      await assert.rejects(overrun, /over time/);
      assert.deepStrictEqual(await next, { uri: 'b' });
    });
  });

  it('the engine gives up with AnalysisCancelled when asked between its steps', () => {
    let asked = 0;
    assert.throws(
      () => analyzeText(ARTICLE, { format: 'news', cancelled: () => ++asked >= 2 }),
      (e: unknown) => e instanceof AnalysisCancelled,
    );
    assert.strictEqual(asked, 2);
  });
});

describe('MemoEngine: per-document memory between analyses', () => {
  const edits: ((t: string) => string)[] = [
    (t) => t.replace('Tuesday', 'Wednesday'),
    (t) => t.replace('Tom Birch', 'Thomas Birch'),
    (t) => t.replace(/\n\nThe Friends[^\n]*\n/, '\n'),
    (t) => t + '\n"It is a good day for readers," Delgado said.\n',
    (t) => t.replace('volunteer group', 'Volunteer Group'),
  ];

  it('gives exactly the fresh analysis, without tokens, after every edit', () => {
    const engine = new MemoEngine();
    let text = ARTICLE;
    assert.deepStrictEqual(engine.analyze('file:///a.news', text, { format: 'news' }), serverArticle(analyzeText(text, { format: 'news' })));
    for (const edit of edits) {
      text = edit(text);
      const got = engine.analyze('file:///a.news', text, { format: 'news' });
      assert.deepStrictEqual(got, serverArticle(analyzeText(text, { format: 'news' })));
      assert.deepStrictEqual(got.tokens, []);
      assert.ok(got.entities.some((e) => e.name === 'Rosa Delgado'));
    }
  });

  it('keeps documents apart', () => {
    const engine = new MemoEngine();
    const other = ARTICLE.replace(/Delgado/g, 'Okafor');
    engine.analyze('file:///a.news', ARTICLE, { format: 'news' });
    const b = engine.analyze('file:///b.news', other, { format: 'news' });
    assert.deepStrictEqual(b, serverArticle(analyzeText(other, { format: 'news' })));
    assert.ok(b.entities.some((e) => e.name === 'Rosa Okafor'));
  });
});
