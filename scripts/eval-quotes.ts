// Scores the quote extractor on PolNeAR (../shared/data, never copied here): precision, recall and F1 of quote
// contents at 30% and 80% character overlap, speaker accuracy, and throughput.
// Usage: node out/scripts/eval-quotes.js [--split dev|train] [--limit N] [--errors N] [--json]

import { analyzeText } from '../src/server/engine';
import { analyze } from '../src/server/analysis/article';
import type { Article } from '../src/server/analysis/types';
import { REPORTING_CUE_FORMS } from '../src/server/analysis/lexicon';
import type { Quote } from '../src/server/analysis/types';
import { buildTextModel } from '../src/server/analysis/text';
import { extractQuotes } from '../src/server/analysis/quotes';
import { dataRoot, readPolnear, type PolnearArticle, type PolnearAttribution } from './data';

export interface QuoteScores {
  gold: number;
  predicted: number;
  /** Unmatched predictions on gold attributions that are out of scope (beliefs, intentions): not counted. */
  outOfScope: number;
  at30: { tp: number; p: number; r: number; f1: number };
  at80: { tp: number; p: number; r: number; f1: number };
  speakers: { checked: number; right: number; accuracy: number };
  words: number;
  /** Whole analysis (text model, names, dates, quotes, claims). */
  ms: number;
  /** The quote extractor alone (CPU time), on the same text model and entities. */
  quoteMs: number;
}

