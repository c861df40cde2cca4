// The unattributed-claim rules ATTR001–ATTR009 (../shared/design/DIAGNOSTICS.md): an attribution detector plus
// narrow claim triggers, each finding saying exactly what is missing. Precision first: a rule that cries wolf
// gets switched off, so every trigger is specific and every window generous.
//
// Finding.data, read by the LSP's quick fixes and ignore commands (all offsets UTF-16, end exclusive):
//   sentence:       string  — the text of the sentence holding the finding (key for the plain-text ignore file)
//   paragraphStart: number  — where a Markdown `<!-- byline-ignore CODE -->` line goes
//   trigger:        string  — the words that triggered the rule ("9.2 percent", "claimed", "critics")
//   fix?:           'insertAttribution' | 'replace'
//   title?:         string  — the quick fix's title ("Add a source", "Change “claimed” to “said”")
//   edit?:          { start: number; end: number; newText: string } — the quick fix as one text edit
//   offset?:        number  — insertAttribution: where the placeholder goes (same as edit.start)
//   replacement?:   string  — replace: the neutral verb ("said"); range?: { start, end } — the word replaced
//   specificity?:   'named' | 'described' | 'vague' — ATTR002/ATTR007: how specific the source is
// Deliberate narrowings of the catalogue, each measured on PolNeAR/WorldWide (scripts/eval-claims.ts):
//   "police", "prosecutors" and other institutions are named sources (§5), never ATTR002; "because of" fires only
//   when it explains a trend ("fell because of"); a head count with no harm done needs 1,000+ people; figures are
//   sourced by a poll, study or data set named in the paragraph or the one before; plans ("would cost") are not
//   statistics; ATTR007 needs a counted or "familiar with" source ("two officials", not "U.S. officials");
//   ATTR009 fires once two sentences precede the speaker.
// Ignore comments in Markdown apply to every finding of the article, so analyze() applies them (../ignores.ts).

import { countWordsIn, isSpace, startsWithCapital, type TextModel } from '../text';
import type { Entity, Finding, Quote, Severity, Span } from '../types';
import {
  ACCUSATION_FRAMES, ACCUSATION_LABELS, ACCUSATION_VERBS, ANONYMITY_REASONS, CASUALTY_WORDS, CAUSAL_CUES,
  DOCUMENT_SOURCES, EVALUATIVE_WORDS, EXPRESSIVE_CUE_FORMS, INSTITUTIONAL_SOURCES, LOADED_CUES, NON_SPEECH_CUES,
  PEOPLE_COUNT_NOUNS, PERSONAL_PRONOUNS, REPORTING_CUE_FORMS, SOFT_VAGUE_SOURCES, VAGUE_SOURCES, WEASEL_SOURCES,
} from '../lexicon';
import { ClaimText, findQuotedSpans, type QuotedSpan } from './quoted';
import { NO_ATTRIBUTIONS, findAttributions, lowerSameLength, nameTokens, type Attribution } from './attribution';
import { DocumentWords, type Words } from './words';
import { sortInPlace } from '../order';
import { Scratch } from '../scratch';
import { ACCUSATION_OR_EVALUATION, CAUSAL_KEY, DIGIT, MULTIPLIER, SPELLED_NUMBER, WORD, wordClasses } from '../wordClasses';

export interface ClaimOptions {
  /** Opinion and analysis pieces: evaluative words (the second half of ATTR006) are not flagged. */
  genre?: 'news' | 'opinion';
}

/** Default severities (DIAGNOSTICS.md). */
export const CLAIM_SEVERITY: Readonly<Record<string, Severity>> = {
  ATTR001: 'warning', ATTR002: 'warning', ATTR003: 'warning', ATTR004: 'information', ATTR005: 'information',
  ATTR006: 'warning', ATTR007: 'information', ATTR008: 'hint', ATTR009: 'hint',
};

const SOURCE_PLACEHOLDER = '[source]';

interface SentenceInfo {
  index: number;
  paragraph: number;
  /** Its words, with the union of their classes (Words.union: which claim patterns can match in the sentence at all). */
  words: Words;
  attributions: readonly Attribution[];
  /** Whole sentence inside quotation marks: no claim of the reporter's. */
  allQuoted: boolean;
  /** The quotes engine reports this sentence as someone's speech (the speaker's words). */
  speechBy?: string;
}

interface Context {
  model: TextModel;
  /** The claim text (quoted words blanked), and its stretches in lower case (offsets kept). */
  claim: ClaimText;
  /** Where the document text (quotes included) first gives a STANDARD_REASON, Infinity if nowhere: found when ATTR007 first asks. */
  standardReasonAt?: number;
  /** Per head noun: where the first "Tenant critics" / "critics of the plan" phrase ends (introducedEarlier). */
  introductions?: Map<string, number>;
  spans: QuotedSpan[];
  sentences: SentenceInfo[];
  /** Sentence indices per paragraph. */
  byParagraph: number[][];
  findings: Finding[];
  options: ClaimOptions;
}

/** The name flags and the words' tokens of the document being read (DocumentWords), kept for the next (../scratch). */
const IN_NAME = new Scratch((n) => new Uint8Array(n));
const WORD_TOKENS = new Scratch((n) => new Int32Array(n));

export function findClaims(model: TextModel, entities: Entity[], quotes: Quote[], options: ClaimOptions = {}): Finding[] {
  const spans = findQuotedSpans(model);
  const claim = new ClaimText(model.prose, spans);
  const n = model.tokens.length;
  const documentWords = new DocumentWords(model, spans, nameTokens(entities, model, IN_NAME.view(n)), wordClasses(model), WORD_TOKENS.view(n));
  const byParagraph = sentencesByParagraph(model);
  const sentences: SentenceInfo[] = model.sentences.map((s, index) => {
    const role = model.paragraphs[s.paragraph]?.role;
    if (role !== 'body') return { index, paragraph: s.paragraph, words: documentWords.none, attributions: NO_ATTRIBUTIONS, allQuoted: true, speechBy: undefined };
    const words = documentWords.sentence(index);
    const attributions = findAttributions(model, words, claim, s.start, s.end);
    let allQuoted = true;
    // (a mark is its own lower case, which is read without the token's spelling)
    for (let i = 0; i < words.length && allQuoted; i++) allQuoted = words.isQuote(i) || (!(words.classes(i) & WORD) && words.lower(i)!.length === 1);
    // (speechBy is set below, on sentences the quotes engine attributes: made here, it keeps sentences of one shape)
    return { index, paragraph: s.paragraph, words, attributions, allQuoted, speechBy: undefined };
  });
  const cx: Context = { model, claim, spans, sentences, byParagraph, findings: [], options };
  // sentences the quotes engine attributes (direct, indirect or mixed speech with a speaker) carry attribution too
  for (const q of quotes) {
    if (!q.speaker || q.speaker.specificity === 'vague') continue;
    const from = sentenceOf(cx, q.start)?.index;
    const to = sentenceOf(cx, Math.max(q.start, q.end - 1))?.index;
    if (from === undefined || to === undefined) continue;
    for (let i = from; i <= to; i++) sentences[i]!.speechBy = q.speaker.text;
  }

  unattributedQuotes(cx, quotes);
  lateAttribution(cx);
  for (const s of sentences) {
    if (model.paragraphs[s.paragraph]?.role !== 'body') continue;
    sourceFindings(cx, s);
    if (s.allQuoted) continue;
    const attributed = inWindow(cx, s);
    statistics(cx, s, attributed);
    causalClaims(cx, s, attributed);
    accusations(cx, s, attributed);
  }
  return dedupe(cx.findings);
}

