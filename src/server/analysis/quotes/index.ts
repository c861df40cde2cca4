// Who said what: direct quotes (from quotation marks), indirect speech ("X said (that) …", "…, said X",
// "according to X", colon introductions) and mixed quotes, each with its speaker, cue and how it was attributed.
// Everything works on the tokens of one paragraph at a time, so the cost is linear in the document.

import { firstTokenFrom, isSpace, startsWithCapital, type TextModel } from '../text';
import type { Entity, Quote, QuoteKind, Span, Speaker, Token } from '../types';
import { REPORTING_CUE_FORMS } from '../lexicon';
import { ATTRIBUTION_LEAD, REPORTING_CUE, WORD, wordClasses } from '../wordClasses';
import { firstAtOrAfter, scanQuotationMarks, type MarkedQuote } from './marks';
import { Scratch } from '../scratch';
import { inOrder, sortInPlace } from '../order';
import {
  PRONOUNS, antecedentOf, subjectAtSentenceStart, entityInside, indexMentions, looksLikeName, phraseEndingAt, phraseStartingAt, specificityOf,
  type MentionIndex, type SpeakerPhrase,
} from './speakers';

/** Verbs whose object is the listener, skipped before the content: "told reporters (that) …". */
const LISTENER_VERBS = new Set(['tell', 'ask', 'inform', 'advise', 'warn', 'urge', 'remind', 'assure', 'promise']);
/** Cues that report speech only with a quotation or a "that" clause: "called the plan 'a disaster'" (tuned on PolNeAR train). */
const QUOTE_ONLY_CUES = new Set([
  'call', 'continue', 'post', 'order', 'signal', 'indicate', 'mention', 'counter', 'maintain', 'remark', 'charge', 'cite',
]);
/** Bare (uninflected) forms that are reliably verbs in news copy: "officials say", "critics argue". */
const BARE_VERB_CUES = new Set(['say', 'tell', 'write', 'add', 'ask', 'argue', 'insist', 'warn', 'explain', 'claim', 'contend', 'predict', 'acknowledge', 'concede', 'allege', 'deny', 'admit', 'suggest', 'stress', 'emphasize', 'urge', 'recall', 'testify', 'note', 'agree']);
/** Third-person forms that are more often plural nouns ("the reports", "his claims"). */
const NOUNISH = new Set(['reports', 'calls', 'claims', 'notes', 'posts', 'tweets', 'comments', 'promises', 'demands', 'orders', 'charges', 'pledges', 'vows', 'signals', 'jokes', 'shouts', 'praises', 'counters', 'quips', 'estimates', 'cites', 'states', 'stresses', 'concludes', 'adds', 'replies', 'responds', 'whispers', 'screams', 'yells']);
const NOUN_MARKERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'this', 'that', 'our', 'my', 'your', 'no', 'any', 'every', 'each', 'whose', 'of', 'to', "'s", '’s']);
const BE_FORMS = new Set(['is', 'was', 'were', 'are', 'be', 'been', 'being', 'am', "'s", '’s']);
/** Words that may stand between a speaker and the cue: "Ortiz also said", "the mayor has repeatedly said". */
const BETWEEN_SPEAKER_AND_CUE = new Set([
  'also', 'has', 'have', 'had', 'will', 'would', 'could', 'later', 'then', 'once', 'again', 'just', 'only', 'never',
  'not', 'did', 'does', 'do', 'first', 'further', 'previously', 'recently', 'earlier', 'often', 'already', 'himself',
  'herself', 'themselves', 'itself', 'too', 'all', 'both', 'still', 'even', 'might', 'may', 'should', 'can', 'must',
  "n't", 'is', 'was', 'were', 'are', 'been', 'be', 'being', 'long', 'soon',
]);
const TIME_WORDS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today', 'tonight',
  'week', 'month', 'year', 'morning', 'afternoon', 'evening', 'night', 'weekend', 'recently', 'earlier', 'later',
  'previously', 'repeatedly', 'publicly', 'privately', 'again', 'then', 'also', 'once', 'afterward', 'afterwards',
]);
const TIME_LEADERS = new Set(['on', 'last', 'this', 'earlier', 'late', 'early', 'next', 'that', 'friday', 'saturday']);
/** Prepositional settings of a cue, kept in the cue: "said in a statement", "told reporters at a rally", "outside the hall". */
const SETTING_PREPOSITIONS = new Set(['in', 'on', 'at', 'during', 'via', 'through', 'after', 'before', 'from', 'while', 'to', 'with', 'over', 'outside', 'inside', 'near', 'following']);
/** Words before an -ing cue that make it share the main clause's speaker: "…, saying", "— adding". */
const PARTICIPLE_LEADS = new Set([',', '—', '–', '-', '--', 'and', 'by', 'while', 'also']);
const COORDINATORS = new Set(['and', 'but', 'then']);
/** Words that open an adverbial clause, not reported content: "tweeted as the mayor spoke". */
const SUBORDINATORS = new Set(['as', 'while', 'after', 'before', 'during', 'live', 'attempting', 'trying']);
const ROLE_LISTENERS = new Set(['host', 'anchor', 'reporter', 'reporters', 'radio', 'newspaper', 'magazine', 'station', 'network', 'audience', 'crowd', 'supporters', 'interviewer', 'correspondent', 'editorial', 'board', 'show', 'program']);
/** Lower-case words that are not the verb of '"…," Name verb': function words. */
const NOT_VERBS = new Set(['and', 'but', 'the', 'who', 'which', 'that', 'was', 'were', 'has', 'had', 'have', 'will', 'would', 'also', 'not', 'for', 'with', 'from', 'into', 'about', 'then', 'than', 'this', 'his', 'her', 'their', 'its', 'our', 'one', 'two', 'are', 'can', 'could', 'should', 'may', 'might', 'must', 'did', 'does', 'once', 'now', 'just', 'only', 'even', 'yet', 'all', 'some', 'any', 'more', 'most', 'both', 'each', 'few', 'many', 'much', 'other', 'such', 'own', 'same', 'very']);
/** Words that may follow the verb of '"…," Name verb': "Reyes snapped and …", "she said as she left". */
const AFTER_VERB = new Set(['and', 'as', 'when', 'while', 'after', 'before', 'in', 'on', 'at', 'of', 'during', 'with', 'from', 'to', 'outside', 'inside', 'before', 'from', 'into', 'matter-of-factly', 'again', 'later', 'today', 'yesterday', 'tonight']);
const CLAUSE_OPENERS = new Set(['when', 'while', 'because', 'if', 'where', 'whereas']);
const CLAUSE_JOINERS = new Set([',', 'and', 'but', ';', 'while', 'whereas', '—', '–']);
const COLON_NOT_SPEAKERS = new Set(['update', 'note', 'editor', 'watch', 'related', 'read', 'photo', 'photos', 'video', 'source', 'sources', 'credit', 'q', 'correction', 'clarification', 'listen', 'see', 'also', 'more', 'contact', 'follow', 'email', 'advertisement', 'subscribe', 'share', 'here', 'why', 'how', 'what', 'who', 'where', 'when', 'breaking', 'analysis', 'opinion', 'exclusive', 'live', 'full', 'latest']);

/** What follows the last white space of a name (as its split on /\s+/ ends): "Ortiz" of "Jane Ortiz". */
function lastWord(name: string): string {
  let k = name.length;
  while (k > 0 && !isSpace(name.charCodeAt(k - 1))) k--;
  return name.slice(k);
}

/** Where an entity is last mentioned (its mentions are in document order). */
const lastMention = (e: Entity): number => e.mentions[e.mentions.length - 1]!.start;

const isEnd = (t: Token | undefined): boolean => t !== undefined && (t.text === '.' || t.text === '!' || t.text === '?' || t.text === '…');
const isAdverbLy = (w: string): boolean => w.length > 4 && w.endsWith('ly') && w !== 'family' && w !== 'assembly' && w !== 'italy' && w !== 'rally' && w !== 'ally' && w !== 'supply';

/**
 * The words of a marked quote are counted up to this many: its readers ask only whether it has any, or more than
 * three (a title or scare quote has three or fewer), and most quotes are longer (their characters are not read).
 */
