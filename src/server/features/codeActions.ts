// Quick fixes for Byline diagnostics: insert an attribution placeholder, replace a loaded verb with "said", and
// "Ignore this here" (a Markdown comment before the paragraph; in plain text, an entry in .byline/ignore.json).

import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article, DocumentFormat, Finding } from '../analysis/types';
import { LOADED_CUES, NON_SPEECH_CUES } from '../analysis/lexicon';
import { IGNORE_FINDING_COMMAND, type FindingFixData, type IgnoreFindingArgs } from '../../protocol';
import { findingSentence, SOURCE, type DiagnosticData } from './diagnostics';
import { rangeOf, sentenceAt } from './lookup';

/** Codes whose fix is to say who says so. */
const NEEDS_SOURCE = new Set(['ATTR001', 'ATTR002', 'ATTR003', 'ATTR004', 'ATTR005', 'ATTR006']);
const PLACEHOLDER = '[source]';

export function codeActions(doc: TextDocument, article: Article, format: DocumentFormat, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    // the engine's findings (the claim rules and NAME002); NAME001 comes from the workspace and has its own fix
    if (d.source !== SOURCE || typeof d.code !== 'string' || !/^(?:ATTR\d+|NAME002)$/i.test(d.code)) continue;
    const finding = findingFor(doc, article, d);
    const fix = (finding.data ?? {}) as FindingFixData;
    const code = finding.code.toUpperCase();

    // The rule's own fix, when it gives one, knows the sentence best; the heuristics below are the fallback.
    const ruleEdit = validEdit(article, fix.edit);
    if (ruleEdit) {
      const title = typeof fix.title === 'string' && fix.title.trim() ? fix.title : `Apply the suggested fix for ${code}`;
      out.push(edit(doc, title, d, [{ range: rangeOf(doc, ruleEdit.start, ruleEdit.end), newText: ruleEdit.newText }], true));
      out.push(ignoreHere(doc, article, format, finding, d));
      continue;
    }

    const verb = loadedVerb(article, finding, fix);
    if (verb) {
      const replacement = fix.replacement ?? (/s$/i.test(verb.text) && !/ss$/i.test(verb.text) ? 'says' : 'said');
      out.push(edit(doc, `Replace “${verb.text}” with “${replacement}”`, d, [{ range: rangeOf(doc, verb.start, verb.end), newText: replacement }], true));
    }
    if (NEEDS_SOURCE.has(code) || fix.attributionAt !== undefined) {
      const edits = attributionPlaceholder(doc, article, finding, fix);
      if (edits) out.push(edit(doc, `Add an attribution placeholder (${PLACEHOLDER} said)`, d, edits, !verb));
    }
    out.push(ignoreHere(doc, article, format, finding, d));
  }
  return out;
}

function validEdit(article: Article, e: FindingFixData['edit']): { start: number; end: number; newText: string } | undefined {
  if (!e || typeof e !== 'object' || typeof e.newText !== 'string') return undefined;
  const { start, end } = e;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > article.text.length) return undefined;
  return { start, end, newText: e.newText };
}

/** The engine's finding behind a diagnostic (same code and span), or one rebuilt from the diagnostic. */
function findingFor(doc: TextDocument, article: Article, d: Diagnostic): Finding {
  const start = doc.offsetAt(d.range.start);
  const end = doc.offsetAt(d.range.end);
  const code = String(d.code);
  const same = article.diagnostics.find((f) => f.code === code && f.start === start && f.end === end);
  if (same) return same;
  const data = (d.data ?? {}) as Partial<DiagnosticData>;
  return { code, severity: 'information', start, end, message: typeof d.message === 'string' ? d.message : d.message.value, data: data.finding };
}

