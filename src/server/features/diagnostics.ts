// Findings → LSP diagnostics: severity from settings (a level, or per code with "default" and "off"), a code with
// a link to its README section, related information, and the workspace ignore file for plain text (Markdown
// ignore comments are honoured by the engine itself, analysis/ignores.ts, so the CLI obeys them too). The size notice is an
// information diagnostic at the top of the document.

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article, DocumentFormat, Finding, Severity } from '../analysis/types';
import type { BylineSettings, SeverityChoice } from '../settings';
import { RULES_DOC_URL, SIZE_NOTICE_CODE } from '../../protocol';
import { ignoreKey } from '../workspace/ignoreFile';
import { rangeOf, sentenceAt } from './lookup';

export const SOURCE = 'byline';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a published diagnostic carries in `data`, for the quick fixes. */
export interface DiagnosticData {
  /** The sentence the finding sits in (the ignore key for plain text). */
  sentence: string;
  finding?: Record<string, unknown>;
}

export function severityFor(finding: Finding, settings: BylineSettings): SeverityChoice {
  return settings.severity.byCode[finding.code.toUpperCase()] ?? settings.severity.fallback ?? finding.severity;
}

/** The text a plain-text ignore is keyed by: the finding's sentence, or the finding itself when it spans several. */
export function findingSentence(article: Article, finding: Finding): string {
  const s = sentenceAt(article, finding.start);
  if (s && s.end >= finding.end) return article.text.slice(s.start, s.end);
  return article.text.slice(finding.start, finding.end);
}

export function toDiagnostics(doc: TextDocument, article: Article, settings: BylineSettings, format: DocumentFormat, ignored: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (article.notice) {
    const firstLineEnd = doc.getText().search(/\r|\n|$/);
    out.push({
      range: rangeOf(doc, 0, Math.min(firstLineEnd, 200)),
      severity: DiagnosticSeverity.Information,
      code: SIZE_NOTICE_CODE,
      source: SOURCE,
      message: article.notice,
    });
  }
  for (const f of article.diagnostics) {
    const level = severityFor(f, settings);
    if (level === 'off') continue;
    const sentence = findingSentence(article, f);
    if (format !== 'markdown' && ignored.has(ignoreKey(f.code, sentence))) continue;
    const data: DiagnosticData = { sentence, finding: f.data };
    const d: Diagnostic = {
      range: rangeOf(doc, f.start, f.end),
      severity: SEVERITY[level],
      code: f.code,
      codeDescription: { href: RULES_DOC_URL + f.code.toLowerCase() },
      source: SOURCE,
      message: f.message,
      data,
    };
    if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri: doc.uri, range: rangeOf(doc, r.start, r.end) }, message: r.message }));
    out.push(d);
  }
  return out;
}