const MARK_WORDS_COUNTED = 4;

/** No attributions (shared: the lists of attributions are read, never changed, once returned). */
const NO_ATTRIBUTIONS: readonly Attribution[] = [];

type CueForm = 'subject' | 'inverted' | 'according' | 'participle' | 'colon' | 'dash';

/** One attribution found in a unit before it becomes a Quote. */
interface Attribution {
  form: CueForm;
  cueFirst: number;
  cueLast: number;
  lemma: string;
  speaker: SpeakerPhrase | null;
  /** Content as character spans, in order. */
  parts: Span[];
  /** Token index where this attribution's clause starts (speaker or cue), to end an earlier content. */
  clauseStart: number;
  mode: 'before' | 'after';
  /** First token after the cue and its settings (mode 'after'). */
  after: number;
  how: string;
  /** Content already settled when the cue was found (colon introductions). */
  fixed?: boolean;
}

interface Unit {
  first: number;
  last: number; // exclusive
}

/** Consecutive tokens in one marked quote (first and last inclusive), the longest such stretch. */
interface MarkRun {
  first: number;
  last: number;
  mark: number;
}

interface Found {
  parts: Span[];
  kind?: QuoteKind;
  cue: Span | null;
  speaker: Speaker | null;
  attribution: string;
  paragraph: number;
  /** First token of the sentence holding the cue. */
  sentenceStart?: number;
}

/** The buffers of QuoteExtractor.markOf and narrationPrefix, kept from one document to the next (./scratch). */
const MARK_OF = new Scratch((n) => new Int32Array(n));
const NARRATION_PREFIX = new Scratch((n) => new Int32Array(n));

export function extractQuotes(model: TextModel, entities: Entity[]): Quote[] {
  return new QuoteExtractor(model, entities).run();
}

class QuoteExtractor {
  private readonly tokens: Token[];
  /** Token texts in lower case (TextModel.lower). */
  private readonly lower: string[];
  /** Each token's lexicon classes (wordClasses; the claim rules read the same). */
  private readonly classes: Uint16Array;
  private readonly text: string;
  private readonly marks: MarkedQuote[];
  /** For each token, the index of the marked quote it lies in, or −1. */
  private readonly markOf: Int32Array;
  private readonly mentions: MentionIndex;
  private readonly claimedMarks = new Set<number>();
  private readonly found: Found[] = [];
  /** Last attributed speaker per paragraph index, for floating quotes. */
  private readonly lastSpeakerOfParagraph = new Map<number, Speaker>();
  /** Named speakers so far, for pronoun resolution without the recognizer. */
  private readonly namedSpeakers: { offset: number; paragraph: number; text: string; entity?: Entity }[] = [];
  private readonly paragraphTokens: { first: number; last: number }[];
  private readonly skipParagraphs = new Set<number>();
  /** Words in each marked quote, counted up to MARK_WORDS_COUNTED (wordsIn). */
  private readonly markWords: number[];
  /** Quotes kept without a speaker, by marked quote, until a following "Reyes said." claims them. */
  private readonly unattributed = new Map<number, Found>();
  /**
   * The runs of tokens in quotation marks, in token order, and the tokens outside them that may be a cue (of class
   * REPORTING_CUE or ATTRIBUTION_LEAD) or are a colon, in order: the rules that look for a quote's edges, a cue or a
   * colon introduction in a unit read these instead of every token of the unit.
   */
  private readonly runs: MarkRun[] = [];
  private readonly cueTokens: number[] = [];
  private readonly colonTokens: number[] = [];
  /** narrationPrefix[i]: words outside quotation marks among tokens [0, i). */
  private readonly narrationPrefix: Int32Array;
  private readonly surnames = new Map<string, Entity>();

  constructor(private readonly model: TextModel, entities: Entity[]) {
    this.tokens = model.tokens;
    this.lower = model.lower;
    this.classes = wordClasses(model);
    this.text = model.text;
    const textParagraphs = model.paragraphs.filter((p) => p.role === 'body' || p.role === 'headline');
    this.marks = scanQuotationMarks(model, textParagraphs);
    this.markOf = MARK_OF.view(this.tokens.length);
    this.mentions = indexMentions(entities);
    this.markWords = this.marks.map((m) => this.wordsIn(m));
    // a surname two people share goes to the one mentioned last (of two last mentioned at one offset, to the one
    // listed later)
    for (const e of entities) {
      if (e.type !== 'PERSON' || e.mentions.length === 0) continue;
      const surname = lastWord(e.name);
      const other = this.surnames.get(surname);
      if (!other || lastMention(other) <= lastMention(e)) this.surnames.set(surname, e);
    }
    this.paragraphTokens = model.paragraphs.map(() => ({ first: 0, last: 0 }));
    // sentences come paragraph by paragraph: a paragraph's first sentence gives its first token
    let previous = -1;
    for (const s of model.sentences) {
      const pt = this.paragraphTokens[s.paragraph]!;
      if (s.paragraph !== previous) pt.first = s.firstToken;
      previous = s.paragraph;
      pt.last = s.lastToken;
    }
    // tokens inside quotation marks (a token lies in a part when it starts and ends inside it), found from each
    // part's first token: the parts are in document order and never overlap, and only the tokens inside them are
    // read (most tokens are not, and reading every token object is a cache miss apiece on a long document). A
    // part's tokens are consecutive (only its last token read may end past it), so each part's tokens lengthen the
    // last run of marked tokens or start a new one.
    const { tokens, markOf, runs, cueTokens } = this;
    markOf.fill(-1);
    for (let mi = 0; mi < this.marks.length; mi++) {
      for (const p of this.marks[mi]!.parts) {
        let first = -1;
        let last = -1;
        for (let k = firstTokenFrom(model, p.start); k < tokens.length && tokens[k]!.start < p.end; k++) {
          if (tokens[k]!.end > p.end) continue;
          markOf[k] = mi;
          if (first < 0) first = k;
          last = k;
        }
        if (first < 0) continue;
        const run = runs[runs.length - 1];
        if (run && run.mark === mi && run.last === first - 1) run.last = last;
        else runs.push({ first, last, mark: mi });
      }
    }
    // the narration words before each token, and the tokens outside quotation marks that may be a cue or are a colon
    const prefix = (this.narrationPrefix = NARRATION_PREFIX.view(tokens.length + 1));
    const { classes, colonTokens } = this;
    let narration = 0;
    prefix[0] = 0;
    for (let ti = 0; ti < tokens.length; ti++) {
      if (markOf[ti]! < 0) {
        const c = classes[ti]!;
        if (c & WORD) narration++;
        else if (this.lower[ti] === ':') colonTokens.push(ti);
        if (c & (REPORTING_CUE | ATTRIBUTION_LEAD)) cueTokens.push(ti);
      }
      prefix[ti + 1] = narration;
    }
  }

  /** Index of the first run of marked tokens that ends at or after token k (runs.length when none does). */
  private firstRunEndingFrom(k: number): number {
    const runs = this.runs;
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid]!.last < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  run(): Quote[] {
    const { paragraphs, sentences } = this.model;
    // the units of the paragraph being read, written over paragraph by paragraph and handed on in a list of their
    // number (a list grown by push from empty holds 17 slots, for the one or two units of most paragraphs)
    const units: Unit[] = [];
    let si = 0;
    for (let p = 0; p < paragraphs.length; p++) {
      const role = paragraphs[p]!.role;
      let n = 0;
      while (si < sentences.length && sentences[si]!.paragraph < p) si++;
      while (si < sentences.length && sentences[si]!.paragraph === p) {
        const s = sentences[si]!;
        const prev = n > 0 ? units[n - 1] : undefined;
        // a quote that runs over a sentence end keeps its sentences in one unit
        if (prev && this.markOf[prev.last - 1]! >= 0 && this.markOf[prev.last - 1] === this.markOf[s.firstToken] && !this.closesMark(prev.last - 1))
          prev.last = s.lastToken;
        else units[n++] = { first: s.firstToken, last: s.lastToken };
        si++;
      }
      if (role !== 'body' && role !== 'headline') continue;
      if (this.skipParagraphs.has(p)) continue;
      this.paragraph(p, units.slice(0, n), role === 'headline');
    }
    return this.toQuotes();
  }

