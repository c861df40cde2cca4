// `byline analyze|check`: the engine on files, folders and stdin, printing the fixed JSON contract of
// ARCHITECTURE.md (or text for people). Exit codes: 0 fine · 1 check found a warning or error · 2 bad usage or
// unreadable input.

import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from './server/engine';
import { DEFAULT_MAX_LENGTH } from './server/analysis/article';
import { parseGlossary, type Glossary } from './server/analysis/glossary';
import type { Article, DocumentFormat, Finding, Severity } from './server/analysis/types';

const USAGE = `Usage:
  byline analyze [--format text|json|jsonl] FILE|DIR|- ...   print entities, quotes and diagnostics
  byline check   [--format text|json] FILE|DIR ...           diagnostics only; exit 1 on any warning or error

Options:
  --format F        output format (default: text)
  --glossary FILE   glossary JSON (default: .byline/glossary.json in the current folder, when present)
  --max-size N      skip documents longer than N characters (default: ${DEFAULT_MAX_LENGTH})
  -h, --help        show this help
  -v, --version     show the version

Folders are searched recursively for .txt, .md and .news files. "-" reads standard input.
Nothing is sent anywhere: Byline runs entirely on this machine.`;

const EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.news']);
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

class UsageError extends Error {}

interface CliOptions {
  command: 'analyze' | 'check';
  format: 'text' | 'json' | 'jsonl';
  inputs: string[];
  glossaryPath?: string;
  maxSize?: number;
}

function parseArgs(argv: string[]): CliOptions | 'help' | 'version' {
  if (argv.length === 0) throw new UsageError('no command given');
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') return 'help';
  if (command === '-v' || command === '--version') return 'version';
  if (command !== 'analyze' && command !== 'check') throw new UsageError(`unknown command "${command}" (expected analyze or check)`);
  const opts: CliOptions = { command, format: 'text', inputs: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = (): string => {
      const eq = arg.indexOf('=');
      if (eq > 0) return arg.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '-h' || arg === '--help') return 'help';
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const f = value();
      const allowed = command === 'analyze' ? ['text', 'json', 'jsonl'] : ['text', 'json'];
      if (!allowed.includes(f)) throw new UsageError(`--format for ${command} must be one of ${allowed.join(', ')} (got "${f}")`);
      opts.format = f as CliOptions['format'];
    } else if (arg === '--glossary' || arg.startsWith('--glossary=')) opts.glossaryPath = value();
    else if (arg === '--max-size' || arg.startsWith('--max-size=')) {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new UsageError('--max-size must be a positive number');
      opts.maxSize = n;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}"`);
    else opts.inputs.push(arg);
  }
  if (opts.inputs.length === 0) throw new UsageError('no FILE, DIR or - given');
  if (command === 'check' && opts.inputs.includes('-')) {
    // allowed: checking stdin is useful in pipelines
  }
  return opts;
}