/**
 * The sentence indices of each paragraph, each list made of its size (counted first: a list grown by push from
 * empty holds 17 slots, and most paragraphs have one or two sentences).
 */
function sentencesByParagraph(model: TextModel): number[][] {
  const counts = model.paragraphs.map(() => 0);
  for (const s of model.sentences) if (s.paragraph < counts.length) counts[s.paragraph]!++;
  const byParagraph = counts.map((n) => new Array<number>(n));
  counts.fill(0);
  const sentences = model.sentences;
  for (let index = 0; index < sentences.length; index++) {
    const p = sentences[index]!.paragraph;
    const list = byParagraph[p];
    if (list) list[counts[p]!++] = index;
  }
  return byParagraph;
}

// ---------------------------------------------------------------- the window

const carries = (s: SentenceInfo | undefined): boolean => !!s && (s.attributions.length > 0 || s.speechBy !== undefined);

/** A claim is attributed when its sentence, or a neighbouring sentence of its paragraph, carries attribution. */
function inWindow(cx: Context, s: SentenceInfo): boolean {
  if (carries(s)) return true;
  const list = cx.byParagraph[s.paragraph] ?? [];
  const pos = list.indexOf(s.index);
  if (carries(cx.sentences[list[pos - 1] ?? -1]) || carries(cx.sentences[list[pos + 1] ?? -1])) return true;
  // a paragraph introduced by a colon ("The report said:") is attributed as a whole
  return pos === 0 && previousEndsWithColon(cx, s.paragraph);
}

function previousBodyParagraph(cx: Context, paragraph: number): number {
  for (let p = paragraph - 1; p >= 0; p--) {
    const para = cx.model.paragraphs[p]!;
    if (para.role === 'body') return p;
    if (para.role !== 'other') return -1;
  }
  return -1;
}

function previousEndsWithColon(cx: Context, paragraph: number): boolean {
  const p = previousBodyParagraph(cx, paragraph);
  if (p < 0) return false;
  const para = cx.model.paragraphs[p]!;
  // (as /:\s*$/ over the paragraph, read backwards from its end: text.ts isSpace is \s)
  const prose = cx.model.prose;
  let k = para.end;
  while (k > para.start && isSpace(prose.charCodeAt(k - 1))) k--;
  return k > para.start && prose.charCodeAt(k - 1) === 58; /* : */
}

const paragraphCarries = (cx: Context, p: number): boolean => (cx.byParagraph[p] ?? []).some((i) => carries(cx.sentences[i]));

// ---------------------------------------------------------------- helpers

function sentenceOf(cx: Context, offset: number): SentenceInfo | undefined {
  const ss = cx.model.sentences;
  let lo = 0;
  let hi = ss.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ss[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return cx.sentences[mid];
  }
  return undefined;
}

function baseData(cx: Context, s: SentenceInfo, trigger: string): Record<string, unknown> {
  const sent = cx.model.sentences[s.index]!;
  return { sentence: cx.model.text.slice(sent.start, sent.end), paragraphStart: cx.model.paragraphs[s.paragraph]!.start, trigger };
}

/**
 * The attribution nearest to a sentence that the window rejected (two or more sentences away in the paragraph,
 * or in the previous paragraph), so the writer sees which source the rule did not stretch to cover the claim.
 */
function rejectedNearby(cx: Context, s: SentenceInfo): Finding['related'] {
  const list = cx.byParagraph[s.paragraph] ?? [];
  const pos = list.indexOf(s.index);
  const candidates: { sentence: SentenceInfo; where: string }[] = [];
  for (let k = pos - 2; k >= 0; k--) candidates.push({ sentence: cx.sentences[list[k]!]!, where: 'earlier in this paragraph' });
  for (let k = pos + 2; k < list.length; k++) candidates.push({ sentence: cx.sentences[list[k]!]!, where: 'later in this paragraph' });
  const prev = previousBodyParagraph(cx, s.paragraph);
  const prevList = prev >= 0 ? cx.byParagraph[prev] ?? [] : [];
  for (let k = prevList.length - 1; k >= 0; k--) candidates.push({ sentence: cx.sentences[prevList[k]!]!, where: 'in the previous paragraph' });
  for (const c of candidates) {
    const a = c.sentence.attributions.find((x) => x.kind !== 'agentless');
    if (a) return [{ start: a.cue.start, end: a.cue.end, message: `Nearest attribution (“${a.cue.text}”, ${c.where}) is too far away to cover this claim.` }];
  }
  return undefined;
}

/**
 * The quick fix that adds ", according to [source]" before the sentence's final punctuation, added to a finding's
 * data (built up in place: spreading objects into a new one is the slow part of making a finding).
 */
function insertSourceFix(cx: Context, s: SentenceInfo, data: Record<string, unknown>): Record<string, unknown> {
  const sent = cx.model.sentences[s.index]!;
  const offset = finalPunctuation(cx.model.text, sent.start, sent.end);
  data['fix'] = 'insertAttribution';
  data['title'] = 'Add a source ("according to [source]")';
  data['offset'] = offset;
  data['edit'] = { start: offset, end: offset, newText: `, according to ${SOURCE_PLACEHOLDER}` };
  return data;
}

const CLOSING_MARKS: ReadonlySet<number> = new Set(['"', "'", '”', '’', ')'].map((c) => c.charCodeAt(0)));

/**
 * Where the final punctuation of text[start, end) begins: the end punctuation before any closing marks and spaces
 * that end it (what /[.!?]["'”’)]*\s*$/ finds, read backwards from the end), or `end` when there is none.
 */
