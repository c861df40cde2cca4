// Noise and false-alarm figures of the unattributed-claim rules on PolNeAR dev (../shared/data, never copied):
// diagnostics above Hint per 1,000 words (target ≤ 3), per-code rates, and the share of annotated direct quotes
// WITH a source that still get ATTR001 (target ≤ 1%). Usage: node out/scripts/eval-claims.js [--show CODE] [--split train]

import { dataRoot, readPolnear, type PolnearArticle } from './data';
import { analyzeText } from '../src/server/engine';
import { analyze } from '../src/server/analysis/article';
import type { Article, Finding } from '../src/server/analysis/types';

type Analyzer = (text: string) => Article;

/** The full engine (analyzeText, with the trained name model); without the model file, the engine without names. */
export function claimAnalyzer(): { analyzer: Analyzer; note?: string } {
  try {
    analyzeText('Warm-up.', { format: 'plaintext' });
    return { analyzer: (text) => analyzeText(text, { format: 'plaintext' }) };
  } catch (e) {
    return { analyzer: (text) => analyze(text, { format: 'plaintext' }), note: `name model not loadable (${(e as Error).message.split(';')[0]}): measured WITHOUT the name recognizer` };
  }
}

export interface ClaimFigures {
  articles: number;
  words: number;
  aboveHint: number;
  perThousand: number;
  perCode: Record<string, { count: number; perThousand: number }>;
  /** Hint-level findings (ATTR008, ATTR009), which do not count as noise. */
  hints: Record<string, number>;
  directQuotesWithSource: number;
  falseAttr001: number;
  falseAttr001Share: number;
  msPerThousandWords: number;
}

const QUOTE_RE = /["“”]/;

/** Direct quotes: annotated contents holding a quotation mark and 4+ words, with an annotated source. */
function directQuotes(article: PolnearArticle): [number, number][][] {
  const out: [number, number][][] = [];
  for (const a of article.attributions) {
    if (a.type !== 'attribution' || !a.source || !a.content || !a.source.spans.length) continue;
    const text = a.content.spans.map(([s, e]) => article.text.slice(s, e)).join(' ');
    if (!QUOTE_RE.test(text) || text.split(/\s+/).length < 4) continue;
    out.push(a.content.spans);
  }
  return out;
}

export function evaluateClaims(articles: PolnearArticle[], analyzer: Analyzer, onFinding?: (a: PolnearArticle, f: Finding, falseAttr001: boolean) => void): ClaimFigures {
  let words = 0;
  let aboveHint = 0;
  let direct = 0;
  let falseAttr001 = 0;
  let ms = 0;
  const perCode: Record<string, { count: number; perThousand: number }> = {};
  const hints: Record<string, number> = {};
  for (const article of articles) {
    // CPU time, not wall time: the figure should not depend on what else the machine is doing
    const t0 = process.cpuUsage();
    const result = analyzer(article.text);
    const used = process.cpuUsage(t0);
    ms += (used.user + used.system) / 1000;
    words += result.wordCount;
    const quotes = directQuotes(article);
    direct += quotes.length;
    const attr001 = result.diagnostics.filter((d) => d.code === 'ATTR001');
    const falseSet = new Set<Finding>();
    for (const spans of quotes) {
      const hit = attr001.find((d) => spans.some(([s, e]) => d.start < e && s < d.end));
      if (hit) {
        falseAttr001++;
        falseSet.add(hit);
      }
    }
    for (const d of result.diagnostics) {
      if (d.severity === 'hint') {
        hints[d.code] = (hints[d.code] ?? 0) + 1;
        continue;
      }
      aboveHint++;
      (perCode[d.code] ??= { count: 0, perThousand: 0 }).count++;
    }
    for (const d of result.diagnostics) onFinding?.(article, d, falseSet.has(d));
  }
  for (const c of Object.values(perCode)) c.perThousand = (1000 * c.count) / Math.max(1, words);
  return {
    articles: articles.length, words, aboveHint, perThousand: (1000 * aboveHint) / Math.max(1, words), perCode, hints,
    directQuotesWithSource: direct, falseAttr001, falseAttr001Share: falseAttr001 / Math.max(1, direct), msPerThousandWords: (1000 * ms) / Math.max(1, words),
  };
}

function main(): void {
  const root = dataRoot();
  if (!root) {
    console.error('eval-claims: ../shared/data not found (set BYLINE_DATA); nothing measured.');
    process.exit(2);
  }
  const args = process.argv.slice(2);
  const show = args.includes('--show') ? args[args.indexOf('--show') + 1] : undefined;
  const split = args.includes('--split') ? (args[args.indexOf('--split') + 1] as 'train' | 'dev') : 'dev';
  const articles = readPolnear(root, split);
  const { analyzer, note } = claimAnalyzer();
  if (note) console.warn(`eval-claims: ${note}`);
  // warm up the engine once so the timing is the steady state an editor sees
  for (const a of articles.slice(0, 5)) analyzer(a.text);
  const figures = evaluateClaims(articles, analyzer, (a, f, isFalse) => {
    if (!show || (show !== f.code && !(show === 'false' && isFalse))) return;
    const s = String(f.data?.['sentence'] ?? a.text.slice(f.start, f.end)).replace(/\s+/g, ' ');
    // printed for tuning at the terminal only; never written into the repository
    console.log(`${f.code} ${f.severity} [${a.text.slice(f.start, f.end).replace(/\s+/g, ' ').slice(0, 60)}] ${s.slice(0, 240)}`);
  });
  console.log(`PolNeAR ${split}: ${figures.articles} articles, ${figures.words} words`);
  console.log(`diagnostics above Hint: ${figures.aboveHint} = ${figures.perThousand.toFixed(2)} per 1,000 words (target ≤ 3)`);
  for (const code of Object.keys(figures.perCode).sort()) {
    const c = figures.perCode[code]!;
    console.log(`  ${code}: ${c.count} = ${c.perThousand.toFixed(2)} per 1,000 words`);
  }
  console.log(`hints (not counted): ${Object.entries(figures.hints).sort().map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`);
  console.log(`direct quotes with an annotated source: ${figures.directQuotesWithSource}; given ATTR001: ${figures.falseAttr001} = ${(100 * figures.falseAttr001Share).toFixed(2)}% (target ≤ 1%)`);
  console.log(`whole analysis (analyzeText, CPU time): ${figures.msPerThousandWords.toFixed(2)} ms per 1,000 words`);
}

if (require.main === module) main();
