// Readers for the annotated corpora in ../shared/data (never copied into this repository), and the fixed
// train/dev splits every training, evaluation and accuracy-gate script uses.

import * as fs from 'fs';
import * as path from 'path';

/** Where ../shared/data is, or undefined when absent (a user's clone): callers skip loudly. */
export function dataRoot(): string | undefined {
  const candidates = [process.env.BYLINE_DATA, path.resolve(__dirname, '../../../shared/data'), path.resolve(__dirname, '../../shared/data'), path.resolve(process.cwd(), '../shared/data')];
  for (const c of candidates) if (c && fs.existsSync(path.join(c, 'README.md'))) return c;
  return undefined;
}

/** A tokenised sentence with one CoNLL-style type per token (null = outside) in IOB2 form. */
export interface TaggedSentence {
  words: string[];
  /** 'B-PERSON', 'I-PERSON', …, or 'O'. Types are already mapped to Byline's (PERSON ORG LOC MISC DATE MONEY). */
  tags: string[];
}

export interface TaggedDocument {
  id: string;
  sentences: TaggedSentence[];
}

const CONLL_MAP: Record<string, string> = { PER: 'PERSON', ORG: 'ORG', LOC: 'LOC', MISC: 'MISC' };
const WORLDWIDE_MAP: Record<string, string> = {
  Person: 'PERSON', Organization: 'ORG', Location: 'LOC', Facility: 'LOC', NORP: 'MISC', Misc: 'MISC', Product: 'MISC', Date: 'DATE', Money: 'MONEY',
};

/** IOB1 (CoNLL) → IOB2 with mapped types. */
function iob1ToIob2(raw: string[], map: Record<string, string>): string[] {
  const out: string[] = [];
  let prevType = 'O';
  for (const tag of raw) {
    if (tag === 'O' || !tag.includes('-')) {
      out.push('O');
      prevType = 'O';
      continue;
    }
    const [bio, t] = [tag.slice(0, 1), tag.slice(2)];
    const type = map[t] ?? 'MISC';
    const begin = bio === 'B' || prevType !== type;
    out.push((begin ? 'B-' : 'I-') + type);
    prevType = type;
  }
  return out;
}

/** CoNLL-2003 (`word POS chunk NER`) or WikiGold (`word NER`): documents split on -DOCSTART-. */
export function readConll(file: string): TaggedDocument[] {
  const docs: TaggedDocument[] = [];
  let doc: TaggedDocument = { id: `${path.basename(file)}#0`, sentences: [] };
  let words: string[] = [];
  let raw: string[] = [];
  const endSentence = (): void => {
    if (words.length) doc.sentences.push({ words, tags: iob1ToIob2(raw, CONLL_MAP) });
    words = [];
    raw = [];
  };
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (line.startsWith('-DOCSTART-')) {
      endSentence();
      if (doc.sentences.length) docs.push(doc);
      doc = { id: `${path.basename(file)}#${docs.length}`, sentences: [] };
      continue;
    }
    if (!line.trim()) {
      endSentence();
      continue;
    }
    const cols = line.split(/\s+/);
    words.push(cols[0]!);
    raw.push(cols[cols.length - 1]!);
  }
  endSentence();
  if (doc.sentences.length) docs.push(doc);
  return docs;
}

/** One WorldWide annotated file (`token<TAB>label[<TAB>nested]`, IOB2, first line may be the URL). */
export function readWorldwideFile(file: string): TaggedDocument {
  const sentences: TaggedSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  let prevType = 'O';
  const end = (): void => {
    if (words.length) sentences.push({ words, tags });
    words = [];
    tags = [];
    prevType = 'O';
  };
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return end();
    const cols = line.includes('\t') ? line.split('\t') : line.split(/\s+/);
    const word = cols[0]!;
    if (i === 0 && /^https?:\/\//.test(word)) return;
    const label = (cols[1] ?? 'O').trim();
    let tag = 'O';
    const m = /^([BI])-(.+)$/.exec(label);
    if (m) {
      const type = WORLDWIDE_MAP[m[2]!];
      if (type) {
        tag = (m[1] === 'B' || prevType !== type ? 'B-' : 'I-') + type;
        prevType = type;
      } else prevType = 'O';
    } else prevType = 'O';
    words.push(word);
    tags.push(tag);
  });
  end();
  return { id: path.basename(file, '.tsv'), sentences };
}

/** WorldWide files split into train and a fixed dev slice: every 5th file by sorted name (about 20%). */
export function worldwideSplit(root: string): { train: string[]; dev: string[] } {
  const dir = path.join(root, 'ner/worldwide/annotated');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort();
  const train: string[] = [];
  const dev: string[] = [];
  files.forEach((f, i) => (i % 5 === 0 ? dev : train).push(path.join(dir, f)));
  return { train, dev };
}

/** The raw article text for a WorldWide annotated file (first line is its URL). */
export function worldwideArticlePath(root: string, annotatedFile: string): string {
  return path.join(root, 'ner/worldwide/articles', path.basename(annotatedFile, '.tsv') + '.txt');
}

export interface PolnearSpan {
  spans: [number, number][];
  text: string;
}
export interface PolnearAttribution {
  type: 'attribution' | 'attribution-no-source';
  source?: PolnearSpan | null;
  cue?: PolnearSpan | null;
  content?: PolnearSpan | null;
}
export interface PolnearArticle {
  id: string;
  publisher: string;
  date: string;
  text: string;
  attributions: PolnearAttribution[];
}

export function readPolnear(root: string, split: 'train' | 'dev'): PolnearArticle[] {
  const file = path.join(root, 'quotes/polnear', `${split}.jsonl`);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as PolnearArticle);
}

/** Entity spans (token indices, end exclusive) from IOB2 tags. */
export function spansFromTags(tags: string[]): { start: number; end: number; type: string }[] {
  const out: { start: number; end: number; type: string }[] = [];
  let cur: { start: number; end: number; type: string } | null = null;
  tags.forEach((tag, i) => {
    if (tag.startsWith('I-') && cur && cur.type === tag.slice(2)) {
      cur.end = i + 1;
      return;
    }
    if (cur) out.push(cur);
    cur = tag === 'O' ? null : { start: i, end: i + 1, type: tag.slice(2) };
  });
  if (cur) out.push(cur);
  return out;
}