function finalPunctuation(text: string, start: number, end: number): number {
  let k = end;
  while (k > start && isSpace(text.charCodeAt(k - 1))) k--;
  while (k > start && CLOSING_MARKS.has(text.charCodeAt(k - 1))) k--;
  const c = k > start ? text.charCodeAt(k - 1) : 0;
  return c === 46 || c === 33 || c === 63 /* . ! ? */ ? k - 1 : end;
}

function push(cx: Context, code: string, span: Span, message: string, data: Record<string, unknown>, severity: Severity = CLAIM_SEVERITY[code]!, related?: Finding['related']): void {
  const finding: Finding = { code, severity, start: span.start, end: span.end, message, data };
  if (related && related.length) finding.related = related;
  cx.findings.push(finding);
}

const quoteText = (t: string): string => `“${t.replace(/\s+/g, ' ').trim()}”`;

// ---------------------------------------------------------------- ATTR001: quotes with no speaker

function unattributedQuotes(cx: Context, quotes: Quote[]): void {
  const { model } = cx;
  for (const q of cx.spans) {
    const para = model.paragraphs[q.paragraph]!;
    if (para.role !== 'body' || !q.double || q.continuesPrevious) continue;
    // the quotes engine found a speaker (most quotes): asked before the words are counted
    if (quotes.some((x) => x.speaker && x.start < q.close && q.open < x.end)) continue;
    // scare quotes and titles: three words or fewer, or Every Word Capitalised
    const words = countWordsIn(model.prose, q.contentStart, q.contentEnd);
    if (words < 4) continue;
    const content = model.prose.slice(q.contentStart, q.contentEnd);
    const contentWords = content.split(/\s+/).filter((w) => /[\p{L}]/u.test(w));
    if (contentWords.every((w) => /^[\p{Lu}\d]/u.test(w) || /^(?:of|the|a|an|and|in|on|for|to|at|by|with)$/.test(w))) continue;
    // a phrase mentioned mid-sentence ("aren't often associated with “much loved community meeting place”"):
    // a short lower-case fragment is a mention or a slogan, not a quote that needs a speaker
    const content0 = model.prose.slice(q.contentStart, q.contentEnd).trim();
    const openWords = sentenceOf(cx, q.open)?.words;
    const midSentence = openWords?.some((w) => !openWords.isQuote(w) && openWords.end(w) <= q.open && /[\p{L}]/u.test(openWords.text(w)!));
    if (midSentence && words < 8 && /^[\p{Ll}]/u.test(content0) && !/[.!?]["'”’]?\s+\S/.test(content0)) continue;
    const first = sentenceOf(cx, q.open);
    const last = sentenceOf(cx, Math.max(q.open, q.contentEnd - 1));
    if (!first || !last) continue;
    if (mixedQuote(first, q)) continue;
    const list = cx.byParagraph[q.paragraph] ?? [];
    const a = list.indexOf(first.index);
    const b = list.indexOf(last.index);
    let attributed = false;
    for (let k = Math.max(0, a - 1); k <= Math.min(list.length - 1, b + 1) && !attributed; k++) attributed = carries(cx.sentences[list[k]!]);
    if (attributed) continue;
    // "Sanders made the point on CBS. “The younger people are …”": the sentence before names the speaker
    const before = cx.sentences[list[a - 1] ?? -1];
    const after = cx.sentences[list[b + 1] ?? -1];
    if ([before, after].some((n) => n && n.words.some((w) => (n.words.end(w) <= q.open || n.words.start(w) >= q.close ? namesSomeone(n.words, w) : false)))) continue;
    // a quoted paragraph right after an attributed paragraph ("floating" quote), or after a colon
    const prev = previousBodyParagraph(cx, q.paragraph);
    const opensParagraph = model.prose.slice(para.start, q.open).trim() === '';
    if (prev >= 0 && (previousEndsWithColon(cx, q.paragraph) || (opensParagraph && (paragraphCarries(cx, prev) || cx.spans.some((x) => x.paragraph === prev))))) continue;
    // the paragraph before is about a named person ("Viguerie is upbeat about Cruz's chances.")
    if (prev >= 0 && opensParagraph && (cx.byParagraph[prev] ?? []).some((i) => opensWithSomeone(cx.sentences[i]!))) continue;
    // a quote running on into the next paragraphs may be attributed there ("…" ¶ "…," she said.)
    if (!q.closed && attributedLater(cx, q)) continue;
    const related: NonNullable<Finding['related']> = [];
    const nearest = nearestEarlierAttribution(cx, first.index);
    if (nearest) related.push({ start: nearest.cue.start, end: nearest.cue.end, message: `Nearest attribution (“${nearest.cue.text}”) is too far from the quote to cover it.` });
    const sent = model.sentences[last.index]!;
    const closeMark = model.text.slice(q.close - 1, q.close);
    const endsWithPeriod = q.closed && /[.]$/.test(model.text.slice(q.contentStart, q.contentEnd).trimEnd());
    const edit = endsWithPeriod
      ? { start: q.contentEnd - 1, end: q.close, newText: `,${closeMark} ${SOURCE_PLACEHOLDER} said.` }
      : { start: q.close, end: q.close, newText: `, ${SOURCE_PLACEHOLDER} said` };
    push(cx, 'ATTR001', { start: q.open, end: q.close },
      `Unattributed quote: no speaker named in this sentence or the next — add who said ${quoteText(excerpt(content))}.`,
      { sentence: model.text.slice(model.sentences[first.index]!.start, sent.end), paragraphStart: para.start, trigger: excerpt(content), fix: 'insertAttribution', title: 'Add a speaker ("[source] said")', offset: edit.start, edit },
      undefined, related);
  }
}

const CALENDAR = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$|^(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i;

/** A word that names a person or body (not a month, a weekday or "I"), for the quote window. */
const namesSomeone = (words: Words, w: number): boolean =>
  !words.isQuote(w) && (words.name(w) || (startsWithCapital(words.text(w)!) && !words.initial(w) && words.text(w) !== 'I' && !CALENDAR.test(words.text(w)!)) || /^(?:he|she|they)$/.test(words.lower(w)!));

/** The sentence is about someone: it opens with a name or a personal pronoun ("Viguerie is upbeat …", "She paused."). */
function opensWithSomeone(s: SentenceInfo): boolean {
  const words = s.words;
  const first = words.findIndex((w) => /[\p{L}]/u.test(words.text(w)!) && !words.isQuote(w));
  if (first < 0) return false;
  const lower = words.lower(first)!;
  if (words.name(first) || /^(?:he|she|they|i|we)$/.test(lower)) return true;
  const text = words.text(first)!;
  return startsWithCapital(text) && !OPENING_WORDS.test(lower) && !VAGUE_SOURCES.has(lower) && !INSTITUTIONAL_SOURCES.has(lower) && !DOCUMENT_SOURCES.has(lower) && !CALENDAR.test(text) && !/s$/.test(lower) && !/ing$|ed$|ly$/.test(lower);
}

const OPENING_WORDS = /^(?:the|a|an|in|on|at|but|and|or|so|yet|for|as|if|when|while|after|before|since|this|that|these|those|there|it|its|to|with|by|from|of|some|many|one|no|not|however|meanwhile|still|also)$/;

/**
 * A quote woven into the reporter's sentence after its subject ("Ortiz called the plan “a recipe for disaster
 * that will hurt families”", "he vowed to punish “those who …”", "The memo ends: “…”"): the sentence names who is
 * quoted, even when no reporting verb is in the list.
 */
function mixedQuote(s: SentenceInfo, q: QuotedSpan): boolean {
  const words = s.words;
  const before: number[] = [];
  for (let w = 0; w < words.length; w++) if (words.end(w) <= q.open && !words.isQuote(w)) before.push(w);
  if (!before.some((w) => /[\p{L}]/u.test(words.text(w)!))) return false;
  if (before.length && words.text(before[before.length - 1]!) === ':') return true;
  // a cue before the quote: "quoted the president as saying “…”", "After saying her foot was “…”", "it reads, “…”"
  if (before.some((w) => REPORTING_CUE_FORMS.has(words.lower(w)!) || EXPRESSIVE_CUE_FORMS.has(words.lower(w)!) || words.lower(w) === 'points' || words.lower(w) === 'pointed')) return true;
  // someone named or referred to anywhere in the reporter's part of the sentence
  return words.some((w) => !words.isQuote(w) && (words.name(w) || PERSONAL_PRONOUNS.has(words.lower(w)!) || (startsWithCapital(words.text(w)!) && !OPENING_WORDS.test(words.lower(w)!) && !CALENDAR.test(words.text(w)!))));
}

/** A multi-paragraph quote whose continuation paragraphs carry the attribution. */
function attributedLater(cx: Context, q: QuotedSpan): boolean {
  let p = q.paragraph;
  for (let hops = 0; hops < 6; hops++) {
    const next = cx.spans.find((x) => x.paragraph > p && x.continuesPrevious);
    if (!next || next.paragraph > p + 2) return false;
    if (paragraphCarries(cx, next.paragraph)) return true;
    const last = [...cx.spans].reverse().find((x) => x.paragraph === next.paragraph);
    if (!last || last.closed) return false;
    p = next.paragraph;
  }
  return false;
}

function excerpt(t: string): string {
  const words = t.replace(/\s+/g, ' ').trim().split(' ');
  return words.length > 6 ? words.slice(0, 6).join(' ') + ' …' : words.join(' ');
}

function nearestEarlierAttribution(cx: Context, sentence: number): Attribution | undefined {
  const para = cx.sentences[sentence]!.paragraph;
  for (let i = sentence - 1; i >= 0; i--) {
    const s = cx.sentences[i]!;
    if (para - s.paragraph > 3) return undefined;
    const a = s.attributions.find((x) => x.kind === 'speech' || x.kind === 'according');
    if (a) return a;
  }
  return undefined;
}

// ---------------------------------------------------------------- ATTR009: late attribution of a long quote

function lateAttribution(cx: Context): void {
  const { model } = cx;
  for (const q of cx.spans) {
    if (!q.double || !q.closed || q.continuesPrevious || model.paragraphs[q.paragraph]?.role !== 'body') continue;
    const para = model.paragraphs[q.paragraph]!;
    if (model.prose.slice(para.start, q.open).trim() !== '') continue;
    // the attribution straight after the quote: "…," said Ruth Adams · "…," she said
    const s = sentenceOf(cx, Math.max(q.open, q.close - 1));
    if (!s) continue;
    const after = s.attributions.find((a) => (a.kind === 'speech' || a.kind === 'nonSpeech') && a.cue.start >= q.close && a.cue.start - q.close < 40 && a.source);
    if (!after || !after.source) continue;
    // sentences inside the quote before its attribution
    const firstSentence = sentenceOf(cx, q.open);
    if (!firstSentence) continue;
    let count = 0;
    for (let k = firstSentence.index; k < model.sentences.length && model.sentences[k]!.start < q.contentEnd; k++) count++;
    if (count < 2) continue;
    const from = Math.min(after.cue.start, after.source.start);
    const to = Math.max(after.cue.end, after.source.end);
    push(cx, 'ATTR009', { start: from, end: to },
      `Late attribution: this ${count}-sentence quote names its speaker only after the last sentence — attribute it after the first sentence.`,
      baseData(cx, s, after.cue.text));
  }
}

// ---------------------------------------------------------------- ATTR002, ATTR003, ATTR007, ATTR008: the sources themselves

/** A named source elsewhere in the sentence vouches for hearsay; the hearsay phrase itself ("studies show") does not. */
function vouchedFor(s: SentenceInfo, hearsay: Attribution): boolean {
  return s.attributions.some((a) => a.kind !== 'agentless' && a.specificity !== 'vague' && !(a.cue.start < hearsay.cue.end && hearsay.cue.start < a.cue.end) && !(a.source && a.source.start < hearsay.cue.end && hearsay.cue.start < a.source.end));
}

function sourceFindings(cx: Context, s: SentenceInfo): void {
  const { model } = cx;
  const para = model.paragraphs[s.paragraph]!;
  for (const a of s.attributions) {
    if (a.kind === 'agentless') {
      const phrase = a.cue.text.toLowerCase();
      // "reportedly" and "allegedly" are fine when the sentence names who reports or alleges
      if (vouchedFor(s, a)) continue;
      const what = /allegedly/.test(phrase) ? 'say who alleges it' : /reportedly|reports/.test(phrase) ? 'say who reported it' : /studies|research|surveys|experiments/.test(phrase) ? 'name the study or its authors' : /scientists|experts|some|many|others/.test(phrase) ? 'say who' : 'say who holds this view';
      push(cx, 'ATTR003', a.cue, `Agentless attribution ${quoteText(a.cue.text)}: ${what}.`, insertSourceFix(cx, s, baseData(cx, s, a.cue.text)));
      continue;
    }
    if (!a.source) continue;
    if (a.specificity === 'vague' && a.head && (a.kind === 'according' || a.kind === 'belief' || WEASEL_CUES.has(cueLower(s, a)))) {
      // a bare noun the story already introduced with an affiliation ("State Department officials … officials said")
      if (introducedEarlier(cx, a, s)) continue;
      if (WEASEL_SOURCES.has(a.head)) {
        push(cx, 'ATTR002', a.source, `Vague source ${quoteText(a.source.text)}: say who — name them, or give their role and affiliation.`, Object.assign(baseData(cx, s, a.source.text), { specificity: 'vague' }));
      } else if (SOFT_VAGUE_SOURCES.has(a.head)) {
        const which = a.head === 'official' ? 'which office does the official speak for? Give the agency or title' : 'which officials? Give their agency or office';
        push(cx, 'ATTR002', a.source, `Vague source ${quoteText(a.source.text)}: ${which}.`, Object.assign(baseData(cx, s, a.source.text), { specificity: 'vague' }), 'information');
      }
    }
    if (a.anonymous) {
      // the reason in this paragraph, or the standard formula anywhere earlier in the story
      const paragraphText = lowerSameLength(model.text.slice(para.start, para.end));
      const reasonGiven = ANY_ANONYMITY_REASON.test(paragraphText) || (cx.standardReasonAt ??= STANDARD_REASON.exec(model.text)?.index ?? Infinity) < para.end;
      if (!reasonGiven) {
        push(cx, 'ATTR007', a.source, `Anonymous source ${quoteText(a.source.text)} with no reason for anonymity: say why they were not named (for example “spoke on condition of anonymity because …”).`, Object.assign(baseData(cx, s, a.source.text), { specificity: 'described' }));
      }
    }
    loadedCue(cx, s, a);
  }
}

/**
 * The standard formulas of anonymity (the first ANONYMITY_REASONS), which count anywhere earlier in the story. They
 * are lower-case ASCII without a k, so an ASCII any-case search finds them where lowerSameLength(text) has them (the
 * one other character that lowers into ASCII is the Kelvin sign, to k), without lower-casing the whole story (slow
 * on two-byte text).
 */
const STANDARD_REASON = new RegExp(ANONYMITY_REASONS.slice(0, 4).join('|'), 'i');
/** Any of ANONYMITY_REASONS (plain words and spaces): one scan of a paragraph. */
const ANY_ANONYMITY_REASON = new RegExp(ANONYMITY_REASONS.join('|'));

/** An attribution's cue in lower case: its word's (made once per spelling) when the cue is one word. */
function cueLower(s: SentenceInfo, a: Attribution): string {
  const words = s.words;
  const w = a.cueWord;
  return words.has(w) && words.start(w) === a.cue.start && words.end(w) === a.cue.end ? words.lower(w)! : a.cue.text.toLowerCase();
}

/** Cues that pass on a view or a fact: a vague source with one of these is weasel sourcing ("critics say"). */
const WEASEL_CUES = new Set([
  'say', 'says', 'said', 'saying', 'tell', 'told', 'tells', 'argue', 'argues', 'argued', 'claim', 'claims', 'claimed',
  'suggest', 'suggests', 'suggested', 'warn', 'warns', 'warned', 'note', 'notes', 'noted', 'insist', 'insists',
  'insisted', 'agree', 'agrees', 'agreed', 'predict', 'predicts', 'predicted', 'estimate', 'estimates', 'estimated',
  'maintain', 'maintains', 'allege', 'alleges', 'alleged', 'accuse', 'accuses', 'accused', 'complain', 'complains',
  'complained', 'charge', 'charges', 'contend', 'contends', 'contended', 'point', 'points', 'pointed', 'question',
  'questioned', 'acknowledge', 'acknowledged', 'concede', 'conceded', 'describe', 'describes', 'described',
]);

function introducedEarlier(cx: Context, a: Attribution, s: SentenceInfo): boolean {
  if (!a.source || !a.head || s.index === 0) return false;
  const byHead = (cx.introductions ??= new Map());
  let end = byHead.get(a.head);
  if (end === undefined) {
    // One scan per head noun, not one per attribution over all the text before it (quadratic on long documents).
    // A single capitalised word before the head is enough: any longer run of them ends with one.
    const prose = cx.model.prose;
    const first = prose.indexOf(a.head);
    let m: RegExpExecArray | null = null;
    if (first >= 0) {
      const re = new RegExp(`\\b[A-Z][\\w.'’-]*\\s+${a.head}\\b|\\b${a.head}\\s+(?:in|at|from|for|of|with|close|familiar)\\b`, 'g');
      // every match holds the head (a plain lower-case word of the source lexicons), so none starts before the word
      // ahead of its first occurrence
      re.lastIndex = wordBefore(prose, first);
      m = re.exec(prose);
    }
    end = m ? m.index + m[0].length : Infinity;
    byHead.set(a.head, end);
  }
  return end <= a.source.start;
}

/**
 * Where the whitespace-separated chunk before the one holding offset `at` begins (0 at the start of the text): a
 * match of "Capitalised head" or "head in" that holds text at `at` or later starts no earlier.
 */
function wordBefore(text: string, at: number): number {
  let k = at;
  while (k > 0 && !isSpace(text.charCodeAt(k - 1))) k--;
  while (k > 0 && isSpace(text.charCodeAt(k - 1))) k--;
  while (k > 0 && !isSpace(text.charCodeAt(k - 1))) k--;
  return k;
}

const LOADED_OBJECTS = /^(?:responsibility|credit|victory|lives|life|the (?:title|crown|lives|seat|prize|race|election|nomination|victory|top|lead)|a (?:seat|title|share|stake)|ownership|defeat|to|into|on|in|at|as|for|himself|herself|themselves)\b/;

function loadedCue(cx: Context, s: SentenceInfo, a: Attribution): void {
  const cue = cueLower(s, a);
  const loaded = LOADED_CUES.has(cue);
  const nonSpeech = NON_SPEECH_CUES.has(cue);
  if (!loaded && !nonSpeech) return;
  const words = s.words;
  const i = a.cueWord;
  const source = a.source;
  const quoteAdjacent = words.isQuote(i + 1) || words.isQuote(i - 1) || (!!source && words.some((k) => words.isQuote(k) && k < i && k >= i - 6 && source.start > words.start(k)));
  if (nonSpeech && !quoteAdjacent) return;
  // "Retired General Reveals …" (a title-case headline) and "his Fifth Amendment claims, …" (a noun) are no cues
  if (/^[A-Z]/.test(a.cue.text) && words.has(i) && !words.initial(i)) return;
  const next = words.text(i + 1);
  if (/s$/.test(cue) && (next === undefined || next === ',' || next === '.' || next === ';')) return;
  if (loaded && !quoteAdjacent) {
    const rest = cx.claim.slice(a.cue.end, cx.model.sentences[s.index]!.end).trimStart().toLowerCase();
    if (LOADED_OBJECTS.test(rest)) return;
    if (!/^(?:that|,|:)/.test(rest) && !/^(?:he|she|they|it|we|i|there)\b/.test(rest) && !/^[\w'’$-]+(?:\s+[\w'’$-]+){0,5}\s+(?:is|are|was|were|had|has|have|would|will|could|did|does|can)\b/.test(rest)) return;
  }
  const replacement = /s$/.test(cue) ? 'says' : 'said';
  push(cx, 'ATTR008', a.cue,
    nonSpeech ? `${quoteText(a.cue.text)} is not a speech verb: use “${replacement}” and describe the ${cue.replace(/e?[ds]$/, '')} separately if it matters.`
      : `Loaded attribution verb ${quoteText(a.cue.text)} takes sides: “${replacement}” is neutral.`,
    Object.assign(baseData(cx, s, a.cue.text), { fix: 'replace', replacement, range: { start: a.cue.start, end: a.cue.end }, title: `Change “${a.cue.text}” to “${replacement}”`, edit: { start: a.cue.start, end: a.cue.end, newText: matchCase(a.cue.text, replacement) } }));
}

const matchCase = (model: string, word: string): string => (/^[A-Z]/.test(model) ? word[0]!.toUpperCase() + word.slice(1) : word);

// ---------------------------------------------------------------- ATTR004: statistics

const STAT_PATTERNS: RegExp[] = [
  /(?<![\w.,])\d+(?:[.,]\d+)*(?:\s?-\s?\d+(?:[.,]\d+)*)?\s?(?:%|percent\b|per cent\b|percentage points?\b)/g,
  /(?<![\w])(?:US|A|C|NZ|HK)?[$€£¥₹]\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|bn|mn|m|k|B|M)\b)?/g,
  /(?<![\w.,])\d[\d,.]*\s(?:million|billion|trillion)\b(?:\s(?:dollars|euros|pounds|yen|yuan|rupees|pesos|rand|naira|shillings))?/g,
  /(?<![\w.,])\d[\d,.]*\s(?:dollars|euros|pounds sterling|yen|yuan|rupees|pesos|rand|naira|shillings)\b/g,
  /\b(?:hundreds of thousands|tens of thousands|millions|billions)\s+of\s+(?:[a-z-]+\s+){0,2}?(?:dollars|euros|pounds|people|civilians|refugees|migrants|children|voters|workers|residents|jobs|homes|users|customers|americans|citizens)\b/gi,
  /\b(?:more than |nearly |almost |roughly |about )?(?:doubled|halved|tripled|trebled|quadrupled)\b/gi,
];
/** STAT_PATTERNS in one pattern per case rule: one scan each rules out a sentence without any figure. */
const ANY_STAT = [
  new RegExp(STAT_PATTERNS.filter((re) => !re.ignoreCase).map((re) => `(?:${re.source})`).join('|')),
  new RegExp(STAT_PATTERNS.filter((re) => re.ignoreCase).map((re) => `(?:${re.source})`).join('|'), 'i'),
];
/**
 * The word classes (../wordClasses) that a word of every STAT_PATTERNS match has, per case rule as in ANY_STAT: a
 * digit, or "thousands", "millions", "billions" or a multiplier ("doubled"). They rule out most sentences before
 * ANY_STAT scans them. Keep them in step with STAT_PATTERNS.
 */
