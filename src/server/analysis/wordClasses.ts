// What each token of a document is in the cue and claim lexicons, worked out once per spelling. The quote extractor
// asks of nearly every token whether it is a reporting cue or "according", and the claim rules ask it again of every
// word, with whether it is any other cue or attribution lead, a word ATTR006 can flag or a spelled-out number: the
// classes of the token's spelling answer all of them (a lookup by a token's string costs more than the rest of these
// rules do with most words).
// Some classes are shapes rather than lexicon words: whether a word holds the text some claim pattern needs (a digit,
// "edly", "illions"). The claim rules run such a pattern over a sentence only when one of its words has the class,
// so the class must hold for every word a match of the pattern can touch (a looser class only costs time).

import { startsWithLetterOrDigit, type TextModel, type TokenForm } from './text';
import {
  ACCUSATION_LABELS, ACCUSATION_VERBS, BELIEF_CUE_FORMS, CAUSAL_CUES, DOCUMENT_CUE_FORMS, EVALUATIVE_WORDS,
  EXPRESSIVE_CUE_FORMS, NON_SPEECH_CUES, REPORTING_CUE_FORMS,
} from './lexicon';

/** A form of a reporting verb (a key of REPORTING_CUE_FORMS). */
export const REPORTING_CUE = 1;
/** Any other word a claim attribution hangs on: an expressive, belief, document or non-speech cue, or a POINT_FORMS word. */
export const OTHER_CUE = 2;
/** A word ATTR006 can flag: an accusation verb or label, an evaluative word, "fraud", "best" or "worst". */
export const ACCUSATION_OR_EVALUATION = 4;
/** A number spelled out in one word ("twelve", "hundreds"). */
export const SPELLED_NUMBER = 8;
/** A word that opens an attribution phrase with no cue verb: "according (to)", "in (a statement)", "per". */
export const ATTRIBUTION_LEAD = 16;
/**
 * A word an agentless phrase (claims/attribution.ts, AGENTLESS) can hold other than in "it is …": one holding "edly"
 * ("reportedly"), a research noun ("studies show") or an adverb of "widely believed".
 */
export const AGENTLESS_KEY = 32;
/** A word ending in "it", and "is", "was", "has", "had", "'s": an agentless "it is said" holds one of each. */
export const AGENTLESS_IT = 64;
export const AGENTLESS_VERB = 128;
/** A word with a digit: every case-sensitive statistic pattern (claims, STAT_PATTERNS) holds one. */
export const DIGIT = 256;
/** A word holding "thousands", "millions", "billions" or a multiplier ("doubled"): the caseless statistic patterns hold one. */
export const MULTIPLIER = 512;
/** A word holding a causal cue's first word ("led", "because"; claims, CAUSAL_RE) at its start or after a non-word character. */
export const CAUSAL_KEY = 1024;
/** A word that starts with a letter or a digit (text.ts startsWithLetterOrDigit), as opposed to punctuation. */
export const WORD = 2048;
// (no set of classes is 0xffff, which marks classes not yet worked out in TextModel.knownClasses)

/** "point out" is a cue; "point" alone is not. */
export const POINT_FORMS: ReadonlySet<string> = new Set(['point', 'points', 'pointed', 'pointing']);
const SPELLED_NUMBERS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'dozens', 'scores', 'hundreds', 'thousands'];

/** The lexicon classes of every word that has one. */
const LEXICON_CLASSES = new Map<string, number>();
const addClass = (words: Iterable<string>, bit: number): void => {
  for (const w of words) LEXICON_CLASSES.set(w, (LEXICON_CLASSES.get(w) ?? 0) | bit);
};
addClass(REPORTING_CUE_FORMS.keys(), REPORTING_CUE);
addClass([...POINT_FORMS, ...EXPRESSIVE_CUE_FORMS, ...BELIEF_CUE_FORMS, ...DOCUMENT_CUE_FORMS, ...NON_SPEECH_CUES], OTHER_CUE);
addClass(['fraud', 'best', 'worst', ...ACCUSATION_VERBS, ...ACCUSATION_LABELS, ...EVALUATIVE_WORDS], ACCUSATION_OR_EVALUATION);
addClass(SPELLED_NUMBERS, SPELLED_NUMBER);
addClass(['according', 'in', 'per'], ATTRIBUTION_LEAD);

const AGENTLESS_SHAPE = /edly|studies|research|reports|surveys|experiments|(?:wide|general|common|broad|large|universal|popular)ly/;
// "'s" after a space ("it 's believed", as text pasted from a tokenised source writes it) is two tokens, "'" and
// "s", and the pattern still matches: "s" stands in for it
const AGENTLESS_VERBS: ReadonlySet<string> = new Set(['is', 'was', 'has', 'had', "'s", 's']);
const MULTIPLIER_SHAPE = /thousands|illions|doubled|halved|tripled|trebled|quadrupled/;
const CAUSAL_SHAPE = new RegExp(`(?:^|\\W)(?:${[...new Set(CAUSAL_CUES.map((cue) => cue.split(' ')[0]!))].join('|')})`);

/** The classes of a spelling: its lexicon classes and its shapes (those of its lower case). */
function classesOf({ text, lower }: TokenForm): number {
  let classes = LEXICON_CLASSES.get(lower) ?? 0;
  if (startsWithLetterOrDigit(text)) classes |= WORD;
  if (AGENTLESS_SHAPE.test(lower)) classes |= AGENTLESS_KEY;
  if (lower.endsWith('it')) classes |= AGENTLESS_IT;
  if (AGENTLESS_VERBS.has(lower)) classes |= AGENTLESS_VERB;
  if (/\d/.test(lower)) classes |= DIGIT;
  if (MULTIPLIER_SHAPE.test(lower)) classes |= MULTIPLIER;
  if (CAUSAL_SHAPE.test(lower)) classes |= CAUSAL_KEY;
  return classes;
}

/** Classes of a token not yet worked out in TextModel.knownClasses (TokenForm.classes' −1, stored in a Uint16Array). */
const UNKNOWN = 0xffff;
/** The text models whose knownClasses are complete. */
const completed = new WeakSet<TextModel>();

/**
 * The classes of each token of a document (by token index, from its lower-case text): TextModel.knownClasses,
 * completed on first use. They are kept with each token spelling (TextModel.forms, shared by the documents of the
 * process), so only a spelling not seen before is looked up; the text model read the classes of the others while it
 * had their spellings at hand, so that the spellings, scattered over the heap, are not read again here.
 */
export function wordClasses(model: TextModel): Uint16Array {
  const { forms, knownClasses: classes } = model;
  if (!completed.has(model)) {
    for (let i = 0; i < classes.length; i++) {
      if (classes[i] !== UNKNOWN) continue;
      const form = forms[i]!;
      if (form.classes < 0) form.classes = classesOf(form);
      classes[i] = form.classes;
    }
    completed.add(model);
  }
  return classes;
}
