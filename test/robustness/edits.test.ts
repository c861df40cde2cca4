// Random incremental edits against the real server (issue 8): fast-check generates typing, deletions across
// lines, pastes of quotes and names, CRLF and emoji; they go to dist/server.js over stdio as incremental
// didChange notifications (sometimes several in one notification, as multi-cursor edits do). After each
// batch the server's view must equal the client's text:
//  - byline/quotes answers for the client's version, and each quote's range holds the text its snippet shows;
//  - semantic tokens, document symbols and hovers for the edited document equal those of a twin document
//    opened fresh with the client's text (analysis is deterministic, so any drift in the server's copy shows);
//  - at the end of each run, the diagnostics published for the final version equal the twin's;
//  - every returned range lies inside the client's text and never splits a surrogate pair.
// BYLINE_EDITS sets the number of edits (default 10,000; `npm run test:nightly` runs 100,000); BYLINE_SEED
// replays a failing run (the seed is printed on failure).

import * as assert from 'assert';
import fc from 'fast-check';
import type { Diagnostic, DocumentSymbol, Hover, Range, SemanticTokens, SymbolInformation, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { LspClient, lineLengths, lineStarts, positionAt } from '../../scripts/bench/lsp';
import { loadSamples } from '../../scripts/bench/inputs';
import { QUOTES_METHOD, type QuotesResult } from '../../src/protocol';

const TOTAL_EDITS = Number(process.env.BYLINE_EDITS ?? 10_000);
const EDITS_PER_RUN = 100;
const CHECK_EVERY = 25;

// Pastes a journalist makes: quotes in every style, names, attributions, multi-line blocks, CRLF and emoji.
const PASTES = [
  '“We will not back down,” said Mayor Helen Marsh.',
  '"This is the repair we should have made ten years ago," council leader Helen Marsh told reporters.',
  'according to two officials familiar with the talks',
  'Antony Blinken',
  'Gov. Gavin Newsom announced on Tuesday',
  ' the Portsmouth City Council ',
  'Dr. Amara Nwosu, a water engineer at the University of Lagos,',
  '‘It’s a start,’ she said.',
  '\r\n\r\nCritics say the plan is too little, too late.\r\n',
  '\n\n"Nobody told us anything," said one resident, who asked not to be named.\n\n',
  '“First paragraph of a long quote.\n\n“Second paragraph, still quoting,” he added.',
  'WASHINGTON, March 3, 2025 — ',
  '🙂 ',
  '👩‍👩‍👧‍👦 family of four',
  '🇬🇧🇫🇷',
  '𝐁𝐨𝐥𝐝 headline',
  '« Nous restons », a déclaré le ministre.',
  '"""',
  '“”“”',
  '\t\u00a0\u200b',
  'Ms. O’Neill—who chairs the committee—said: "No."',
];

const UNITS = ['a', 'e', 'K', 'M', ' ', ' ', '.', ',', '"', '“', '”', '‘', '’', "'", '\n', '\r\n', '😀', 'é', '—', 'said', 'Marsh'];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PASTES) },
  { weight: 5, arbitrary: fc.string({ unit: fc.constantFrom(...UNITS), minLength: 1, maxLength: 12 }) },
);

type Edit =
  | { kind: 'insert'; at: number; text: string; together: boolean }
  | { kind: 'delete'; at: number; length: number; together: boolean }
  | { kind: 'replace'; at: number; length: number; text: string; together: boolean }
  | { kind: 'newline'; at: number; text: string; together: boolean }
  | { kind: 'full'; text: string; together: boolean };

const at = fc.nat();
const together = fc.boolean();
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('insert' as const), at, text: piece, together }) },
  // mostly backspaces and word deletions, sometimes a block across lines
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('delete' as const), at, length: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 20 }) }, fc.integer({ min: 20, max: 400 })), together }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), at, length: fc.integer({ min: 0, max: 60 }), text: piece, together }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('newline' as const), at, text: fc.constantFrom('\n', '\r\n', '\n\n', '\r\n\r\n'), together }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('full' as const), text: piece, together: fc.constant(false) }) },
);

