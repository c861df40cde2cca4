// Dates on the WorldWide dev slice: the rule-based DATE mentions against the corpus's Date annotations.
// The annotated tokens are aligned to the raw article text, the engine runs on that raw text with the shipped
// name recognizer (names win over date readings, as in the product: "the 2022 World Cup"), and spans are compared by overlap (a predicted span that overlaps a gold span counts
// for precision, a gold span overlapped by a prediction counts for recall). Exact-span F1 is printed too.
//
//   npx tsc -p . && node out/scripts/eval-dates.js [--errors]

import * as fs from 'fs';
import { dataRoot, readWorldwideFile, spansFromTags, worldwideArticlePath, worldwideSplit } from './data';
import { buildTextModel } from '../src/server/analysis/text';
import { recognizeEntities, type NameRecognizer } from '../src/server/analysis/entities';
import { loadNameRecognizer } from '../src/server/model/load';

export interface DateScores {
  files: number;
  gold: number;
  predicted: number;
  /** Gold spans whose tokens could not be found in the raw text (left out of the scores). */
  unaligned: number;
  overlap: { precision: number; recall: number; f1: number };
  exact: { precision: number; recall: number; f1: number };
  /**
   * Overlap scores counting only calendar dates among the predictions: WorldWide annotates named dates
   * ("Thursday", "May 2022", "2012") but not relative ones ("last year", "today", "two weeks ago"), which the
   * product highlights and resolves on purpose.
   */
  calendar: { precision: number; recall: number; f1: number; predicted: number };
  /** CPU milliseconds per 1,000 words for the text model plus recognizeEntities (recognizer, values, linking). */
  msPer1000Words: number;
  errors: { file: string; kind: 'missed' | 'spurious'; text: string }[];
}

interface Span {
  start: number;
  end: number;
}

/** Character spans of the annotated tokens in the raw text, found in order; undefined where a token is not found. */
export function alignTokens(raw: string, words: string[], from: number): { spans: (Span | undefined)[]; cursor: number } {
  const spans: (Span | undefined)[] = [];
  let cursor = from;
  for (const w of words) {
    const at = raw.indexOf(w, cursor);
    // a token more than a few hundred characters ahead is a mismatch (the annotation differs from the text)
    if (at < 0 || at - cursor > 300) {
      spans.push(undefined);
      continue;
    }
    spans.push({ start: at, end: at + w.length });
    cursor = at + w.length;
  }
  return { spans, cursor };
}

const prf = (tpP: number, predicted: number, tpR: number, gold: number): { precision: number; recall: number; f1: number } => {
  const precision = predicted ? tpP / predicted : 0;
  const recall = gold ? tpR / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};

// A relative date: words that anchor it to the dateline and no calendar name or year of its own.
const RELATIVE = /\b(?:today|yesterday|tomorrow|tonight|ago|this|last|next|past|previous|coming|recent|following|earlier|later|same|current|first|before)\b/i;
const CALENDAR = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\d{4}/;
export const isRelativeDate = (text: string): boolean => RELATIVE.test(text) && !CALENDAR.test(text);

/** The shipped name recognizer, or undefined (dates are then scored on rules alone) when no model is built yet. */
export function shippedRecognizer(): NameRecognizer | undefined {
  try {
    return loadNameRecognizer();
  } catch {
    return undefined;
  }
}