  /** Whether token i starts with a letter or a digit (a word, not punctuation), by its classes. */
  private startsWord(i: number): boolean {
    return (this.classes[i]! & WORD) !== 0;
  }

  /**
   * Whether token i is the punctuation `mark`, from its classes and lower case (a mark's own): the loops over every
   * token of a sentence read these per-token arrays, not the token objects spread over the heap.
   */
  private isMark(i: number, mark: string): boolean {
    return (this.classes[i]! & WORD) === 0 && this.lower[i] === mark;
  }

  /** True when token i is the closing mark of its quote's last part. */
  private closesMark(i: number): boolean {
    const m = this.marks[this.markOf[i]!];
    return m !== undefined && this.tokens[i]!.end === m.end;
  }

  private paragraph(p: number, units: Unit[], headline: boolean): void {
    let lastInParagraph: Found | undefined;
    for (let ui = 0; ui < units.length; ui++) {
      const u = units[ui]!;
      const attributions = headline ? this.colonCue(u, p, units) : this.findCues(u, p, units, ui);
      for (const a of attributions) {
        const f = this.materialise(a, p, lastInParagraph);
        if (f) lastInParagraph = f;
      }
      if (!headline) lastInParagraph = this.unattributedMarks(u, p, lastInParagraph, units, ui) ?? lastInParagraph;
      if (this.skipParagraphs.has(p)) break;
    }
    if (lastInParagraph?.speaker) this.lastSpeakerOfParagraph.set(p, lastInParagraph.speaker);
  }

  /** Marked quotes in a unit with no cue: continuation of the paragraph's attribution, floating, or unattributed. */
  private unattributedMarks(u: Unit, p: number, last: Found | undefined, units: Unit[], ui: number): Found | undefined {
    let result: Found | undefined;
    let narrationWords: number | undefined;
    // each run of marked tokens in the unit, from its first token in the unit
    for (let r = this.firstRunEndingFrom(u.first); r < this.runs.length && this.runs[r]!.first < u.last; r++) {
      const run = this.runs[r]!;
      const mi = run.mark;
      if (this.claimedMarks.has(mi)) continue;
      const i = Math.max(run.first, u.first);
      const mark = this.marks[mi]!;
      this.claimedMarks.add(mi);
      const words = this.markWords[mi]!;
      narrationWords ??= this.narrationWords(this.paragraphTokens[p]!.first, this.paragraphTokens[p]!.last);
      const startsUnit = this.narrationWords(u.first, i) === 0 || (this.narrationWords(u.first, i) === 1 && COORDINATORS.has(this.lower[u.first]!));
      const prevSpeaker = this.lastSpeakerOfParagraph.get(p - 1) ?? this.lastSpeakerOfParagraph.get(this.previousTextParagraph(p));
      if (last && last.speaker && startsUnit && words > 3) {
        if (last.kind === 'direct' && last.cue) {
          // '"We tried," she said. "We called the state twice."': one quote from one speaker
          last.parts.push(...mark.parts);
          result = last;
        } else {
          result = this.push({ parts: [...mark.parts], kind: 'direct', cue: null, speaker: last.speaker, attribution: 'speaker named in the previous sentence', paragraph: p });
        }
      } else if (!last && narrationWords === 0 && prevSpeaker && words > 3) {
        result = this.push({ parts: [...mark.parts], kind: 'direct', cue: null, speaker: prevSpeaker, attribution: 'speaker from the previous paragraph', paragraph: p });
      } else if (words > 3) {
        // a quote with the cue in the next sentence: '"We tried everything." Adams said.' is handled by findCues
        result = this.push({ parts: [...mark.parts], kind: 'direct', cue: null, speaker: null, attribution: 'no speaker found in the sentence or the paragraph before', paragraph: p });
        this.unattributed.set(mi, result);
      }
    }
    void units;
    void ui;
    return result;
  }

  private previousTextParagraph(p: number): number {
    for (let q = p - 1; q >= 0; q--) {
      const role = this.model.paragraphs[q]!.role;
      if (role === 'body') return q;
      if (role === 'headline') return -1;
    }
    return -1;
  }

