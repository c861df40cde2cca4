// Fixed benchmark inputs: our samples, articles of a given length and a ~1 MB document stitched from OUR sample
// paragraphs (never corpus text), and the WorldWide dev-slice articles from ../shared/data when present.

import * as fs from 'fs';
import * as path from 'path';
import type { DocumentFormat } from '../../src/server/analysis/types';
import { dataRoot, worldwideArticlePath, worldwideSplit } from '../data';
import { repoRoot } from './lsp';

export interface BenchDoc {
  name: string;
  text: string;
  format: DocumentFormat;
  words: number;
}

/** Words as the benchmark counts them, the same for Byline and compromise: whitespace-separated runs with a letter or digit. */
export function countWords(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(w)) n++;
  return n;
}

function formatOf(file: string): DocumentFormat {
  if (file.endsWith('.md')) return 'markdown';
  if (file.endsWith('.news')) return 'news';
  return 'plaintext';
}

export function loadSamples(): BenchDoc[] {
  const dir = path.join(repoRoot, 'samples');
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, text, format: formatOf(name), words: countWords(text) };
    });
}

/** WorldWide dev-slice articles (URL line dropped), or undefined when ../shared/data is absent. */
export function loadWorldwide(limit: number): BenchDoc[] | undefined {
  const root = dataRoot();
  if (!root) return undefined;
  const docs: BenchDoc[] = [];
  for (const annotated of worldwideSplit(root).dev) {
    const file = worldwideArticlePath(root, annotated);
    if (!fs.existsSync(file)) continue;
    const raw = fs.readFileSync(file, 'utf8');
    const text = raw.replace(/^https?:\/\/\S*\r?\n/, '');
    docs.push({ name: path.basename(file), text, format: 'plaintext', words: countWords(text) });
    if (docs.length >= limit) break;
  }
  return docs.length ? docs : undefined;
}

interface SampleParts {
  header: string[];
  body: string[];
}

let parts: SampleParts | undefined;

/** The .news sample's headline, byline and dateline paragraph, and every body paragraph of every sample. */
function sampleParts(): SampleParts {
  if (parts) return parts;
  const body: string[] = [];
  let header: string[] = [];
  for (const sample of loadSamples()) {
    const text = sample.text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
    const paragraphs = text
      .split(/\r?\n\s*\r?\n/)
      .map((p) => p.trim())
      .filter((p) => p && !p.startsWith('#') && !/^\*?By /.test(p));
    if (sample.format === 'news' && header.length === 0) {
      const all = text.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean);
      header = all.slice(0, 3);
      body.push(...paragraphs.filter((p) => !header.includes(p)));
    } else {
      body.push(...paragraphs);
    }
  }
  parts = { header, body };
  return parts;
}

/** A step through n paragraphs that visits every one before any repeats (5 or the next number coprime with n). */
function stride(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let step = 5;
  while (gcd(step, n) !== 1) step++;
  return step;
}

/** Rotates every digit by `shift` so repeated paragraphs differ in their figures and dates. */
function vary(paragraph: string, shift: number): string {
  if (shift % 10 === 0) return paragraph;
  return paragraph.replace(/\d/g, (d) => String((Number(d) + shift) % 10));
}

/**
 * A wire-style `.news` article of at least `words` words: the sample headline, byline and dateline, then the
 * samples' body paragraphs in a seeded rotating order, their figures varied from one pass to the next.
 */
export function articleOfWords(words: number, seed = 0): string {
  const { header, body } = sampleParts();
  const out = [...header];
  let count = countWords(out.join('\n'));
  const step = stride(body.length);
  for (let i = 0; count < words; i++) {
    const index = (seed * 7 + i * step) % body.length;
    const paragraph = vary(body[index]!, Math.floor(i / body.length) + seed);
    out.push(paragraph);
    count += countWords(paragraph);
  }
  return out.join('\n\n') + '\n';
}

/** A book-length document of about `chars` characters (1 MB by default) built the same way, in sections. */
export function largeDocument(chars = 1_000_000): string {
  const { header, body } = sampleParts();
  const out: string[] = [...header];
  let length = out.join('\n\n').length;
  const step = stride(body.length);
  for (let i = 0; length < chars; i++) {
    if (i % 40 === 0) out.push(`Update ${i / 40 + 1}`);
    const paragraph = vary(body[(i * step) % body.length]!, Math.floor(i / body.length));
    out.push(paragraph);
    length += paragraph.length + 2;
  }
  return out.join('\n\n') + '\n';
}