export function evaluateDates(root: string, recognizer: NameRecognizer | undefined = shippedRecognizer()): DateScores {
  const { dev } = worldwideSplit(root);
  let gold = 0;
  let predicted = 0;
  let unaligned = 0;
  let tpPrecision = 0;
  let tpRecall = 0;
  let exactMatches = 0;
  let calendarPredicted = 0;
  let calendarTp = 0;
  let calendarTpRecall = 0;
  let words = 0;
  let ms = 0;
  const errors: DateScores['errors'] = [];
  for (const file of dev) {
    const rawPath = worldwideArticlePath(root, file);
    if (!fs.existsSync(rawPath)) continue;
    const raw = fs.readFileSync(rawPath, 'utf8');
    const doc = readWorldwideFile(file);
    const goldSpans: Span[] = [];
    let cursor = raw.startsWith('http') ? raw.indexOf('\n') + 1 : 0;
    for (const s of doc.sentences) {
      const aligned = alignTokens(raw, s.words, cursor);
      cursor = aligned.cursor;
      for (const g of spansFromTags(s.tags)) {
        if (g.type !== 'DATE') continue;
        const first = aligned.spans[g.start];
        const last = aligned.spans[g.end - 1];
        if (!first || !last || last.end < first.start) {
          unaligned++;
          continue;
        }
        goldSpans.push({ start: first.start, end: last.end });
      }
    }
    // CPU time, not wall time: the machine is shared, and waiting for a core is not our cost
    const t0 = process.cpuUsage();
    const model = buildTextModel(raw, 'plaintext');
    const entities = recognizeEntities(model, { recognizer });
    const used = process.cpuUsage(t0);
    ms += (used.user + used.system) / 1000;
    words += raw.split(/\s+/).filter(Boolean).length;
    const predictedSpans = entities.filter((e) => e.type === 'DATE').flatMap((e) => e.mentions);
    const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
    gold += goldSpans.length;
    predicted += predictedSpans.length;
    const name = file.replace(/^.*\//, '');
    for (const p of predictedSpans) {
      if (goldSpans.some((g) => overlaps(g, p))) tpPrecision++;
      else errors.push({ file: name, kind: 'spurious', text: raw.slice(Math.max(0, p.start - 30), p.start) + '[' + p.text + ']' + raw.slice(p.end, p.end + 20) });
      if (goldSpans.some((g) => g.start === p.start && g.end === p.end)) exactMatches++;
    }
    const calendarSpans = predictedSpans.filter((p) => !isRelativeDate(p.text));
    calendarPredicted += calendarSpans.length;
    calendarTp += calendarSpans.filter((p) => goldSpans.some((g) => overlaps(g, p))).length;
    calendarTpRecall += goldSpans.filter((g) => calendarSpans.some((p) => overlaps(g, p))).length;
    for (const g of goldSpans) {
      if (predictedSpans.some((p) => overlaps(g, p))) tpRecall++;
      else errors.push({ file: name, kind: 'missed', text: raw.slice(Math.max(0, g.start - 30), g.start) + '[' + raw.slice(g.start, g.end) + ']' + raw.slice(g.end, g.end + 20) });
    }
  }
  return {
    files: dev.length,
    gold,
    predicted,
    unaligned,
    overlap: prf(tpPrecision, predicted, tpRecall, gold),
    exact: prf(exactMatches, predicted, exactMatches, gold),
    calendar: { ...prf(calendarTp, calendarPredicted, calendarTpRecall, gold), predicted: calendarPredicted },
    msPer1000Words: words ? (ms / words) * 1000 : 0,
    errors,
  };
}

if (require.main === module) {
  const root = dataRoot();
  if (!root) {
    console.error('eval-dates: ../shared/data not found (set BYLINE_DATA); nothing to evaluate.');
    process.exit(2);
  }
  const recognizer = shippedRecognizer();
  if (!recognizer) console.log('eval-dates: no trained name model found; scoring dates without names (names would override some date readings).');
  const s = evaluateDates(root, recognizer);
  const pct = (x: number): string => (100 * x).toFixed(1);
  if (process.argv.includes('--errors')) for (const e of s.errors) console.log(`${e.kind.padEnd(8)} ${e.file.padEnd(22)} ${e.text.replace(/\s+/g, ' ')}`);
  console.log(`WorldWide dev slice: ${s.files} files, ${s.gold} gold Date spans (${s.unaligned} could not be aligned and are left out), ${s.predicted} predicted DATE mentions`);
  console.log(`Dates, overlap:   P ${pct(s.overlap.precision)}  R ${pct(s.overlap.recall)}  F1 ${pct(s.overlap.f1)}`);
  console.log(`Dates, exact:     P ${pct(s.exact.precision)}  R ${pct(s.exact.recall)}  F1 ${pct(s.exact.f1)}`);
  console.log(`Calendar dates only (relative ones such as "last year" left out, as the corpus leaves them), overlap: P ${pct(s.calendar.precision)}  R ${pct(s.calendar.recall)}  F1 ${pct(s.calendar.f1)}  (${s.calendar.predicted} predicted)`);
  console.log(`Speed: text model + entities (recognizer, values, linking), ${s.msPer1000Words.toFixed(2)} CPU ms per 1,000 words (one cold pass; bench has the steady figure)`);
}
