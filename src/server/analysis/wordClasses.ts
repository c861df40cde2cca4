// What each token of a document is in the cue and claim lexicons, looked up once per document. The quote extractor
// asks of nearly every token whether it is a reporting cue or "according", and the claim rules ask it again of every
// word, with whether it is any other cue or attribution lead, a word ATTR006 can flag or a spelled-out number: one
// map lookup per token answers all of them (a lookup by a token's string costs more than the rest of these rules do
// with most words).

import type { TextModel } from './text';
import {
  ACCUSATION_LABELS, ACCUSATION_VERBS, BELIEF_CUE_FORMS, DOCUMENT_CUE_FORMS, EVALUATIVE_WORDS, EXPRESSIVE_CUE_FORMS,
  NON_SPEECH_CUES, REPORTING_CUE_FORMS,
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

/** "point out" is a cue; "point" alone is not. */
export const POINT_FORMS: ReadonlySet<string> = new Set(['point', 'points', 'pointed', 'pointing']);
const SPELLED_NUMBERS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'dozens', 'scores', 'hundreds', 'thousands'];

/** The classes of every word that has one. */
const CLASSES = new Map<string, number>();
const addClass = (words: Iterable<string>, bit: number): void => {
  for (const w of words) CLASSES.set(w, (CLASSES.get(w) ?? 0) | bit);
};
addClass(REPORTING_CUE_FORMS.keys(), REPORTING_CUE);
addClass([...POINT_FORMS, ...EXPRESSIVE_CUE_FORMS, ...BELIEF_CUE_FORMS, ...DOCUMENT_CUE_FORMS, ...NON_SPEECH_CUES], OTHER_CUE);
addClass(['fraud', 'best', 'worst', ...ACCUSATION_VERBS, ...ACCUSATION_LABELS, ...EVALUATIVE_WORDS], ACCUSATION_OR_EVALUATION);
addClass(SPELLED_NUMBERS, SPELLED_NUMBER);
addClass(['according', 'in', 'per'], ATTRIBUTION_LEAD);

const byModel = new WeakMap<TextModel, Uint8Array>();

/** The classes of each token of a document (by token index, from its lower-case text), made on first use. */
export function wordClasses(model: TextModel): Uint8Array {
  let classes = byModel.get(model);
  if (!classes) {
    classes = new Uint8Array(model.lower.length);
    for (let i = 0; i < classes.length; i++) classes[i] = CLASSES.get(model.lower[i]!) ?? 0;
    byModel.set(model, classes);
  }
  return classes;
}