const STAT_KEYS = [DIGIT, MULTIPLIER];
const PROPOSAL = /\b(?:would|will|plans? to|planned|proposed|proposal|proposes|proposing|seeks? to|aims? to|wants? to|pledged|promised|promising|vowed|calls? for|called for|could|if|up to)\b/;

interface StatHit extends Span {
  text: string;
}

function findStatistics(cx: Context, s: SentenceInfo): StatHit[] {
  const sent = cx.model.sentences[s.index]!;
  // (the claim text is read only when the sentence's classes allow a figure)
  const text = (s.words.union & (STAT_KEYS[0]! | STAT_KEYS[1]!)) !== 0 ? cx.claim.slice(sent.start, sent.end) : '';
  const hits: StatHit[] = [];
  const cased = (s.words.union & STAT_KEYS[0]!) !== 0 && ANY_STAT[0]!.test(text);
  const caseless = (s.words.union & STAT_KEYS[1]!) !== 0 && ANY_STAT[1]!.test(text);
  for (const re of STAT_PATTERNS) {
    if (!(re.ignoreCase ? caseless : cased)) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const before = text.slice(Math.max(0, m.index - 20), m.index);
      // numbers inside names ("Boeing 737", "Article 37") and ages never count; money and shares here do
      if (/[A-Z][\w-]*\s$/.test(before) && /^\d/.test(m[0]) && !/%|percent|million|billion|trillion/.test(m[0])) continue;
      const found = m[0].replace(/[,.]+$/, '');
      hits.push({ start: sent.start + m.index, end: sent.start + m.index + found.length, text: found });
    }
  }
  // counts of people: "12,000 people", "at least 40 were killed", "killing 15"
  const words = s.words;
  // a count is a number in digits or spelled out, and the classes of the sentence and its words say where one can be
  const counts = (words.union & (DIGIT | SPELLED_NUMBER)) !== 0;
  for (let i = 0; counts && i < words.length; i++) {
    const classes = words.classes(i);
    if (!(classes & (DIGIT | SPELLED_NUMBER))) continue;
    const text = words.text(i)!;
    const c = text.charCodeAt(0);
    const numeric = c >= 48 && c <= 57 && /^\d[\d,]*$/.test(text) && !/^(?:1[89]|20)\d\d$/.test(text);
    const spelled = (classes & SPELLED_NUMBER) !== 0;
    if (!numeric && !spelled) continue;
    if (numeric && words.has(i - 1) && isCapitalisedName(words, i - 1)) continue;
    // ages ("Keith Scott, 43, was"), dates ("9/11 victims") and ratios ("three times the rate") are not counts
    const next = words.text(i + 1);
    if (words.text(i - 1) === ',' && (next === ',' || next === '.' || next === undefined) && /^[\p{Lu})]/u.test(words.text(i - 2) ?? '')) continue;
    if (/^(?:aged|age|ages)$/.test(words.lower(i - 1) ?? '') || words.text(i - 1) === '/' || cx.model.prose[words.start(i) - 1] === '/') continue;
    if (/^(?:times|fold|to)$/.test(words.lower(i + 1) ?? '')) continue;
    if (next === '-' || /^(?:year|years|month|months|day|days|week|weeks|hour|hours|minute|minutes|mile|miles|km|kilometers|kilometres|meters|metres|feet|acres|points|percent|%)$/.test(words.lower(i + 1) ?? '')) continue;
    const value = numeric ? Number(text.replace(/,/g, '')) : 0;
    // the (up to) four words after the number and three before it, read in place (not listed: a list per number)
    const ahead = Math.min(i + 5, words.length);
    let casualty = false;
    for (let k = i + 1; k < ahead && !casualty; k++) casualty = CASUALTY_WORDS.has(words.lower(k)!);
    for (let k = Math.max(0, i - 3); k < i && !casualty; k++) casualty = HARM_DONE.test(words.lower(k)!);
    // the people counted, among the three words after the number
    let peopleIdx = -1;
    for (let k = i + 1; k < Math.min(i + 4, ahead) && peopleIdx < 0; k++) if (PEOPLE_COUNT_NOUNS.has(words.lower(k)!)) peopleIdx = k - i - 1;
    const people = peopleIdx >= 0;
    // a head count with no harm done needs to be large to be a statistic ("50,000 workers", not "20 crew members")
    const big = spelled ? false : value >= 1000;
    if ((casualty && (people || auxiliaryBetween(words, i + 1, ahead) || i > 0)) || (people && big)) {
      const start = words.start(i);
      const end = words.end(people ? i + 1 + peopleIdx : i);
      if (hits.some((h) => h.start <= start && start < h.end)) continue;
      hits.push({ start, end, text: cx.model.text.slice(start, end) });
    }
  }
  if (hits.length < 2) return hits;
  sortInPlace(hits, (a, b) => a.start - b.start || b.end - a.end);
  return hits.filter((h, i) => !hits.slice(0, i).some((x) => x.start <= h.start && h.start < x.end));
}