function loadedVerb(article: Article, f: Finding, fix: FindingFixData): { start: number; end: number; text: string } | undefined {
  const text = article.text;
  if (fix.verb && Number.isInteger(fix.verb.start) && Number.isInteger(fix.verb.end) && fix.verb.start < fix.verb.end && fix.verb.end <= text.length)
    return { start: fix.verb.start, end: fix.verb.end, text: text.slice(fix.verb.start, fix.verb.end) };
  if (f.code.toUpperCase() !== 'ATTR008') return undefined;
  // Without data: the loaded or non-speech cue inside the finding's span.
  const re = /[A-Za-z]+/g;
  re.lastIndex = f.start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < f.end) {
    const w = m[0].toLowerCase();
    if (LOADED_CUES.has(w) || NON_SPEECH_CUES.has(w)) return { start: m.index, end: m.index + m[0].length, text: m[0] };
  }
  return undefined;
}

function attributionPlaceholder(doc: TextDocument, article: Article, f: Finding, fix: FindingFixData): TextEdit[] | undefined {
  const text = article.text;
  if (fix.attributionAt !== undefined && Number.isInteger(fix.attributionAt))
    return [{ range: rangeOf(doc, fix.attributionAt, fix.attributionAt), newText: `, ${PLACEHOLDER} said` }];
  // A direct quote: "… year." → "… year," [source] said.
  const quote = article.quotes.find((q) => q.start <= f.start && f.end <= q.end && q.kind === 'direct');
  const quoted = quote ?? (/^["“]/.test(text.slice(f.start, f.end)) ? f : undefined);
  if (quoted) {
    const m = /([.!?,]?)(["”’']+)\s*$/.exec(text.slice(quoted.start, quoted.end));
    if (m) {
      const closeAt = quoted.end - m[0].length + (m[1]?.length ?? 0) + (m[2]?.length ?? 0);
      const edits: TextEdit[] = [];
      if (m[1] === '.') {
        const dot = quoted.end - m[0].length;
        edits.push({ range: rangeOf(doc, dot, dot + 1), newText: ',' });
      }
      edits.push({ range: rangeOf(doc, closeAt, closeAt), newText: ` ${PLACEHOLDER} said.` });
      return edits;
    }
  }
  // A statement: before the sentence's final punctuation.
  const s = sentenceAt(article, f.start);
  const span = s && s.end >= f.end ? s : f;
  const body = text.slice(span.start, span.end).replace(/\s+$/, '');
  const end = span.start + body.length;
  if (/[.!?]$/.test(body)) return [{ range: rangeOf(doc, end - 1, end - 1), newText: `, ${PLACEHOLDER} said` }];
  return [{ range: rangeOf(doc, end, end), newText: `, ${PLACEHOLDER} said.` }];
}

function ignoreHere(doc: TextDocument, article: Article, format: DocumentFormat, f: Finding, d: Diagnostic): CodeAction {
  const code = f.code.toUpperCase();
  if (format === 'markdown') {
    // The rule says where its paragraph starts (data.paragraphStart); else the paragraph holding the finding.
    const given = f.data?.['paragraphStart'];
    const paragraphStart = typeof given === 'number' && Number.isInteger(given) ? given : article.paragraphs.find((p) => p.start <= f.start && f.start <= p.end)?.start;
    const lineStart = doc.positionAt(paragraphStart ?? f.start).line;
    const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
    return edit(doc, `Ignore ${code} in this paragraph`, d, [{ range: { start: { line: lineStart, character: 0 }, end: { line: lineStart, character: 0 } }, newText: `<!-- byline-ignore ${code} -->${eol}` }], false);
  }
  const args: IgnoreFindingArgs = { uri: doc.uri, code, sentence: findingSentence(article, f) };
  return {
    title: `Ignore ${code} for this sentence (workspace .byline/ignore.json)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    command: { title: 'Ignore this here', command: IGNORE_FINDING_COMMAND, arguments: [args] },
  };
}

function edit(doc: TextDocument, title: string, d: Diagnostic, edits: TextEdit[], preferred: boolean): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: preferred || undefined, edit: { changes: { [doc.uri]: edits } } };
}
