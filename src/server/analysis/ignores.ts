// Ignore comments in Markdown, for every finding of an article (the claim rules' ATTR codes and NAME002): the
// comments stay in model.text (model.prose has them blanked).
//   <!-- byline-ignore ATTR004 -->  silences the codes (all codes when none is listed) in the next paragraph;
//   <!-- byline-disable ATTR004 NAME002 --> … <!-- byline-enable --> silences them over a range.

import type { TextModel } from './text';
import type { Finding, Span } from './types';

interface IgnoreRange extends Span {
  codes: Set<string> | null;
}

/** Markdown ignore comments: byline-ignore (next paragraph) and byline-disable … byline-enable (a range). */
function ignoreRanges(model: TextModel): IgnoreRange[] {
  const out: IgnoreRange[] = [];
  const re = /<!--\s*byline-(ignore|disable|enable)\b([\s\S]*?)-->/g;
  let open: { start: number; codes: Set<string> | null } | null = null;
  let m: RegExpExecArray | null;
  while ((m = re.exec(model.text))) {
    const codes = (m[2] ?? '').match(/\b(?:ATTR|NAME)\d{3}\b/gi)?.map((c) => c.toUpperCase()) ?? [];
    const set = codes.length ? new Set(codes) : null;
    const end = m.index + m[0].length;
    if (m[1] === 'ignore') {
      const next = model.paragraphs.find((p) => p.start >= end && model.prose.slice(p.start, p.end).trim() !== '');
      if (next) out.push({ start: next.start, end: next.end, codes: set });
    } else if (m[1] === 'disable') {
      if (open) out.push({ start: open.start, end: m.index, codes: open.codes });
      open = { start: end, codes: set };
    } else if (open) {
      out.push({ start: open.start, end: m.index, codes: open.codes });
      open = null;
    }
  }
  if (open) out.push({ start: open.start, end: model.text.length, codes: open.codes });
  return out;
}

/** The findings that no ignore comment silences. */
export function applyIgnores(model: TextModel, findings: Finding[]): Finding[] {
  if (!model.text.includes('byline-')) return findings;
  const ranges = ignoreRanges(model);
  if (!ranges.length) return findings;
  return findings.filter((f) => !ranges.some((r) => f.start >= r.start && f.start < r.end && (!r.codes || r.codes.has(f.code))));
}