const AUXILIARIES = new Set([
  'has', 'have', 'had', 's', '’s', "'s", 'is', 'was', 'were', 'are', 'be', 'been', 'being', 'also', 'not', 'n’t', "n't", 'will', 'would',
  'could', 'did', 'does', 'do', 'later', 'then', 'just', 'never', 'first', 'again', 'once', 'still', 'even', 'further', 'only',
  'too', 'can', 'may', 'might', 'should', 'must', 'already', 'often', 'has', 'to',
]);
const QUOTATION_MARK = /["“”«»„]|''|‘/;

/** The restriction: speech and quotation only (content with a quotation mark, or a speech cue). */
export function inScope(a: PolnearAttribution): boolean {
  if (!a.content || a.content.spans.length === 0) return false;
  if (QUOTATION_MARK.test(a.content.text)) return true;
  const cue = (a.cue?.text ?? '').toLowerCase().trim();
  if (!cue) return false;
  if (/^[:―—–-]+$/.test(cue) || cue.includes('according to') || cue.endsWith(':')) return true;
  // the cue's verb after auxiliaries and adverbs: "has said", "’s not saying", "also told" — but not
  // "were slightly more likely to say" or "did not respond to questions about"
  const words = cue.split(/[^a-z’']+/).filter(Boolean);
  let i = 0;
  while (i < words.length && (AUXILIARIES.has(words[i]!) || (words[i]!.length > 4 && words[i]!.endsWith('ly')))) i++;
  return i < words.length && REPORTING_CUE_FORMS.has(words[i]!);
}

type Chars = [number, number][];

function overlap(a: Chars, b: Chars): number {
  let n = 0;
  for (const [s1, e1] of a) for (const [s2, e2] of b) n += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  return n;
}
const size = (a: Chars): number => a.reduce((s, [x, y]) => s + (y - x), 0);
const quoteChars = (q: Quote): Chars => (q.parts ?? [q]).map((p) => [p.start, p.end] as [number, number]);

/** One-to-one matching, best coverage of the gold content first. */
function match(gold: Chars[], pred: Chars[], threshold: number): Map<number, number> {
  const pairs: { g: number; p: number; cover: number }[] = [];
  gold.forEach((g, gi) => {
    const gs = size(g);
    pred.forEach((p, pi) => {
      const cover = gs ? overlap(g, p) / gs : 0;
      if (cover >= threshold) pairs.push({ g: gi, p: pi, cover });
    });
  });
  pairs.sort((a, b) => b.cover - a.cover);
  const byGold = new Map<number, number>();
  const usedPred = new Set<number>();
  for (const x of pairs) {
    if (byGold.has(x.g) || usedPred.has(x.p)) continue;
    byGold.set(x.g, x.p);
    usedPred.add(x.p);
  }
  return byGold;
}

const lastName = (s: string): string => (s.match(/\p{Lu}[\p{L}'’-]+/gu) ?? []).pop()?.toLowerCase() ?? '';

function speakerRight(a: PolnearAttribution, q: Quote, quotes: Quote[], doc: PolnearArticle): boolean {
  const src = a.source;
  const sp = q.speaker;
  if (!src || !sp) return false;
  const gs: Chars = src.spans;
  if (overlap(gs, [[sp.start, sp.end]]) > 0) return true;
  // the same person named elsewhere: compare surnames of the gold source and the resolved speaker
  const goldName = lastName(src.text) || lastName(gs.map(([s, e]) => doc.text.slice(s, e)).join(' '));
  const predName = lastName(sp.entityName ?? sp.text);
  void quotes;
  return goldName !== '' && goldName === predName;
}

let runEngine = (text: string): Article => analyzeText(text);

/** The shipped engine; when the name model is not built yet, the engine without it. Returns a warning then. */
export function pickEngine(): string | undefined {
  try {
    analyzeText('Warm-up.');
    return undefined;
  } catch (e) {
    runEngine = (text: string): Article => analyze(text);
    return `WARNING: the name recognizer could not be loaded (${(e as Error).message.split(';')[0]}); scoring without it`;
  }
}

export function evaluate(docs: PolnearArticle[], errors = 0): QuoteScores {
  let gold = 0;
  let predicted = 0;
  let outOfScope = 0;
  const tp = { 30: 0, 80: 0 };
  let checked = 0;
  let right = 0;
  let words = 0;
  let ms = 0;
  let quoteMs = 0;
  let shown = 0;
  const models: { model: ReturnType<typeof buildTextModel>; entities: Article['entities'] }[] = [];
  for (const doc of docs) {
    const t0 = process.hrtime.bigint();
    const article = runEngine(doc.text);
    ms += Number(process.hrtime.bigint() - t0) / 1e6;
    words += article.wordCount;
    const model = buildTextModel(doc.text);
    // CPU time: the machine may be shared, and wall time then measures the neighbours
    models.push({ model, entities: article.entities });
    const kept = doc.attributions.filter(inScope);
    const dropped = doc.attributions.filter((a) => a.content && a.content.spans.length && !inScope(a));
    const goldChars = kept.map((a) => a.content!.spans);
    const predChars = article.quotes.map(quoteChars);
    gold += kept.length;
    const m30 = match(goldChars, predChars, 0.3);
    const m80 = match(goldChars, predChars, 0.8);
    tp[30] += m30.size;
    tp[80] += m80.size;
    const matchedPred = new Set(m30.values());
    let docPredicted = 0;
    predChars.forEach((p, pi) => {
      if (matchedPred.has(pi)) return docPredicted++;
      const ps = size(p);
      const onDropped = dropped.some((a) => {
        const o = overlap(a.content!.spans, p);
        return o >= 0.3 * size(a.content!.spans) || o >= 0.5 * ps;
      });
      if (onDropped) outOfScope++;
      else docPredicted++;
    });
    predicted += docPredicted;
    for (const [gi, pi] of m30) {
      const a = kept[gi]!;
      if (a.type !== 'attribution' || !a.source) continue;
      checked++;
      const ok = speakerRight(a, article.quotes[pi]!, article.quotes, doc);
      if (ok) right++;
      else if (shown < errors) {
        shown++;
        const q = article.quotes[pi]!;
        const lo = Math.min(a.source.spans[0]![0], q.start);
        const ctx = doc.text.slice(Math.max(0, lo - 60), Math.min(doc.text.length, Math.max(q.end, a.source.spans[0]![1]) + 40)).replace(/\n/g, '¶');
        console.log(`SPEAKER gold=${JSON.stringify(a.source.text)} pred=${JSON.stringify(q.speaker?.text ?? null)} cue=${JSON.stringify(a.cue?.text)} how=${q.attribution}\n    ${ctx.slice(0, 400)}`);
      }
    }
    if (errors > shown) {
      kept.forEach((a, gi) => {
        if (m30.has(gi) || shown >= errors) return;
        shown++;
        const [s, e] = [a.content!.spans[0]![0], a.content!.spans[a.content!.spans.length - 1]![1]];
        const ctx = doc.text.slice(Math.max(0, s - 120), Math.min(doc.text.length, e + 60)).replace(/\n/g, '¶');
        console.log(`MISSED cue=${JSON.stringify(a.cue?.text)} src=${JSON.stringify(a.source?.text)} content=${JSON.stringify(a.content!.text.slice(0, 80))}\n    ${ctx}`);
      });
      predChars.forEach((p, pi) => {
        if (matchedPred.has(pi) || shown >= errors) return;
        const q = article.quotes[pi]!;
        const onDropped = dropped.some((a) => overlap(a.content!.spans, p) > 0);
        if (onDropped) return;
        shown++;
        console.log(`SPURIOUS ${q.kind} cue=${JSON.stringify(q.cue?.text ?? null)} speaker=${JSON.stringify(q.speaker?.text ?? null)} | ${q.text.slice(0, 140).replace(/\n/g, '¶')}`);
      });
    }
  }
  // the extractor alone, warm (third pass): a host analyses the same kind of text again and again
  for (let pass = 0; pass < 3; pass++) {
    const q0 = process.cpuUsage();
    for (const m of models) extractQuotes(m.model, m.entities);
    const q1 = process.cpuUsage(q0);
    quoteMs = (q1.user + q1.system) / 1000;
  }
  const prf = (n: number): { tp: number; p: number; r: number; f1: number } => {
    const p = predicted ? n / predicted : 0;
    const r = gold ? n / gold : 0;
    return { tp: n, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
  };
  return { gold, predicted, outOfScope, at30: prf(tp[30]), at80: prf(tp[80]), speakers: { checked, right, accuracy: checked ? right / checked : 0 }, words, ms, quoteMs };
}

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const root = dataRoot();
  if (!root) {
    console.error('eval-quotes: ../shared/data not found (set BYLINE_DATA); nothing measured.');
    process.exit(2);
  }
  const split = (opt('--split') ?? 'dev') as 'train' | 'dev';
  let docs = readPolnear(root, split);
  const limit = Number(opt('--limit') ?? 0);
  if (limit) docs = docs.slice(0, limit);
  // warm the engine (model load, JIT) outside the timing
  const warning = pickEngine();
  if (warning) console.error(`eval-quotes: ${warning}`);
  runEngine(docs[0]?.text ?? '');
  const s = evaluate(docs, Number(opt('--errors') ?? 0));
  if (args.includes('--json')) return console.log(JSON.stringify(s));
  const pct = (x: number): string => (100 * x).toFixed(1);
  console.log(`PolNeAR ${split}: ${docs.length} articles, ${s.gold} gold attributions in scope, ${s.predicted} predicted quotes (${s.outOfScope} more on out-of-scope beliefs/intentions, not counted)`);
  console.log(`overlap >= 30%: P ${pct(s.at30.p)}  R ${pct(s.at30.r)}  F1 ${pct(s.at30.f1)}`);
  console.log(`overlap >= 80%: P ${pct(s.at80.p)}  R ${pct(s.at80.r)}  F1 ${pct(s.at80.f1)}`);
  console.log(`speaker accuracy: ${pct(s.speakers.accuracy)}% (${s.speakers.right}/${s.speakers.checked} matched quotes with a gold source)`);
  console.log(`throughput: ${Math.round(s.words / (s.ms / 1000)).toLocaleString('en-US')} words/s, ${(s.ms / (s.words / 1000)).toFixed(2)} ms per 1,000 words (whole analysis); quote extraction alone ${(s.quoteMs / (s.words / 1000)).toFixed(2)} ms CPU per 1,000 words (warm)`);
}

if (require.main === module) main();