/** Moves an offset off the middle of a surrogate pair or a CRLF, where no editor places a cursor. */
function snap(text: string, offset: number): number {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) return offset - 1;
  if (before === 13 && after === 10) return offset - 1;
  return offset;
}

/** The change an edit makes to `text`, as an LSP incremental change, and the text after it. */
function apply(text: string, e: Edit): { change: TextDocumentContentChangeEvent; text: string } {
  if (e.kind === 'full') {
    // a client that resends the whole text; keep the document and put the piece in the middle
    const mid = snap(text, Math.floor(text.length / 2));
    const next = text.slice(0, mid) + e.text + text.slice(mid);
    return { change: { text: next }, text: next };
  }
  const start = snap(text, e.at % (text.length + 1));
  const length = e.kind === 'delete' || e.kind === 'replace' ? e.length : 0;
  const end = Math.max(start, snap(text, Math.min(text.length, start + length)));
  const insert = e.kind === 'delete' ? '' : e.text;
  const starts = lineStarts(text);
  const range: Range = { start: positionAt(starts, start), end: positionAt(starts, end) };
  return { change: { range, text: insert }, text: text.slice(0, start) + insert + text.slice(end) };
}

/** Why a range is invalid for `text`, or undefined when it lies inside it. */
function badRange(text: string, lengths: number[], starts: number[], r: Range | undefined, what: string): string | undefined {
  if (!r) return `${what}: no range`;
  for (const p of [r.start, r.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `${what}: bad position ${JSON.stringify(p)}`;
    if (p.line >= lengths.length) return `${what}: line ${p.line} beyond the last line ${lengths.length - 1}`;
    if (p.character > lengths[p.line]!) return `${what}: character ${p.character} beyond line ${p.line}'s length ${lengths[p.line]}`;
    const offset = starts[p.line]! + p.character;
    const hi = text.charCodeAt(offset - 1);
    const lo = text.charCodeAt(offset);
    if (p.character > 0 && hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) return `${what}: position ${JSON.stringify(p)} splits a surrogate pair`;
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return `${what}: start after end ${JSON.stringify(r)}`;
  return undefined;
}

function sliceOf(text: string, starts: number[], r: Range): string {
  return text.slice(starts[r.start.line]! + r.start.character, starts[r.end.line]! + r.end.character);
}

/** Absolute [line, character, length, type, modifiers] of each token in a relative-encoded result. */
function decodeTokens(tokens: SemanticTokens | null): number[][] {
  const out: number[][] = [];
  const d = tokens?.data ?? [];
  let line = 0;
  let character = 0;
  for (let i = 0; i + 4 < d.length; i += 5) {
    line += d[i]!;
    character = d[i]! === 0 ? character + d[i + 1]! : d[i + 1]!;
    out.push([line, character, d[i + 2]!, d[i + 3]!, d[i + 4]!]);
  }
  return out;
}

function flattenSymbols(symbols: (DocumentSymbol | SymbolInformation)[] | null): { name: string; range: Range; selection?: Range }[] {
  const out: { name: string; range: Range; selection?: Range }[] = [];
  const walk = (s: DocumentSymbol | SymbolInformation): void => {
    if ('location' in s) out.push({ name: s.name, range: s.location.range });
    else {
      out.push({ name: s.name, range: s.range, selection: s.selectionRange });
      s.children?.forEach(walk);
    }
  };
  (symbols ?? []).forEach(walk);
  return out;
}

/** JSON with every mention of either document's URI made the same, so the edited doc and its twin compare. */
function normalized(value: unknown, uris: string[]): string {
  let json = JSON.stringify(value) ?? 'null';
  for (const uri of uris) json = json.split(uri).join('<doc>').split(encodeURIComponent(uri)).join('<doc>');
  return json;
}

function languageOf(name: string): { languageId: string; ext: string } {
  if (name.endsWith('.md')) return { languageId: 'markdown', ext: 'md' };
  if (name.endsWith('.txt')) return { languageId: 'plaintext', ext: 'txt' };
  return { languageId: 'news', ext: 'news' };
}

describe('random incremental edits against the real server', function () {
  this.timeout(Math.max(600_000, TOTAL_EDITS * 60));
  let client: LspClient;
  const stats = { edits: 0, notifications: 0, checks: 0, requests: 0, documents: 0 };

  before(async function () {
    client = await LspClient.start();
  });
  after(async function () {
    await client?.stop();
  });

  it(`keeps the server's view equal to the client's text through ${TOTAL_EDITS.toLocaleString('en-US')} edits`, async function () {
    const samples = loadSamples();
    const bases = [
      ...samples.map((s) => ({ name: s.name, text: s.text })),
      ...samples.map((s) => ({ name: s.name, text: s.text.replace(/\r?\n/g, '\r\n') })), // Windows line endings
      { name: 'empty.news', text: '' },
    ];
    const runs = Math.ceil(TOTAL_EDITS / EDITS_PER_RUN);
    const seed = process.env.BYLINE_SEED ? Number(process.env.BYLINE_SEED) : Date.now() % 2 ** 31;
    let runIndex = 0;

    const check = async (uri: string, version: number, text: string, languageId: string, ext: string, final: boolean): Promise<void> => {
      stats.checks++;
      const lengths = lineLengths(text);
      const starts = lineStarts(text);
      const problems: string[] = [];
      const rangeOk = (r: Range | undefined, what: string): void => {
        const bad = badRange(text, lengths, starts, r, what);
        if (bad) problems.push(bad);
      };

      // the server's own account of which version it holds and what text sits at its quote ranges
      const quotes = (await client.connection.sendRequest(QUOTES_METHOD, { textDocument: { uri } })) as QuotesResult | null;
      stats.requests++;
      assert.ok(quotes, 'byline/quotes answers for an open document');
      assert.strictEqual(quotes.version, version, 'byline/quotes reports the client’s version');
      for (const q of quotes.quotes) {
        rangeOk(q.range, `quote ${q.id}`);
        if (q.speakerRange) rangeOk(q.speakerRange, `speaker of ${q.id}`);
        if (badRange(text, lengths, starts, q.range, '')) continue;
        // the snippet is the quote's words, whitespace collapsed, cut with a final "…"; an interrupted quote
        // shows its parts joined by " … ": each part must appear there, in order
        const flat = sliceOf(text, starts, q.range).replace(/\s+/g, ' ').trim();
        const parts = q.snippet.replace(/…$/, '').replace(/\s…$/, '').split(' … ').map((p) => p.trim()).filter(Boolean);
        let from = 0;
        for (const [i, part] of parts.entries()) {
          const found = flat.indexOf(part, from);
          if (found < 0 || (i === 0 && found !== 0)) {
            problems.push(`quote ${q.id}: the server shows «${q.snippet}» but the client's text there is «${flat.slice(0, 200)}»`);
            break;
          }
          from = found + part.length;
        }
      }

      // a twin opened fresh with the client's text must get exactly the same answers
      const twin = `file:///robustness/twin-${stats.checks}.${ext}`;
      await client.open(twin, text, languageId, 1);
      const [tokens, twinTokens, symbols, twinSymbols] = await Promise.all([
        client.semanticTokens(uri),
        client.semanticTokens(twin),
        client.symbols(uri),
        client.symbols(twin),
      ]);
      stats.requests += 4;
      const decoded = decodeTokens(tokens);
      for (const [line, character, length] of decoded) {
        rangeOk({ start: { line: line!, character: character! }, end: { line: line!, character: character! + length! } }, `semantic token at ${line}:${character}`);
      }
      if (normalized(decoded, []) !== normalized(decodeTokens(twinTokens), [])) problems.push('semantic tokens differ from those of a fresh document with the client’s text');
      for (const s of flattenSymbols(symbols)) {
        rangeOk(s.range, `symbol ${s.name}`);
        if (s.selection) rangeOk(s.selection, `symbol ${s.name} selection`);
      }
      if (normalized(symbols, [uri, twin]) !== normalized(twinSymbols, [uri, twin])) problems.push('document symbols differ from those of a fresh document with the client’s text');

      // hovers at both ends, at spread-out places and on names when there are any
      const names = [...text.matchAll(/\p{Lu}\p{Ll}+/gu)].map((m) => m.index ?? 0);
      const spread = [1, 2, 3].map((k) => snap(text, (stats.checks * 7919 + k * 104_729) % (text.length + 1)));
      const offsets = [0, text.length, ...spread, ...names.filter((_, i) => i % Math.max(1, Math.floor(names.length / 4)) === 0).slice(0, 4).map((o) => o + 1)];
      for (const offset of offsets) {
        const p = positionAt(starts, offset);
        const [hover, twinHover] = (await Promise.all([client.hover(uri, p), client.hover(twin, p)])) as [Hover | null, Hover | null];
        stats.requests += 2;
        if (hover?.range) rangeOk(hover.range, `hover range at ${p.line}:${p.character}`);
        if (normalized(hover, [uri, twin]) !== normalized(twinHover, [uri, twin])) problems.push(`hover at ${p.line}:${p.character} differs from a fresh document's`);
      }

      if (final) {
        const [diagnostics, twinDiagnostics] = (await Promise.all([client.diagnostics(uri, version, 0), client.diagnostics(twin, 1, 0)])) as [Diagnostic[], Diagnostic[]];
        for (const d of diagnostics) rangeOk(d.range, `diagnostic ${String(d.code)}`);
        const sort = (ds: Diagnostic[]): Diagnostic[] => [...ds].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
        if (normalized(sort(diagnostics), [uri, twin]) !== normalized(sort(twinDiagnostics), [uri, twin])) problems.push('published diagnostics differ from a fresh document’s');
      }
      await client.close(twin);
      if (client.exited) problems.push(`the server exited: ${JSON.stringify(client.exited)}`);
      if (problems.length) {
        throw new Error(`after ${stats.edits} edits (doc version ${version}, ${text.length} characters):\n  ${[...new Set(problems)].slice(0, 12).join('\n  ')}\n--- client text (first 600 characters) ---\n${JSON.stringify(text.slice(0, 600))}\n--- server stderr (tail) ---\n${client.stderr.slice(-1500)}`);
      }
    };

    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: EDITS_PER_RUN, maxLength: EDITS_PER_RUN }), async (edits) => {
        const base = bases[runIndex % bases.length]!;
        runIndex++;
        const { languageId, ext } = languageOf(base.name);
        const uri = `file:///robustness/doc-${runIndex}.${ext}`;
        let text = base.text;
        let version = 1;
        await client.open(uri, text, languageId, version);
        stats.documents++;
        try {
          for (let i = 0; i < edits.length; ) {
            // one notification: this edit plus any following ones marked `together` (multi-cursor style)
            const changes: TextDocumentContentChangeEvent[] = [];
            do {
              const r = apply(text, edits[i]!);
              changes.push(r.change);
              text = r.text;
              i++;
              stats.edits++;
            } while (i < edits.length && edits[i]!.together && i % CHECK_EVERY !== 0);
            version++;
            await client.change(uri, version, changes);
            stats.notifications++;
            if (i % CHECK_EVERY === 0) await check(uri, version, text, languageId, ext, i === edits.length);
          }
        } finally {
          await client.close(uri);
        }
      }),
      { numRuns: runs, seed, endOnFailure: !process.env.BYLINE_SHRINK },
    ).catch((e: unknown) => {
      // the property's own message (what differed) first, then fast-check's counterexample
      const cause = e instanceof Error && e.cause instanceof Error ? `${e.cause.message}\n\n` : '';
      throw new Error(`${cause}${e instanceof Error ? e.message.slice(0, 4000) : String(e)}\n(replay with BYLINE_SEED=${seed} BYLINE_EDITS=${TOTAL_EDITS})`);
    });

    assert.ok(stats.edits >= TOTAL_EDITS, `${stats.edits} edits applied`);
    assert.strictEqual(client.exited, undefined, 'the server is still running');
    console.log(
      `      ${stats.edits.toLocaleString('en-US')} edits in ${stats.notifications.toLocaleString('en-US')} didChange notifications on ${stats.documents} documents; ` +
        `${stats.checks} checks, ${stats.requests.toLocaleString('en-US')} requests answered, 0 failures (seed ${seed})`,
    );
  });
});