/** Words before a count that say harm was done: "killed 15". */
const HARM_DONE = /^(?:killed|killing|kills|injured|injuring|wounded|wounding)$/;
const AUXILIARY = /^(?:were|was|have|had|are|been)$/;

/** Whether a word of [from, to) is an auxiliary ("40 were killed"). */
function auxiliaryBetween(words: Words, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (AUXILIARY.test(words.lower(k)!)) return true;
  return false;
}

const isCapitalisedName = (words: Words, w: number): boolean => /^[A-Z]/.test(words.text(w)!) && !words.initial(w) && !/^(?:At|About|Some|Nearly|Almost|More|Over|Under|Around|Roughly|Only|Just|The|All|And|In|On|Of)$/.test(words.text(w)!);

/** A poll, study, report or data set named in the sentence, its paragraph or the one before sources its figures. */
function documentNearby(cx: Context, s: SentenceInfo): boolean {
  const prev = previousBodyParagraph(cx, s.paragraph);
  const paras = prev >= 0 ? [prev, s.paragraph] : [s.paragraph];
  for (const p of paras) {
    for (const i of cx.byParagraph[p] ?? []) {
      const info = cx.sentences[i]!;
      if (info.attributions.some((a) => a.kind === 'document' || a.kind === 'preposition')) return true;
      if (p === s.paragraph && info.words.some((w) => STAT_DOCUMENTS.has(info.words.lower(w)!))) return true;
    }
  }
  return false;
}