  /** Index of the first marked quote whose end is after `offset` (marks are in order and do not nest). */
  private firstMarkEndingAfter(offset: number): number {
    let lo = 0;
    let hi = this.marks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.marks[mid]!.end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Words (runs of non-space characters) in a marked quote, counted up to MARK_WORDS_COUNTED. */
  private wordsIn(mark: MarkedQuote): number {
    let n = 0;
    for (const part of mark.parts) {
      let inWord = false;
      for (let i = part.start; i < part.end; i++) {
        const c = this.text.charCodeAt(i);
        const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0;
        if (!space && !inWord && ++n === MARK_WORDS_COUNTED) return n;
        inWord = !space;
      }
    }
    return n;
  }

  /** Words outside quotation marks in tokens [first, last), in constant time. */
  private narrationWords(first: number, last: number): number {
    return last > first ? this.narrationPrefix[last]! - this.narrationPrefix[first]! : 0;
  }

  private push(f: Found): Found {
    this.found.push(f);
    return f;
  }

  // ---- cues ----

  /** Headlines and Q&A: "Okafor: Council Will Delay Vote", "REYES: We think …". */
  private colonCue(u: Unit, p: number, units: Unit[]): readonly Attribution[] {
    const t = this.tokens;
    for (let i = u.first + 1; i < Math.min(u.last, u.first + 7); i++) {
      if (!this.isMark(i, ':') || this.markOf[i]! >= 0) continue;
      const phrase = phraseEndingAt(this.model, i - 1, u.first, u.first);
      if (!phrase || phrase.first > u.first + (this.lower[u.first]! === 'the' ? 1 : 0)) return NO_ATTRIBUTIONS;
      const head = t[phrase.head]!;
      if (COLON_NOT_SPEAKERS.has(this.lower[phrase.head]!) || COLON_NOT_SPEAKERS.has(this.lower[phrase.first]!)) return NO_ATTRIBUTIONS;
      if (!looksLikeName(this.model, phrase.head, -1) && !startsWithCapital(head.text) && !startsWithCapital(t[phrase.first]!.text)) return NO_ATTRIBUTIONS;
      const end = units[units.length - 1]!.last;
      const parts = this.region(i + 1, end);
      if (parts.length === 0) return NO_ATTRIBUTIONS;
      void p;
      return [{ form: 'colon', cueFirst: i, cueLast: i, lemma: ':', speaker: phrase, parts, clauseStart: u.first, mode: 'after', after: i + 1, how: 'speaker named before the colon' }];
    }
    return NO_ATTRIBUTIONS;
  }

  private findCues(u: Unit, p: number, units: Unit[], ui: number): readonly Attribution[] {
    const t = this.tokens;
    const found: Attribution[] = [];
    if (ui === 0) {
      const colon = this.colonCue(u, p, units);
      if (colon.length) {
        this.skipParagraphs.add(p);
        return colon;
      }
    }
    // the tokens of the unit that may be a cue (most tokens are no cue and do not lead into "according to", and
    // their classes say so), but those a cue found before takes in
    let from = u.first;
    for (let c = firstAtOrAfter(this.cueTokens, u.first); c < this.cueTokens.length && this.cueTokens[c]! < u.last; c++) {
      const i = this.cueTokens[c]!;
      if (i < from) continue;
      const a = this.cueAt(i, u);
      if (a) {
        found.push(a);
        from = Math.max(i, a.cueLast) + 1;
      }
    }
    // dash attributions after a quote: '"…" ― Maria Lopez' (the token after a run of marked tokens, in the unit but
    // not its first or last token)
    if (found.length === 0) {
      for (let r = this.firstRunEndingFrom(u.first); r < this.runs.length && this.runs[r]!.last < u.last - 2; r++) {
        const i = this.runs[r]!.last + 1;
        if (this.markOf[i]! >= 0) continue;
        const w = this.lower[i]!;
        if (w === '―' || w === '—' || w === '--' || w === '–') {
          const phrase = phraseStartingAt(this.model, i + 1, u.last, u.first);
          if (phrase && looksLikeName(this.model, phrase.first, -1) && phrase.last >= u.last - 2) {
            found.push({ form: 'dash', cueFirst: i, cueLast: i, lemma: '―', speaker: phrase, parts: [], clauseStart: i, mode: 'before', after: phrase.last + 1, how: 'speaker named after the quote' });
          }
        }
      }
    }
    this.quoteThenSpeaker(u, found);
    this.speakerThenQuote(u, found);
    if (found.length === 0) {
      const colon = this.colonIntroduction(u, p, units, ui);
      if (colon) found.push(colon);
    }
    if (found.length === 0) return NO_ATTRIBUTIONS;
    sortInPlace(found, (x, y) => x.cueFirst - y.cueFirst);
    // contents, left to right: each attribution's content stops where the next one's clause begins; the ones kept
    // are moved down in `found` (ahead of those still to read), not copied to a second list
    let kept = 0;
    let floor = u.first;
    for (let k = 0; k < found.length; k++) {
      const a = found[k]!;
      if (a.clauseStart < floor) continue; // nested inside the previous content: "X said Y told him …"
      let ceiling = u.last;
      for (let n = k + 1; n < found.length && n - k <= 8; n++) {
        const b = found[n]!;
        const sep = t[b.clauseStart - 1];
        if (b.form === 'participle' || (sep && CLAUSE_JOINERS.has(this.lower[b.clauseStart - 1]!) && b.clauseStart > a.after)) {
          ceiling = b.form === 'participle' ? b.clauseStart : b.clauseStart - 1;
          while (ceiling > a.after && t[ceiling - 1] && CLAUSE_JOINERS.has(this.lower[ceiling - 1]!)) ceiling--;
          break;
        }
      }
      if (a.fixed) {
        found[kept++] = a;
        floor = u.last;
        continue;
      }
      if (a.mode === 'before') {
        const end = a.form === 'inverted' || a.form === 'dash' || a.form === 'according' ? a.cueFirst : (a.speaker?.first ?? a.cueFirst);
        a.parts = this.region(floor, end);
        if (a.parts.length === 0 && ui > 0) {
          // '"We tried everything." Adams said.': the quote is the previous sentence
          const prev = units[ui - 1]!;
          const mi = this.markOf[prev.last - 1] ?? -1;
          if (mi >= 0 && !this.claimedMarks.has(mi)) a.parts = [...this.marks[mi]!.parts];
          else if (mi >= 0 && this.unattributed.has(mi)) {
            // the quote was kept as unattributed before this sentence was read: it is this cue's content
            const earlier = this.unattributed.get(mi)!;
            a.parts = earlier.parts;
            earlier.parts = [];
            this.unattributed.delete(mi);
          }
        }
        // "…, the newspaper said, including travel": the rest of the sentence continues the content
        const after = this.skipTo(a.after, ceiling);
        // after a direct quote or an inverted cue only a reopened quote continues it ('"…," said Ortiz, "…"')
        const directBefore = a.parts.length > 0 && this.markOf[firstTokenFrom(this.model, a.parts[a.parts.length - 1]!.end) - 1]! >= 0;
        const onlyQuote = a.form === 'inverted' || a.form === 'dash' || directBefore;
        if (after < ceiling && (this.markOf[after]! >= 0 || (!onlyQuote && t[after - 1]?.text === ',' && !this.isParticipleCue(after) && !SUBORDINATORS.has(this.lower[after]!) && !COORDINATORS.has(this.lower[after]!)))) {
          const rest = this.region(after, ceiling);
          a.parts.push(...rest);
        }
      } else {
        // "said of the plan", "tweeted live as the mayor spoke": a setting, not what was said
        const first = t[a.after];
        if (first && a.after < ceiling && this.markOf[a.after]! < 0 && (SUBORDINATORS.has(this.lower[a.after]!) || this.lower[a.after]! === 'of' || (a.lemma === 'add' && this.lower[a.after]! === 'to'))) continue;
        a.parts = this.region(a.after, ceiling);
        if (a.parts.length === 0 && t[a.cueLast + 1]?.text === ':' && ui === units.length - 1) a.parts = this.nextParagraphContent(p);
      }
      if (a.parts.length === 0) continue;
      if (QUOTE_ONLY_CUES.has(a.lemma) && !this.hasMarkIn(a.parts)) {
        // "continued to rise", "a group called Parents for Safe Streets": not speech without a quotation or a clause
        const next = t[a.cueLast + 1] ? this.lower[a.cueLast + 1]! : '';
        if (!(next === 'that' || (a.lemma === 'call' && (next === 'for' || next === 'on' || next === 'upon')))) continue;
      }
      floor = Math.max(floor, ceiling === u.last ? u.last : ceiling);
      if (a.mode === 'before') floor = Math.max(floor, a.after);
      found[kept++] = a;
    }
    found.length = kept;
    return found;
  }

  /**
   * '"…," Brenner points out.' · '"…," read one sign.': a quote closed by a comma, question or exclamation mark and then
   * a speaker with a verb we do not list, when no listed cue follows the quote.
   */
  private quoteThenSpeaker(u: Unit, found: Attribution[]): void {
    const t = this.tokens;
    const listed = found.length;
    let next = 0;
    // each quote's closing token in the unit (the last token of a run of marked tokens) but the unit's last token
    for (let r = this.firstRunEndingFrom(u.first); r < this.runs.length && this.runs[r]!.last < u.last - 1; r++) {
      const close = this.runs[r]!.last;
      const inner = t[close - 1]?.text ?? '';
      if (!(inner === ',' || inner === '?' || inner === '!') || this.markOf[close + 1]! >= 0) continue;
      while (next < listed && found[next]!.cueFirst <= close) next++;
      if (next < listed && found[next]!.cueFirst <= close + 8) continue;
      const j = close + 1;
      const verbish = (k: number): boolean => {
        const tk = t[k];
        if (!tk || this.markOf[k]! >= 0) return false;
        const w = tk.text;
        return /^[a-z]{3,}$/.test(w) && !NOT_VERBS.has(w) && !w.endsWith('ly');
      };
      const ends = (k: number): boolean => k >= u.last || isEnd(t[k]) || t[k]!.text === ',' || this.markOf[k]! >= 0 || AFTER_VERB.has(this.lower[k]!);
      const speaker = subjectAtSentenceStart(this.model, j, u.last);
      if (speaker && (looksLikeName(this.model, speaker.head, -1) || PRONOUNS.has(this.lower[speaker.head]!)) && verbish(speaker.last + 1)) {
        let v = speaker.last + 1;
        const after = ends(v + 1) ? v + 1 : /^(?:out|up|back|again|later)$/.test(t[v + 1]?.text ?? '') && ends(v + 2) ? v + 2 : -1;
        if (after < 0) continue;
        if (after === v + 2) v++;
        found.push({ form: 'subject', cueFirst: speaker.last + 1, cueLast: v, lemma: this.lower[speaker.last + 1]!, speaker, parts: [], clauseStart: speaker.first, mode: 'before', after, how: 'speaker named right after the quote' });
      } else if (verbish(j)) {
        const inverted = phraseStartingAt(this.model, j + 1, u.last, u.first);
        if (inverted && ends(inverted.last + 1) && !PRONOUNS.has(this.lower[inverted.head]!))
          found.push({ form: 'inverted', cueFirst: j, cueLast: j, lemma: this.lower[j]!, speaker: inverted, parts: [], clauseStart: j, mode: 'before', after: inverted.last + 1, how: 'speaker named right after the quote' });
      }
    }
  }

  /**
   * 'He answered, "I have no idea."': a name or pronoun and an unlisted verb open the sentence, and a comma or colon
   * leads straight into the quote.
   */
  private speakerThenQuote(u: Unit, found: Attribution[]): void {
    const t = this.tokens;
    if (found.length > 0) return;
    // The quote opens three tokens after the subject's last ("He answered, “…"), so at most two past the unit's
    // end: a unit with no quotation mark there has none (and the subject search is the costly part).
    if (!this.mayOpenQuote(u.first + 3, u.last + 3)) return;
    const speaker = subjectAtSentenceStart(this.model, u.first, u.last);
    if (!speaker || this.markOf[speaker.first]! >= 0) return;
    const v = speaker.last + 1;
    const sep = v + 1;
    const verb = t[v];
    if (!verb || this.markOf[v]! >= 0 || !/^[a-z]{3,}$/.test(verb.text) || NOT_VERBS.has(verb.text)) return;
    if (!t[sep] || (t[sep]!.text !== ',' && t[sep]!.text !== ':') || this.markOf[sep + 1]! < 0) return;
    if (!looksLikeName(this.model, speaker.head, u.first) && !PRONOUNS.has(this.lower[speaker.head]!)) return;
    found.push({ form: 'subject', cueFirst: v, cueLast: v, lemma: verb.text, speaker, parts: [], clauseStart: speaker.first, mode: 'after', after: sep + 1, how: 'speaker named in the same sentence' });
  }

  /**
   * Whether a token in [from, to) lies in quotation marks, or is past the last token (where speakerThenQuote's test
   * of the mark reads undefined and does not rule a quote out).
   */
  private mayOpenQuote(from: number, to: number): boolean {
    if (to > this.tokens.length) return true;
    const r = this.firstRunEndingFrom(from);
    return from < to && r < this.runs.length && this.runs[r]!.first < to;
  }

  /**
   * Colon introductions without a listed verb: 'Ortiz put it bluntly: "…"', 'county pollster Ann Reyes:
   * "…"', or a paragraph ending in a colon before a quoted paragraph.
   */
  private colonIntroduction(u: Unit, p: number, units: Unit[], ui: number): Attribution | null {
    const t = this.tokens;
    // each colon outside quotation marks in the unit, but its first token
    for (let k = firstAtOrAfter(this.colonTokens, u.first + 1); k < this.colonTokens.length && this.colonTokens[k]! < u.last; k++) {
      const c = this.colonTokens[k]!;
      const quoteFollows = c + 1 < u.last && this.markOf[c + 1]! >= 0;
      const paragraphEnds = c === u.last - 1 && ui === units.length - 1;
      if (!quoteFollows && !paragraphEnds) continue;
      if (paragraphEnds) {
        const next = this.paragraphTokens[p + 1];
        if (!next || this.model.paragraphs[p + 1]?.role !== 'body' || this.markOf[next.first]! < 0) continue;
      }
      let speaker = phraseEndingAt(this.model, c - 1, u.first, u.first);
      if (!speaker || !looksLikeName(this.model, speaker.head, u.first)) speaker = this.clauseSubject(u.first, c);
      if (!speaker) continue;
      const parts = quoteFollows ? this.region(c + 1, u.last) : this.nextParagraphContent(p);
      if (parts.length === 0) continue;
      const a: Attribution = { form: 'colon', cueFirst: c, cueLast: c, lemma: ':', speaker, parts, clauseStart: speaker.first, mode: 'after', after: c + 1, how: 'speaker introduces the quote with a colon' };
      a.fixed = true;
      return a;
    }
    return null;
  }

  /** The subject of the clause holding token `cue`: the nearest subject pronoun, else after "when"/"while", else the sentence's. */
  private clauseSubject(sentenceStart: number, cue: number): SpeakerPhrase | null {
    const t = this.tokens;
    for (let k = cue - 1; k >= sentenceStart; k--) {
      if (this.markOf[k]! >= 0) continue;
      const w = this.lower[k]!;
      if (w === 'he' || w === 'she' || w === 'they' || w === 'we' || w === 'i') return { first: k, last: k, head: k };
      if (CLAUSE_OPENERS.has(w) && k > sentenceStart) {
        const s = subjectAtSentenceStart(this.model, k + 1, cue);
        if (s) return s;
      }
    }
    return subjectAtSentenceStart(this.model, sentenceStart, cue);
  }

  private skipTo(i: number, ceiling: number): number {
    let k = i;
    while (k < ceiling && (this.tokens[k]!.text === ',' || this.tokens[k]!.text === '—')) k++;
    return k;
  }

  private isParticipleCue(i: number): boolean {
    return (this.classes[i]! & REPORTING_CUE) !== 0 && this.lower[i]!.endsWith('ing');
  }

  private hasMarkIn(parts: Span[]): boolean {
    for (const part of parts) {
      for (let i = this.firstMarkEndingAfter(part.start); i < this.marks.length; i++) {
        const m = this.marks[i]!;
        if (m.start >= part.end) break;
        if (m.end > part.start && this.markWords[i]! > 0) return true;
      }
    }
    return false;
  }

  /** The paragraph after p as the content of "X said:" at a paragraph end. */
  private nextParagraphContent(p: number): Span[] {
    const next = this.model.paragraphs[p + 1];
    if (!next || next.role !== 'body') return [];
    const pt = this.paragraphTokens[p + 1]!;
    const mi = this.markOf[pt.first] ?? -1;
    this.skipParagraphs.add(p + 1);
    if (mi >= 0) {
      this.claimedMarks.add(mi);
      const mark = this.marks[mi]!;
      for (let q = p + 2; q < this.model.paragraphs.length && this.model.paragraphs[q]!.start < mark.end; q++) this.skipParagraphs.add(q);
      return [...mark.parts];
    }
    return [{ start: next.start, end: next.end }];
  }

  /** Character spans for tokens [first, last): trimmed of joining punctuation, whole quotes kept whole. */
  private region(first: number, last: number): Span[] {
    const t = this.tokens;
    let a = first;
    let b = last;
    const edge = (w: string): boolean => w === ',' || w === ':' || w === ';' || w === '—' || w === '–' || w === '-' || w === '(' || w === ')' || w === 'that' || w === '--';
    while (a < b && this.markOf[a]! < 0 && edge(this.lower[a]!)) a++;
    while (b > a && this.markOf[b - 1]! < 0 && (edge(this.lower[b - 1]!) || isEnd(t[b - 1])) && this.lower[b - 1]! !== 'that') b--;
    if (a >= b) return [];
    let hasWord = false;
    for (let i = a; i < b && !hasWord; i++) hasWord = this.startsWord(i);
    if (!hasWord) return [];
    let start = t[a]!.start;
    let end = t[b - 1]!.end;
    // a marked quote that begins or ends inside the region is taken whole (AP quotes run over paragraphs): the
    // region stretches over the part it cuts, and the quote's parts before and after it come along
    const ma = this.markOf[a]!;
    const mb = this.markOf[b - 1]!;
    let before: Span[] | undefined;
    if (ma >= 0) {
      const m = this.marks[ma]!;
      for (const part of m.parts) if (part.end <= start) (before ??= []).push(part);
      start = Math.min(start, m.parts.find((q) => q.end > start)?.start ?? start);
    }
    let after: Span[] | undefined;
    if (mb >= 0) {
      const m = this.marks[mb]!;
      for (const part of m.parts) if (part.start >= end) (after ??= []).push(part);
      end = Math.max(end, m.parts.find((q) => q.start < end && q.end >= end)?.end ?? end);
    }
    this.claimSpan(start, end);
    if (after) for (const q of after) this.claimSpan(q.start, q.end);
    // (most marks are one part: the region is then one span, in a list of its size, which pushing would make 17)
    if (!before && !after) return [{ start, end }];
    const parts = before ?? [];
    parts.push({ start, end });
    if (after) parts.push(...after);
    return parts;
  }

  private claimSpan(start: number, end: number): void {
    for (let i = this.firstMarkEndingAfter(start); i < this.marks.length; i++) {
      const m = this.marks[i]!;
      if (m.start >= end) break;
      if (m.end > start && m.start < end) this.claimedMarks.add(i);
    }
  }

  /** A reporting cue at token i of unit u (a token of class REPORTING_CUE or ATTRIBUTION_LEAD), with its speaker and the side its content is on. */
  private cueAt(i: number, u: Unit): Attribution | null {
    const t = this.tokens;
    const tok = t[i]!;
    const w = this.lower[i]!;
    if (w === 'according' && t[i + 1] && this.lower[i + 1]! === 'to' && i + 2 < u.last) {
      const speaker = phraseStartingAt(this.model, i + 2, u.last, u.first);
      if (!speaker) return null;
      const atStart = this.narrationWords(u.first, i) === 0 || (i - u.first <= 1 && /^(?:but|and|yet|so|also)$/i.test(t[u.first]!.text));
      return {
        form: 'according', cueFirst: i, cueLast: i + 1, lemma: 'according to', speaker, parts: [], clauseStart: i,
        mode: atStart ? 'after' : 'before', after: this.skipTo(speaker.last + 1, u.last), how: 'source named with "according to"',
      };
    }
    if (!(this.classes[i]! & REPORTING_CUE)) return null;
    const lemma = REPORTING_CUE_FORMS.get(w)!;
    // a capitalised cue word is a name ("United States", "Post") unless it starts the sentence
    if (tok.text !== w && i !== u.first) return null;
    const prev = t[i - 1];
    const prevW = prev ? this.lower[i - 1]! : '';
    const prevInUnit = i - 1 >= u.first;
    if (prevInUnit && NOUN_MARKERS.has(prevW) && this.markOf[i - 1]! < 0) return null;
    // "412 registered voters", "the estimated 20,000": a participle used as an adjective
    if (prevInUnit && /^\d/.test(prevW) && w.endsWith('ed')) return null;
    if (w === lemma && !BARE_VERB_CUES.has(lemma)) return null;
    if (w === lemma && prevInUnit && (prevW === 'to' || prevW === 'not' || prevW === "n't")) return null;
    const nextW = t[i + 1] ? this.lower[i + 1]! : '';
    if (NOUNISH.has(w) && prevInUnit && !(prev && (PRONOUNS.has(prevW) || startsWithCapital(prev.text))) && !(nextW === 'that' || this.markOf[i + 1]! >= 0)) return null;
    const isIng = w.endsWith('ing');
    // walk left over adverbs, auxiliaries and times to the speaker
    let L = i - 1;
    while (L >= u.first && this.markOf[L]! < 0) {
      const lw = this.lower[L]!;
      if (BETWEEN_SPEAKER_AND_CUE.has(lw) || isAdverbLy(lw) || TIME_WORDS.has(lw) || (TIME_LEADERS.has(lw) && L + 1 < i && TIME_WORDS.has(this.lower[L + 1]!))) L--;
      else break;
    }
    // the auxiliaries walked over: a form of "be" ("is", "was", "are", "were", "been"; or "be") and of "have"
    let be = false;
    let bare = false;
    let have = false;
    for (let k = L + 1; k < i; k++) {
      const lw = this.lower[k]!;
      if (lw === 'is' || lw === 'was' || lw === 'are' || lw === 'were' || lw === 'been') be = true;
      else if (lw === 'be') bare = true;
      else if (lw === 'has' || lw === 'have' || lw === 'had') have = true;
    }
    // passive "was told", "were asked": the subject is the listener, not the speaker
    if (!isIng && (be || bare) && !have) return null;
    const after = this.afterCue(i, lemma, u);
    // a parenthetical between speaker and cue belongs to the speaker: "Sen. Maria Cole (D-Ore.) said",
    // "Several neighbours — including two teachers — said"
    let tail = -1;
    if (L > u.first && this.markOf[L]! < 0 && (t[L]!.text === ')' || t[L]!.text === '—' || t[L]!.text === '–')) {
      const open = t[L]!.text === ')' ? '(' : t[L]!.text;
      for (let k = L - 1; k > u.first && L - k < 20; k--) {
        if (this.markOf[k]! >= 0) break;
        if (t[k]!.text === open) {
          if (k - 1 >= u.first && this.startsWord(k - 1)) {
            tail = L;
            L = k - 1;
          }
          break;
        }
      }
    }
    const L0 = L >= u.first ? t[L]! : undefined;
    const leftIsQuote = L >= u.first && this.markOf[L]! >= 0;
    if (isIng && !be) {
      // "…, saying the plan was dead": the speaker is the subject of the main clause
      if (!L0 || !PARTICIPLE_LEADS.has(this.lower[L]!)) return null;
      return { form: 'participle', cueFirst: i, cueLast: i, lemma, speaker: null, parts: [], clauseStart: i, mode: 'after', after, how: 'speaker of the main clause' };
    }
    if (L0 && !leftIsQuote && COORDINATORS.has(this.lower[L]!)) {
      // "Ortiz thanked the council and said the vote was historic": the subject is shared
      return { form: 'participle', cueFirst: i, cueLast: i, lemma, speaker: null, parts: [], clauseStart: i, mode: 'after', after, how: 'speaker is the subject of the sentence' };
    }
    if (L0 && !leftIsQuote && this.lower[L]! === 'who' && L - 1 >= u.first) {
      // "Mendes, who said the strike would go on, …": the relative pronoun stands for the name before it
      const speaker: SpeakerPhrase = { first: L, last: L, head: L };
      return { form: 'subject', cueFirst: i, cueLast: i, lemma, speaker, parts: [], clauseStart: L, mode: 'after', after, how: 'speaker named before "who"' };
    }
    if (!L0 || leftIsQuote || L0.text === ',' || L0.text === '—' || L0.text === '--') {
      // inverted: '"…," said Jane Ortiz' — or an appositive: "Ortiz, who chairs the panel, said …"
      const inverted = phraseStartingAt(this.model, i + 1, u.last, u.first);
      const invertedEnds = inverted && (leftIsQuote || inverted.last + 1 >= u.last || [',', '.', ';', '!', '?', ':', '—', '(', '"', '”'].includes(t[inverted.last + 1]!.text) || this.markOf[inverted.last + 1]! >= 0);
      // '…, called it "a disaster"': an object before a quotation is not an inverted speaker
      const objectLike = inverted !== null && (/^(?:it|you|them|him|her)$/.test(this.lower[inverted.head]!) || (!leftIsQuote && this.markOf[inverted.last + 1]! >= 0));
      const invertible = (!LISTENER_VERBS.has(lemma) || (lemma === 'ask' && leftIsQuote)) && !objectLike;
      if (inverted && invertedEnds && invertible && (leftIsQuote || L0?.text === ',' || L0?.text === '—' || L0?.text === '--')) {
        const afterSpeaker = this.afterCue(inverted.last, 'say', u);
        return { form: 'inverted', cueFirst: i, cueLast: i, lemma, speaker: inverted, parts: [], clauseStart: i, mode: 'before', after: afterSpeaker, how: 'speaker named in the same sentence' };
      }
      if (L0 && L0.text === ',' && !leftIsQuote) {
        const speaker = this.appositiveSpeaker(L, u);
        if (speaker) {
          const mode = this.contentSide(after, u, speaker.first, i);
          return { form: 'subject', cueFirst: i, cueLast: i, lemma, speaker, parts: [], clauseStart: speaker.first, mode, after, how: 'speaker named in the same sentence' };
        }
      }
      return null;
    }
    const speaker = phraseEndingAt(this.model, L, u.first, u.first);
    if (!speaker) return null;
    if (tail >= 0) speaker.last = tail;
    // the phrase must not reach into a quote
    for (let k = speaker.first; k <= speaker.last; k++) if (this.markOf[k]! >= 0) return null;
    const mode = this.contentSide(after, u, speaker.first, i);
    return { form: 'subject', cueFirst: i, cueLast: i, lemma, speaker, parts: [], clauseStart: speaker.first, mode, after, how: 'speaker named in the same sentence' };
  }

  /** "Ortiz, who chairs the panel, said": the phrase before the comma that opens the aside. */
  private appositiveSpeaker(comma: number, u: Unit): SpeakerPhrase | null {
    const t = this.tokens;
    for (let k = comma - 1; k > u.first && comma - k < 40; k--) {
      if (this.markOf[k]! >= 0) return null;
      if (t[k]!.text !== ',') continue;
      const opener = this.lower[k + 1]!;
      const phrase = phraseEndingAt(this.model, k - 1, u.first, u.first);
      if (!phrase) continue;
      const head = t[phrase.head]!;
      // "Harold Pike, 61, who farms outside Lincoln, says": an age is not the speaker; keep looking left
      if (/^\d/.test(head.text)) continue;
      if (looksLikeName(this.model, phrase.head, u.first) || PRONOUNS.has(this.lower[phrase.head]!)) return phrase;
      if (/^(?:who|which|whose|a|an|the|also|himself|herself|now|then|one|speaking|asked|in|at|according|like|as|citing|whom)$/.test(opener) || startsWithCapital(t[k + 1]!.text))
        return phrase;
    }
    return null;
  }

  /** 'before' when nothing but punctuation follows the cue ('"…," Ortiz said.'), else 'after'. */
  private contentSide(after: number, u: Unit, speakerFirst: number, cue: number): 'before' | 'after' {
    const t = this.tokens;
    const next = t[after];
    const hasBefore = this.narrationWords(u.first, speakerFirst) > 0 || (speakerFirst > u.first && this.markOf[speakerFirst - 1]! >= 0);
    // '"…," he said outside the building', '"Why now?" Alvarez said of the utility': a quote closed by a comma, ? or !
    // right before the speaker is the content (also when the sentence splitter put it in the sentence before)
    if (this.quoteClosesBefore(speakerFirst)) {
      // unless the quote is a title and a clause follows: 'On "Morning Roundtable," Vance said the budget …'
      const titleLike = this.markWords[this.markOf[speakerFirst - 1]!]! <= 3;
      const clauseFollows = next !== undefined && this.markOf[after]! < 0 && (this.lower[after]! === 'that' || PRONOUNS.has(this.lower[after]!) || startsWithCapital(next.text) || this.lower[after]! === 'the');
      if (!(titleLike && clauseFollows)) return 'before';
    }
    // "Reyes said." after a quoted sentence: the content is the quote before (not "He said:" before a quote)
    if (!hasBefore) return (after >= u.last || isEnd(next)) && t[cue + 1]?.text !== ':' ? 'before' : 'after';
    if (after >= u.last || isEnd(next)) return 'before';
    let comma = next !== undefined && (next.text === ',' || next.text === '—') && this.markOf[after]! < 0;
    for (let k = cue + 1; k < after && !comma; k++) comma = t[k]!.text === ',' || t[k]!.text === '—';
    if (comma) {
      const before = t[speakerFirst - 1];
      if (before && (before.text === ',' || this.markOf[speakerFirst - 1]! >= 0 || before.text === '—')) return 'before';
    }
    return 'after';
  }

  /** True when token k − 1 closes a quote whose last inner token is a comma, question or exclamation mark. */
  private quoteClosesBefore(k: number): boolean {
    let close = k - 1;
    if (close < 1 || this.markOf[close]! < 0 || this.markOf[k]! === this.markOf[close]) return false;
    // '' and `` pairs are two tokens
    while (close > 1 && this.markOf[close - 1] === this.markOf[close] && /^['`]$/.test(this.tokens[close - 1]!.text)) close--;
    const inner = this.tokens[close - 1]!.text;
    return inner === ',' || inner === '?' || inner === '!';
  }

  /** Token n's lower case, or '' past the last token (a method: a closure made per call costs an allocation). */
  private lowerAt(n: number): string {
    return n < this.tokens.length ? this.lower[n]! : '';
  }

  /** First token of the content after a cue: past "that", the listener ("told reporters"), and settings. */
  private afterCue(i: number, lemma: string, u: Unit): number {
    const t = this.tokens;
    let k = i + 1;
    const end = u.last;
    for (let guard = 0; guard < 4 && k < end && this.markOf[k]! < 0; guard++) {
      const start = k;
      // times: "on Tuesday", "last week", "Tuesday"
      while (k < end && (TIME_WORDS.has(this.lowerAt(k)) || (TIME_LEADERS.has(this.lowerAt(k)) && TIME_WORDS.has(this.lowerAt(k + 1))) || isAdverbLy(this.lowerAt(k)))) k++;
      // the listener: "told reporters", "told KXLM's Dana Price", "asked him"
      if (LISTENER_VERBS.has(lemma) && k === i + 1) {
        const listenerEnd = this.listenerEnd(k, end);
        if (listenerEnd > k) {
          const n = listenerEnd;
          // (a setting after the listener is skipped below: "told reporters outside the hall that …")
          if (n < end && (this.lowerAt(n) === 'that' || this.lowerAt(n) === ',' || this.lowerAt(n) === ':' || SETTING_PREPOSITIONS.has(this.lowerAt(n)) || PRONOUNS.has(this.lowerAt(n)) || startsWithCapital(t[n]!.text) || this.markOf[n]! >= 0 || this.lowerAt(n) === 'the' || this.lowerAt(n) === 'if' || this.lowerAt(n) === 'whether' || isEnd(t[n]))) k = n;
        }
      }
      // settings: "in a statement", "at a rally in Ohio", "on Twitter" — only when a comma, "that" or a quote follows soon
      if (k < end && SETTING_PREPOSITIONS.has(this.lowerAt(k)) && !(this.lowerAt(k) === 'to' && lemma !== 'say')) {
        let n = k + 1;
        while (n < end && n - k < 25 && this.markOf[n]! < 0 && this.lowerAt(n) !== ',' && this.lowerAt(n) !== 'that' && this.lowerAt(n) !== ':' && !isEnd(t[n])) n++;
        if (n < end && (this.lowerAt(n) === ',' || this.lowerAt(n) === 'that' || this.lowerAt(n) === ':' || this.markOf[n]! >= 0 || isEnd(t[n]))) k = n;
      }
      if (this.lowerAt(k) === ',' && this.isParticipleCue(k + 1)) break;
      if (this.lowerAt(k) === 'that' || this.lowerAt(k) === ',' || this.lowerAt(k) === ':') k++;
      if (k === start) break;
    }
    return k;
  }

  /** End (exclusive) of the listener after "told"/"asked": "reporters", "KXLM's Dana Price", "the Associated Press". */
  private listenerEnd(k: number, end: number): number {
    const t = this.tokens;
    let n = k;
    const w0 = t[n] ? this.lower[n]! : '';
    if (/^(?:him|her|them|me|us|you|reporters|journalists|supporters|voters|lawmakers|officials|viewers|listeners|students|members|delegates|donors|senators|interviewers|radio|television)$/.test(w0)) return n + 1;
    if (w0 === 'the' || w0 === 'a' || w0 === 'an' || w0 === 'his' || w0 === 'her' || w0 === 'their') n++;
    const capStart = n;
    while (n < end && n - k < 7 && (startsWithCapital(t[n]!.text) || /^['’]s$/.test(t[n]!.text) || (this.lower[n]! === 'of' && n > capStart) || ROLE_LISTENERS.has(this.lower[n]!))) n++;
    if (n === capStart) return k;
    return n;
  }

  // ---- speakers ----

  /** The speaker a phrase names, in the sentence that starts at token `sentenceStart`, of paragraph p. */
  private resolve(phrase: SpeakerPhrase, sentenceStart: number, p: number): Speaker {
    const t = this.tokens;
    const start = t[phrase.first]!.start;
    const end = t[phrase.last]!.end;
    const head = t[phrase.head]!;
    const speaker: Speaker = { start, end, text: this.text.slice(start, end) };
    const hw = this.lower[phrase.head]!;
    let resolved = false;
    let linked: Entity | undefined;
    if (hw === 'who' && phrase.first === phrase.last) {
      let k = phrase.first - 1;
      if (t[k]?.text === ',') k--;
      const antecedent = k >= sentenceStart ? phraseEndingAt(this.model, k, sentenceStart, sentenceStart) : null;
      if (antecedent) {
        const as = t[antecedent.first]!.start;
        const ae = t[antecedent.last]!.end;
        const ent = entityInside(this.mentions, as, ae, t[antecedent.head]!.start);
        speaker.entityName = ent?.name ?? this.text.slice(as, ae);
        if (ent) speaker.entity = ent.id;
        speaker.specificity = specificityOf(this.model, antecedent, sentenceStart, false);
        return speaker;
      }
      speaker.specificity = 'described';
      return speaker;
    }
    if (PRONOUNS.has(hw) && phrase.first === phrase.last) {
      const notBefore = this.model.paragraphs[Math.max(0, p - 3)]!.start;
      const ent = antecedentOf(this.mentions, hw, start, notBefore);
      if (ent) {
        speaker.entity = ent.id;
        speaker.entityName = ent.name;
        resolved = true;
      } else if (hw === 'he' || hw === 'she' || hw === 'i' || hw === 'it' || hw === 'they') {
        const named = this.namedSpeakers[this.namedSpeakers.length - 1];
        const recent = named && named.paragraph >= p - 3 ? named : undefined;
        // without the recognizer: the nearest capitalised name before the pronoun, when nearer than the last speaker
        const personal = hw === 'he' || hw === 'she' || hw === 'i';
        const name = personal && this.mentions.items.length === 0 ? this.nearestNameBefore(phrase.first, p) : undefined;
        if (name && (!recent || name.offset > recent.offset)) {
          speaker.entityName = name.text;
          resolved = true;
        } else if (recent) {
          speaker.entityName = recent.entity?.name ?? recent.text;
          if (recent.entity) speaker.entity = recent.entity.id;
          resolved = true;
        }
      }
    } else {
      const ent = entityInside(this.mentions, start, end, head.start) ?? this.surnameMatch(head.text);
      if (ent && (ent.type === 'PERSON' || ent.type === 'ORG')) {
        linked = ent;
        speaker.entity = ent.id;
        speaker.entityName = ent.name;
      }
    }
    speaker.specificity = specificityOf(this.model, phrase, sentenceStart, resolved) ?? 'described';
    if (speaker.entity && speaker.specificity !== 'named' && phrase.head === phrase.last && !PRONOUNS.has(hw)) speaker.specificity = 'named';
    if (speaker.specificity === 'named' && !PRONOUNS.has(hw)) {
      this.namedSpeakers.push({ offset: start, paragraph: p, text: speaker.entityName ?? speaker.text, entity: linked });
    }
    return speaker;
  }

  /**
   * The nearest run of two or three capitalised words before token `before` (within two paragraphs), not after a
   * place preposition: "Jane Ortiz" in "Jane Ortiz spoke to reporters. “…,” she said."
   */
  private nearestNameBefore(before: number, p: number): { offset: number; text: string } | undefined {
    const t = this.tokens;
    const floor = this.paragraphTokens[Math.max(0, p - 2)]!.first;
    let end = -1;
    for (let k = before - 1; k >= floor - 1 && before - k < 120; k--) {
      const name = k >= floor && this.markOf[k]! < 0 && looksLikeName(this.model, k, this.sentenceStartOf(k)) && /^\p{Lu}\p{Ll}/u.test(t[k]!.text);
      if (name && end < 0) end = k;
      if (!name && end >= 0) {
        const first = k + 1;
        const len = end - first + 1;
        const prev = k >= floor ? this.lower[k]! : '';
        if (len >= 2 && len <= 3 && !/^(?:in|at|from|to|of|near|across|into|for|on|by|the)$/.test(prev)) {
          const text = this.text.slice(t[first]!.start, t[end]!.end);
          return { offset: t[first]!.start, text };
        }
        end = -1;
      }
    }
    return undefined;
  }

  /** "Ortiz" → the person entity named "Jane Ortiz" when the recognizer missed this mention. */
  private surnameMatch(word: string): Entity | undefined {
    return this.surnames.get(word);
  }

  private materialise(a: Attribution, p: number, last: Found | undefined): Found | undefined {
    const t = this.tokens;
    let speaker: Speaker | null = null;
    let how = a.how;
    if (a.speaker) {
      speaker = this.resolve(a.speaker, this.sentenceStartOf(a.speaker.first), p);
      // (a pronoun is one token: its lower case is the token's, where lower-casing the phrase text goes to ICU)
      if (speaker.entityName && a.speaker.first === a.speaker.last && PRONOUNS.has(this.lower[a.speaker.first]!)) how = `speaker in the same sentence (“${speaker.text}” → ${speaker.entityName})`;
    } else if (a.form === 'participle') {
      const s = this.sentenceStartOf(a.cueFirst);
      if (last?.speaker && last.paragraph === p && last.sentenceStart === s) speaker = last.speaker;
      else {
        const subject = this.clauseSubject(s, a.cueFirst);
        if (subject && this.markOf[subject.first]! < 0) speaker = this.resolve(subject, s, p);
      }
      // no subject found: a quotation keeps its place (with no speaker), reported speech is dropped
      if (!speaker && !this.hasMarkIn(a.parts)) return undefined;
    }
    if (!speaker) how = 'no speaker found for this cue';
    const cueStart = t[a.cueFirst]!.start;
    const cueEnd = t[a.cueLast]!.end;
    const f: Found = {
      parts: a.parts, cue: { start: cueStart, end: cueEnd }, speaker, attribution: how, paragraph: p, sentenceStart: this.sentenceStartOf(a.cueFirst),
    };
    f.kind = this.kindOf(a.parts);
    return this.push(f);
  }

  private sentenceStartOf(token: number): number {
    const s = this.model.sentences[this.tokens[token]!.sentence];
    return s ? s.firstToken : token;
  }

  /** direct: only quoted words · mixed: quoted and reported words · indirect: no quotation marks. */
  private kindOf(parts: Span[]): QuoteKind {
    let quoted = 0;
    let reported = 0;
    for (const part of parts) {
      for (let i = this.firstMarkEndingAfter(part.start); i < this.marks.length; i++) {
        const m = this.marks[i]!;
        if (m.start >= part.end) break;
        for (const mp of m.parts) if (mp.start < part.end && mp.end > part.start) quoted += Math.min(mp.end, part.end) - Math.max(mp.start, part.start);
      }
      reported += part.end - part.start;
    }
    reported -= quoted;
    if (quoted === 0) return 'indirect';
    // punctuation and spaces between quoted pieces do not make a quote mixed
    return reported > 0 && this.reportedWords(parts) > 0 ? 'mixed' : 'direct';
  }

  private reportedWords(parts: Span[]): number {
    let n = 0;
    for (const part of parts) {
      for (let i = firstTokenFrom(this.model, part.start); i < this.tokens.length; i++) {
        const tk = this.tokens[i]!;
        if (tk.start < part.start) continue;
        if (tk.end > part.end) break;
        if (this.markOf[i]! < 0 && this.startsWord(i)) n++;
      }
    }
    return n;
  }

  private toQuotes(): Quote[] {
    const all = this.found.filter((f) => f.parts.length > 0);
    // (the last read of each Found: its parts are merged in place rather than the object copied)
    for (const f of all) f.parts = mergeParts(f.parts);
    sortInPlace(all, (a, b) => a.parts[0]!.start - b.parts[0]!.start);
    return all.map((f, i) => {
      const start = f.parts[0]!.start;
      const end = f.parts[f.parts.length - 1]!.end;
      const q: Quote = {
        id: `q${i + 1}`, kind: f.kind ?? 'direct', start, end, text: this.text.slice(start, end), speaker: f.speaker,
        cue: f.cue ? { start: f.cue.start, end: f.cue.end, text: this.text.slice(f.cue.start, f.cue.end) } : null,
        attribution: f.attribution,
      };
      if (f.parts.length > 1) q.parts = f.parts;
      return q;
    });
  }
}

/** The parts in order, overlapping or touching ones merged into fresh spans (the parts may be a mark's own). */
const byStart = (a: Span, b: Span): number => a.start - b.start;

function mergeParts(parts: Span[]): Span[] {
  // most quotes are one part: it is read, never changed, and no copy is made
  if (parts.length === 1) return parts;
  const sorted = inOrder(parts, byStart) ? parts : [...parts].sort(byStart);
  const out: Span[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else out.push({ start: p.start, end: p.end });
  }
  return out;
}