/** Expands folders into their article files (sorted, so output order is stable). */
function collectFiles(input: string, problems: string[]): string[] {
  if (input === '-') return ['-'];
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch {
    problems.push(`${input}: no such file or folder`);
    return [];
  }
  if (stat.isFile()) return [input];
  if (!stat.isDirectory()) {
    problems.push(`${input}: not a file or folder`);
    return [];
  }
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push(`${dir}: cannot read folder (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(full);
      } else if (e.isFile() && EXTENSIONS.has(path.extname(e.name).toLowerCase())) out.push(full);
    }
  };
  walk(input);
  return out;
}

function formatOf(file: string): DocumentFormat {
  const ext = path.extname(file).toLowerCase();
  return ext === '.md' || ext === '.markdown' ? 'markdown' : ext === '.news' ? 'news' : 'plaintext';
}

/** Reads a file as UTF-8 text, refusing binary content with a clear reason. */
function readText(file: string): string {
  const bytes = file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) throw new Error('looks like a binary file (it contains NUL bytes), not an article');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error('is not valid UTF-8 text; save it as UTF-8 and try again');
  }
}

function loadGlossary(opts: CliOptions, problems: string[]): Glossary | undefined {
  const explicit = opts.glossaryPath;
  const file = explicit ?? path.join(process.cwd(), '.byline', 'glossary.json');
  if (!fs.existsSync(file)) {
    if (explicit) problems.push(`${explicit}: glossary not found`);
    return undefined;
  }
  const { glossary, problems: issues } = parseGlossary(fs.readFileSync(file, 'utf8'));
  for (const p of issues) process.stderr.write(`byline: ${file}: ${p.message}\n`);
  return glossary;
}

/** The contract object for one file (ARCHITECTURE.md, "The CLI contract"). */
function toJson(file: string, article: Article, diagnosticsOnly: boolean): object {
  const diagnostics = article.diagnostics.map((d) => ({ code: d.code, severity: d.severity, start: d.start, end: d.end, message: d.message }));
  if (diagnosticsOnly) return { file, diagnostics };
  return {
    file,
    entities: article.entities.map((e) => ({
      id: e.id,
      type: e.type,
      name: e.name,
      mentions: e.mentions.map((m) => ({ start: m.start, end: m.end, text: m.text })),
    })),
    quotes: article.quotes.map((q) => ({
      id: q.id,
      kind: q.kind,
      start: q.start,
      end: q.end,
      text: q.text,
      speaker: q.speaker
        ? { start: q.speaker.start, end: q.speaker.end, text: q.speaker.text, entity: q.speaker.entity ?? null, entityName: q.speaker.entityName ?? null }
        : null,
      cue: q.cue ? { start: q.cue.start, end: q.cue.end, text: q.cue.text } : null,
    })),
    diagnostics,
  };
}

/** 1-based line and column (UTF-16 units, as editors count) of an offset. */
function lineCol(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `${line}:${offset - lineStart + 1}`;
}

const tty = process.stdout.isTTY === true && !process.env.NO_COLOR;
const paint = (code: string, s: string): string => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
const SEVERITY_COLOUR: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '2' };
const oneLine = (s: string, max = 100): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
};

function printFinding(file: string, text: string, d: Finding): void {
  process.stdout.write(`${file}:${lineCol(text, d.start)}: ${paint(SEVERITY_COLOUR[d.severity], d.severity)} ${paint('1', d.code)} ${d.message}\n`);
}

function printText(file: string, article: Article, command: 'analyze' | 'check'): void {
  if (command === 'check') {
    for (const d of article.diagnostics) printFinding(file, article.text, d);
    return;
  }
  process.stdout.write(paint('1', file) + `  ${article.wordCount} words${article.dateline ? ` · dateline ${article.dateline}` : ''}\n`);
  if (article.entities.length) {
    process.stdout.write('  Entities\n');
    for (const e of article.entities) {
      const extra = e.descriptors.length ? ` — ${e.descriptors.slice(0, 3).map((d) => `"${d}"`).join(', ')}` : '';
      process.stdout.write(`    ${paint('36', e.type.padEnd(8))} ${e.name} ×${e.mentions.length}${extra}\n`);
    }
  }
  if (article.quotes.length) {
    process.stdout.write('  Quotes\n');
    for (const q of article.quotes) {
      const who = q.speaker ? (q.speaker.entityName ?? q.speaker.text) : paint('33', 'no speaker');
      process.stdout.write(`    ${q.id.padEnd(4)} ${q.kind.padEnd(8)} ${paint('1', who)}${q.cue ? ` (${q.cue.text})` : ''}: ${oneLine(q.text)}\n`);
    }
  }
  if (article.diagnostics.length) {
    process.stdout.write('  Diagnostics\n');
    for (const d of article.diagnostics) process.stdout.write(`    ${lineCol(article.text, d.start).padEnd(7)} ${paint(SEVERITY_COLOUR[d.severity], d.severity.padEnd(11))} ${d.code} ${d.message}\n`);
  }
}

export function main(argv: string[]): number {
  let opts: CliOptions | 'help' | 'version';
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`byline: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (opts === 'version') {
    process.stdout.write(`byline ${VERSION}\n`);
    return 0;
  }
  const problems: string[] = [];
  const files = opts.inputs.flatMap((i) => collectFiles(i, problems));
  const glossary = loadGlossary(opts, problems);
  const results: object[] = [];
  let blocking = 0;
  let findings = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readText(file);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      problems.push(`${file === '-' ? 'standard input' : file}: ${err.code ? `cannot read (${err.code})` : err.message}`);
      continue;
    }
    const label = file === '-' ? '-' : file;
    const article = analyzeText(text, { format: file === '-' ? 'plaintext' : formatOf(file), glossary, maxLength: opts.maxSize });
    if (article.notice) process.stderr.write(`byline: ${label}: ${article.notice}\n`);
    findings += article.diagnostics.length;
    blocking += article.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').length;
    const json = toJson(label, article, opts.command === 'check');
    if (opts.format === 'jsonl') process.stdout.write(JSON.stringify(json) + '\n');
    else if (opts.format === 'json') results.push(json);
    else printText(label, article, opts.command);
  }
  if (opts.format === 'json') process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  if (opts.command === 'check' && opts.format === 'text') {
    process.stdout.write(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${findings} finding${findings === 1 ? '' : 's'}, ${blocking} warning${blocking === 1 ? '' : 's'} or error${blocking === 1 ? '' : 's'}\n`);
  }
  for (const p of problems) process.stderr.write(`byline: ${p}\n`);
  if (problems.length) return 2;
  if (files.length === 0) {
    process.stderr.write('byline: no .txt, .md or .news files found\n');
    return 2;
  }
  return opts.command === 'check' && blocking > 0 ? 1 : 0;
}

declare const BYLINE_VERSION: string | undefined;
const VERSION = typeof BYLINE_VERSION === 'string' ? BYLINE_VERSION : 'dev';

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