/** Document nouns whose mere mention in the paragraph says where its figures come from. */
const STAT_DOCUMENTS = new Set(['poll', 'polls', 'polling', 'survey', 'surveys', 'census', 'study', 'report', 'analysis', 'data', 'figures', 'statistics', 'filings', 'filing', 'returns', 'records', 'audit', 'estimates', 'tally', 'budget', 'index', 'forecast', 'respondents', 'margin']);

function statistics(cx: Context, s: SentenceInfo, attributed: boolean): void {
  if (attributed) return;
  const hits = findStatistics(cx, s);
  if (!hits.length) return;
  const sent = cx.model.sentences[s.index]!;
  const lower = cx.claim.lower(sent.start, sent.end);
  // plans, prices and transactions are what something costs, not a finding that needs a source
  const candidates = hits.filter((h) => {
    const clauseBefore = lower.slice(0, h.start - sent.start).split(/[;,:]/).pop() ?? '';
    return !PROPOSAL.test(clauseBefore);
  });
  const first = candidates[0];
  if (!first || documentNearby(cx, s)) return;
  const figures = candidates.map((h) => h.text.trim()).filter((t, i, all) => all.indexOf(t) === i);
  const list = figures.length > 2 ? `${figures.slice(0, 2).join(', ')} and the other figures` : figures.join(' and ');
  push(cx, 'ATTR004', first, `No source for this statistic: add who says ${list}.`, insertSourceFix(cx, s, baseData(cx, s, first.text)), undefined, rejectedNearby(cx, s));
}

