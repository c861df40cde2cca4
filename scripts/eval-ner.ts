// Exact-match entity precision/recall/F1 (conlleval style) of the name tagger on CoNLL-2003 testa and the
// WorldWide dev slice, plus tagging speed. Usage: npm run compile && node out/scripts/eval-ner.js [model.bin]

import * as fs from 'fs';
import * as path from 'path';
import { dataRoot, readConll, readWorldwideFile, spansFromTags, worldwideSplit, type TaggedDocument } from './data';
import { NameTagger } from '../src/server/analysis/entities/tagger';

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  p: number;
  r: number;
  f1: number;
}

export interface EvalResult {
  overall: Score;
  byType: Record<string, Score>;
  tokens: number;
  seconds: number;
}

const score = (tp: number, fp: number, fn: number): Score => {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { tp, fp, fn, p: 100 * p, r: 100 * r, f1: p + r ? (200 * p * r) / (p + r) : 0 };
};

/** Tags every document once and scores exact spans and types for each type set, counting only its types on both sides. */
export function evaluateSets(tagger: NameTagger, docs: readonly TaggedDocument[], typeSets: readonly (readonly string[])[]): EvalResult[] {
  let tokens = 0;
  let seconds = 0;
  const predictions = docs.map((doc) => {
    const sentences = doc.sentences.map((s) => s.words);
    // CPU time rather than wall time: the figure should not depend on what else the machine is running
    const t0 = process.cpuUsage();
    const predicted = tagger.tagDocument(sentences, { consistency: process.env.NER_CONSISTENCY !== '0' });
    const d = process.cpuUsage(t0);
    seconds += (d.user + d.system) / 1e6;
    for (const s of sentences) tokens += s.length;
    return predicted;
  });
  return typeSets.map((types) => {
    const counts = new Map<string, { tp: number; fp: number; fn: number }>(types.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
    const key = (sp: { start: number; end: number; type: string }): string => `${sp.start}:${sp.end}:${sp.type}`;
    docs.forEach((doc, di) => {
      doc.sentences.forEach((s, si) => {
        const gold = new Set(spansFromTags(s.tags).filter((sp) => types.includes(sp.type)).map(key));
        const pred = new Set(predictions[di]![si]!.filter((sp) => types.includes(sp.type)).map(key));
        for (const k of pred) {
          const c = counts.get(k.split(':')[2]!)!;
          if (gold.has(k)) c.tp++;
          else c.fp++;
        }
        for (const k of gold) if (!pred.has(k)) counts.get(k.split(':')[2]!)!.fn++;
      });
    });
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const byType: Record<string, Score> = {};
    for (const [t, c] of counts) {
      byType[t] = score(c.tp, c.fp, c.fn);
      tp += c.tp;
      fp += c.fp;
      fn += c.fn;
    }
    return { overall: score(tp, fp, fn), byType, tokens, seconds };
  });
}

export function evaluate(tagger: NameTagger, docs: readonly TaggedDocument[], types: readonly string[]): EvalResult {
  return evaluateSets(tagger, docs, [types])[0]!;
}

/**
 * WorldWide files often hold a whole paragraph or article as one "sentence"; at run time the text model splits
 * sentences, so split here too (end punctuation, optional closing quote, then a capitalised or quoted word).
 */
export function splitLongSentences(doc: TaggedDocument): TaggedDocument {
  const sentences: TaggedDocument['sentences'] = [];
  for (const s of doc.sentences) {
    let start = 0;
    for (let i = 0; i < s.words.length; i++) {
      const w = s.words[i]!;
      if (w !== '.' && w !== '?' && w !== '!') continue;
      let j = i + 1;
      while (j < s.words.length && /^["'\u201d\u2019)]+$/.test(s.words[j]!)) j++;
      const next = s.words[j];
      if (next !== undefined && !/^[\p{Lu}\p{N}"\u201c(]/u.test(next)) continue;
      if (s.tags[j] !== undefined && s.tags[j]!.startsWith('I-')) continue;
      sentences.push({ words: s.words.slice(start, j), tags: s.tags.slice(start, j) });
      start = j;
      i = j - 1;
    }
    if (start < s.words.length) sentences.push({ words: s.words.slice(start), tags: s.tags.slice(start) });
  }
  return { id: doc.id, sentences };
}

export interface DevSets {
  conllTesta: TaggedDocument[];
  worldwideDev: TaggedDocument[];
}

export function readDevSets(root: string): DevSets {
  return {
    conllTesta: readConll(path.join(root, 'ner/conll2003/eng.testa')),
    worldwideDev: worldwideSplit(root).dev.map(readWorldwideFile).map(splitLongSentences),
  };
}

const fmt = (s: Score): string => `P ${s.p.toFixed(2)}  R ${s.r.toFixed(2)}  F1 ${s.f1.toFixed(2)}`;

export function report(name: string, r: EvalResult): string {
  const lines = [`${name}: ${fmt(r.overall)}  (${r.tokens} tokens, ${Math.round(r.tokens / r.seconds)} tokens/s of CPU time)`];
  for (const [t, s] of Object.entries(r.byType)) lines.push(`  ${t.padEnd(7)} ${fmt(s)}  (${s.tp + s.fn} gold)`);
  return lines.join('\n');
}

/** All the figures the model card and the accuracy gate use. */
export function evaluateAll(tagger: NameTagger, sets: DevSets): { conll: EvalResult; wwPol: EvalResult; wwAll: EvalResult } {
  const [wwPol, wwAll] = evaluateSets(tagger, sets.worldwideDev, [['PERSON', 'ORG', 'LOC'], ['PERSON', 'ORG', 'LOC', 'MISC']]);
  return { conll: evaluate(tagger, sets.conllTesta, ['PERSON', 'ORG', 'LOC', 'MISC']), wwPol: wwPol!, wwAll: wwAll! };
}

/** F1 (4 types) on the WorldWide dev slice with its case destroyed: all lower case, and all capitals. */
export function robustness(tagger: NameTagger, sets: DevSets): { lower: number; upper: number } {
  const recase = (docs: TaggedDocument[], f: (w: string) => string): TaggedDocument[] =>
    docs.map((d) => ({ id: d.id, sentences: d.sentences.map((s) => ({ words: s.words.map(f), tags: s.tags })) }));
  const four = ['PERSON', 'ORG', 'LOC', 'MISC'];
  return {
    lower: evaluate(tagger, recase(sets.worldwideDev, (w) => w.toLowerCase()), four).overall.f1,
    upper: evaluate(tagger, recase(sets.worldwideDev, (w) => w.toUpperCase()), four).overall.f1,
  };
}

export function defaultModelPath(): string {
  return path.resolve(__dirname, '../../src/server/model/ner.bin');
}

function main(): void {
  const root = dataRoot();
  if (!root) {
    console.error('eval-ner: ../shared/data not found (set BYLINE_DATA); nothing to evaluate');
    process.exit(2);
  }
  const file = process.argv[2] ?? defaultModelPath();
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const bytes = fs.readFileSync(file);
  const tagger = NameTagger.fromBytes(bytes);
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  console.log(`model ${file}: ${(bytes.length / 1024).toFixed(0)} KiB, loaded in ${loadMs.toFixed(1)} ms wall, ${((c.user + c.system) / 1000).toFixed(1)} ms CPU`);
  const sets = readDevSets(root);
  // one warm-up pass so the speed figure measures steady-state tagging, not JIT compilation
  evaluate(tagger, sets.worldwideDev.slice(0, 20), ['PERSON']);
  const r = evaluateAll(tagger, sets);
  console.log(report('CoNLL-2003 testa (PERSON ORG LOC MISC)', r.conll));
  console.log(report('WorldWide dev (PERSON ORG LOC)', r.wwPol));
  console.log(report('WorldWide dev (PERSON ORG LOC MISC)', r.wwAll));
  const rob = robustness(tagger, sets);
  console.log(`lower-cased WorldWide dev (4 types): F1 ${rob.lower.toFixed(2)}`);
  console.log(`ALL-CAPS WorldWide dev (4 types): F1 ${rob.upper.toFixed(2)}`);
}

if (require.main === module) main();
