// The CLI contract (ARCHITECTURE.md): the bundled dist/cli.js on our samples and on bad input.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const samples = path.join(root, 'samples');

function run(args: string[], input?: string | Buffer): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Slice {
  start: number;
  end: number;
  text: string;
}
interface FileResult {
  file: string;
  entities: { id: string; type: string; name: string; mentions: Slice[] }[];
  quotes: (Slice & { id: string; kind: string; speaker: (Slice & { entity: string | null; entityName: string | null }) | null; cue: Slice | null })[];
  diagnostics: { code: string; severity: string; start: number; end: number; message: string }[];
}

const TYPES = new Set(['PERSON', 'ORG', 'LOC', 'MISC', 'DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY']);
const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);

function assertSlices(result: FileResult, text: string): void {
  const check = (s: Slice, what: string): void => {
    assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `${what} [${s.start}, ${s.end}) lies inside ${result.file}`);
    assert.strictEqual(s.text, text.slice(s.start, s.end), `${what} text equals its slice`);
  };
  for (const e of result.entities) {
    assert.ok(TYPES.has(e.type), `entity type ${e.type}`);
    assert.ok(e.id && e.name, 'entity has id and name');
    e.mentions.forEach((m) => check(m, `mention of ${e.name}`));
  }
  for (const q of result.quotes) {
    assert.ok(['direct', 'indirect', 'mixed'].includes(q.kind), `quote kind ${q.kind}`);
    check(q, `quote ${q.id}`);
    if (q.speaker) check(q.speaker, `speaker of ${q.id}`);
    if (q.cue) check(q.cue, `cue of ${q.id}`);
  }
  for (const d of result.diagnostics) {
    assert.ok(SEVERITIES.has(d.severity), `severity ${d.severity}`);
    assert.match(d.code, /^[A-Z]+\d{3}$/);
    assert.ok(d.start >= 0 && d.start <= d.end && d.end <= text.length, `diagnostic ${d.code} inside the file`);
    assert.ok(d.message.length > 0);
  }
}