// ---------------------------------------------------------------- ATTR005: causal claims

function causalClaims(cx: Context, s: SentenceInfo, attributed: boolean): void {
  // a causal cue's first word has the class CAUSAL_KEY
  if (attributed || !(s.words.union & CAUSAL_KEY)) return;
  const sent = cx.model.sentences[s.index]!;
  const lower = cx.claim.lower(sent.start, sent.end);
  {
    const re = CAUSAL_RE;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(lower))) {
      const cue = m[0];
      const before = lower.slice(Math.max(0, m.index - 40), m.index);
      // open questions and hedges are not claims: "it was unclear what caused the fire"
      if (/\b(?:what|whether|how|which|who|may have|might have|could have|may|might|could|can|cannot|possibly|unclear|investigat\w*|determine|not|never|no)\s+(?:\w+\s+){0,2}$/.test(before)) continue;
      if (/\b(?:if|would|will)\b[^,]*$/.test(before)) continue;
      if (m.index > 0 && lower[m.index - 1] === '-') continue; // "hate-fueled"
      // "because of" explains most events a story reports; it is a contestable claim when it explains a trend
      if (cue === 'because of' && !TREND_VERBS.test(before)) continue;
      // "led to" as in a route or a guided walk ("led to safety", "led to the stage")
      if (cue.startsWith('lead') || cue.startsWith('led')) {
        const after = lower.slice(m.index + m[0].length, m.index + m[0].length + 20);
        if (/^\s+(?:safety|the stage|the podium|the door|victory|a (?:victory|win|title))/.test(after)) continue;
      }
      const start = sent.start + m.index;
      push(cx, 'ATTR005', { start, end: start + m[0].length }, `No source for this causal claim (“${cx.model.text.slice(start, start + m[0].length)}”): add who says so.`, insertSourceFix(cx, s, baseData(cx, s, m[0])), undefined, rejectedNearby(cx, s));
      return;
    }
  }
}