describe('byline CLI', function () {
  this.timeout(60_000);

  before(function () {
    if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first`);
  });

  it('analyze --format jsonl prints one contract object per article, in order, with exact slices', () => {
    const r = run(['analyze', '--format', 'jsonl', 'samples']);
    assert.strictEqual(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    const files = fs.readdirSync(samples).filter((f) => /\.(txt|md|news)$/.test(f)).sort();
    assert.strictEqual(lines.length, files.length);
    lines.forEach((line, i) => {
      const result = JSON.parse(line) as FileResult;
      assert.strictEqual(path.basename(result.file), files[i]);
      assert.deepStrictEqual(Object.keys(result), ['file', 'entities', 'quotes', 'diagnostics']);
      assertSlices(result, fs.readFileSync(path.join(root, result.file), 'utf8'));
    });
  });

  it('analyze --format json prints the same objects as one array', () => {
    const jsonl = run(['analyze', '--format', 'jsonl', 'samples']).stdout.trim().split('\n').map((l) => JSON.parse(l) as FileResult);
    const json = JSON.parse(run(['analyze', '--format', 'json', 'samples']).stdout) as FileResult[];
    assert.deepStrictEqual(json, jsonl);
  });

  it('finds the people and the quotes of a sample article', () => {
    const [result] = JSON.parse(run(['analyze', '--format', 'json', 'samples/harbour-bridge.news']).stdout) as FileResult[];
    assert.ok(result);
    const people = result.entities.filter((e) => e.type === 'PERSON').map((e) => e.name);
    assert.ok(people.includes('Helen Marsh'), `people: ${people.join(', ')}`);
    assert.ok(people.includes('Raj Patel'), `people: ${people.join(', ')}`);
    const marsh = result.entities.find((e) => e.name === 'Helen Marsh');
    assert.ok(marsh && marsh.mentions.length >= 2, 'surname mentions link to the full name');
    const direct = result.quotes.filter((q) => q.kind === 'direct');
    assert.ok(direct.length >= 3, `direct quotes: ${direct.length}`);
    const patel = result.quotes.find((q) => q.text.includes('Nobody disputes'));
    assert.strictEqual(patel?.speaker?.entityName, 'Raj Patel');
    assert.strictEqual(patel?.cue?.text, 'said');
  });

  it('reads standard input with "-"', () => {
    const text = 'LONDON (Byline Wire) — "The vote was a mistake," said Prime Minister Keir Starmer on Monday.\n';
    const r = run(['analyze', '--format', 'json', '-'], text);
    assert.strictEqual(r.status, 0, r.stderr);
    const [result] = JSON.parse(r.stdout) as FileResult[];
    assert.strictEqual(result?.file, '-');
    assertSlices(result!, text);
  });

  it('counts offsets in UTF-16 code units through emoji and CRLF', () => {
    const text = 'Ana 😀 Silva won.\r\n\r\n"We did it together," said Ana Silva, the 🇧🇷 team captain.\r\n';
    const r = run(['analyze', '--format', 'json', '-'], text);
    assert.strictEqual(r.status, 0, r.stderr);
    assertSlices((JSON.parse(r.stdout) as FileResult[])[0]!, text);
  });

  it('check exits 1 when a warning is found and 0 on clean copy', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-cli-'));
    fs.writeFileSync(path.join(dir, 'bad.txt'), 'The budget vote was close.\n\n"We will not be raising taxes on working families this year."\n\nCritics say the plan will push rents higher.\n');
    fs.writeFileSync(path.join(dir, 'good.txt'), 'The council met on Tuesday.\n\n"We will not be raising taxes," Finance Minister Jane Ortiz said Tuesday.\n');
    const bad = run(['check', path.join(dir, 'bad.txt')]);
    assert.strictEqual(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /ATTR00[12]/);
    const good = run(['check', '--format', 'json', path.join(dir, 'good.txt')]);
    assert.strictEqual(good.status, 0, good.stdout + good.stderr);
    const parsed = JSON.parse(good.stdout) as { file: string; diagnostics: unknown[] }[];
    assert.deepStrictEqual(Object.keys(parsed[0]!), ['file', 'diagnostics']);
    fs.rmSync(dir, { recursive: true });
  });

  it('check reports a first reference by surname only (NAME002) as a hint, which does not fail the check', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-cli-'));
    const text = 'Cod quota agreed\n\nOstby signed the cod agreement in Brussels on Wednesday.\n\nFisheries Minister Maren Ostby called it a fair result for the coast, her office said on Thursday.\n';
    fs.writeFileSync(path.join(dir, 'quota.txt'), text);
    const r = run(['check', '--format', 'json', path.join(dir, 'quota.txt')]);
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    const [result] = JSON.parse(r.stdout) as { diagnostics: { code: string; severity: string; start: number; end: number }[] }[];
    const hint = result!.diagnostics.find((d) => d.code === 'NAME002');
    assert.ok(hint, r.stdout);
    assert.strictEqual(hint.severity, 'hint');
    assert.strictEqual(text.slice(hint.start, hint.end), 'Ostby');
    fs.rmSync(dir, { recursive: true });
  });

  it('exits 2 with a clear message on bad usage and unreadable input, and still reports the rest', () => {
    const usage = run(['analyze', '--format', 'xml', 'samples']);
    assert.strictEqual(usage.status, 2);
    assert.match(usage.stderr, /--format/);
    assert.strictEqual(run([]).status, 2);
    assert.strictEqual(run(['publish', 'x']).status, 2);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-cli-'));
    const binary = path.join(dir, 'photo.txt');
    fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]));
    const r = run(['analyze', '--format', 'jsonl', binary, 'samples/water-talks.txt', path.join(dir, 'missing.txt')]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /photo\.txt: looks like a binary file/);
    assert.match(r.stderr, /missing\.txt: no such file/);
    assert.strictEqual(r.stdout.trim().split('\n').length, 1, 'the readable file is still analysed');
    fs.rmSync(dir, { recursive: true });
  });

  it('handles an empty file', () => {
    const r = run(['analyze', '--format', 'json', '-'], '');
    assert.strictEqual(r.status, 0, r.stderr);
    const [result] = JSON.parse(r.stdout) as FileResult[];
    assert.deepStrictEqual([result?.entities, result?.quotes, result?.diagnostics], [[], [], []]);
  });
});