// ---------------------------------------------------------------- ATTR006: accusations and evaluation

const EVALUATIVE_EXEMPT_NEXT = /^(?:district|districts|site|sites|building|buildings|landmark|landmarks|preservation|home|homes|house|houses|church|churches|high|highs|low|lows|level|levels|neighborhood|neighbourhood|downtown|core|centre|center|quarter|town|city|register|places|session|meeting|meetings|summit|measures|rendition|circumstances|general)$/;
const ACCUSATION_FRAME_RE = new RegExp(`\\b(?:${ACCUSATION_FRAMES.join('|')})\\b`);
const CAUSAL_RE = new RegExp(`\\b(?:${CAUSAL_CUES.join('|')})\\b`, 'g');
const TREND_VERBS = /\b(?:rose|rise|rises|rising|risen|fell|fall|falls|falling|fallen|dropped|drops|declined|declines|declining|increased|increases|decreased|decreases|surged|surges|soared|soars|plunged|plunges|slumped|slumps|grew|grows|growing|shrank|shrinks|worsened|worsens|improved|improves|jumped|jumps|climbed|climbs|tumbled|tumbles|slowed|slows|collapsed|spiked|doubled|halved|higher|lower|more|fewer|less)\b/;
const PREDICATE = /^(?:is|was|are|were|be|been|being|as|seem|seems|seemed|become|became|remains|remained)$/;

const NEGATORS: ReadonlySet<string> = new Set(['not', 'never', 'no', "n't", 'nothing', 'deny', 'denied', 'denies']);
const NEGATORS_TWO_BACK: ReadonlySet<string> = new Set(['not', 'never', "n't"]);
const isAsciiCapital = (w: string): boolean => {
  const c = w.charCodeAt(0);
  return c >= 65 && c <= 90;
};

function accusations(cx: Context, s: SentenceInfo, attributed: boolean): void {
  // (a sentence none of whose words the rules below can flag is not read word by word)
  if (attributed || !(s.words.union & ACCUSATION_OR_EVALUATION)) return;
  const words = s.words;
  const sent = cx.model.sentences[s.index]!;
  // an accusation frame in the sentence ("accused", "alleged"): looked for once a word could be an accusation
  let framed: boolean | undefined;
  let accusationDone = false;
  let evaluationDone = false;
  for (let i = 0; i < words.length; i++) {
    // most words are none the rules below can flag, and their classes say so (a quoted stretch has none)
    if (!(words.classes(i) & ACCUSATION_OR_EVALUATION)) continue;
    const text = words.text(i)!;
    if (isAsciiCapital(text) && !words.initial(i)) continue;
    const lower = words.lower(i)!;
    const next = words.lower(i + 1) ?? '';
    const prev = words.lower(i - 1) ?? '';
    const prev2 = words.lower(i - 2) ?? '';
    const negated = NEGATORS.has(prev) || NEGATORS_TWO_BACK.has(prev2);
    if (!accusationDone && !negated && !(framed ??= ACCUSATION_FRAME_RE.test(cx.claim.lower(sent.start, sent.end)))) {
      let hit = false;
      if (lower === 'fraud' && /^(?:committed|commits|commit|perpetrated)$/.test(prev)) hit = true;
      else if (ACCUSATION_VERBS.has(lower) && i > 0 && !/^(?:who|that|which)$/.test(prev) && !/^(?:is|was|are|were|been|being|be)$/.test(prev)) hit = true;
      else if (ACCUSATION_LABELS.has(lower)) {
        const predicated = PREDICATE.test(prev) || (/^(?:a|an)$/.test(prev) && PREDICATE.test(prev2)) || (/ly$/.test(prev) && PREDICATE.test(prev2));
        const subjectIt = predicated && (/^(?:it|this|that)$/.test(prev2) || /^(?:it|this|that)$/.test(words.lower(i - 3) ?? ''));
        const attributive = /^(?:corrupt|crooked|dishonest|incompetent)$/.test(lower) && /^[a-z]/.test(words.text(i + 1) ?? '') && !/^(?:practices|practice|charges|allegations|investigation|probe|case|cases|and|or)$/.test(next);
        // "illegally dumped" accuses; "immigrants in the country illegally" describes a status
        const adverb = lower === 'illegally' && i > 1 && /(?:ed|took|sold|gave|paid|kept|held|spent|made|sent|hid|stole|obtained|bought)$/.test(next);
        hit = (predicated && !subjectIt && !/^(?:illegal|criminal)$/.test(lower)) || (predicated && lower === 'illegal' && !subjectIt && !/^(?:to|in|under|for)$/.test(next)) || attributive || adverb;
      }
      if (hit) {
        accusationDone = true;
        push(cx, 'ATTR006', { start: words.start(i), end: words.end(i) }, `Accusation with no source (“${text}”): say who makes this accusation, or attribute it (“…, the lawsuit alleges”).`, insertSourceFix(cx, s, baseData(cx, s, text)), undefined, rejectedNearby(cx, s));
        continue;
      }
    }
    // "the best … ever", "the worst in history": superlatives the reporter cannot vouch for
    let superlative = false;
    if (lower === 'best' || lower === 'worst') {
      const after: string[] = [];
      for (let k = i + 1; k < Math.min(i + 6, words.length); k++) after.push(words.lower(k)!);
      superlative = /\b(?:ever|in history|of all time)\b/.test(after.join(' '));
    }
    if (!evaluationDone && cx.options.genre !== 'opinion' && (superlative || EVALUATIVE_WORDS.has(lower)) && !EVALUATIVE_EXEMPT_NEXT.test(next)) {
      evaluationDone = true;
      push(cx, 'ATTR006', { start: words.start(i), end: words.end(i) }, `Evaluative word in news copy (“${text}”): attribute the judgement to someone or describe what happened.`, Object.assign(insertSourceFix(cx, s, baseData(cx, s, text)), { evaluative: true }), 'information');
    }
  }
}

// ---------------------------------------------------------------- tidying

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return sortInPlace(findings, (a, b) => a.start - b.start || a.code.localeCompare(b.code))
    .filter((f) => {
      const key = `${f.code}:${f.start}:${f.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

