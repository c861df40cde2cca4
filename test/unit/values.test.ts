// The opening filter of the value patterns (entities/values.ts): findValues tries its patterns only where the
// filter says a match can begin, so a filter that turned away an offset where one does would lose values without a
// word. Checked against the patterns themselves at every offset, on sentences we wrote and on random text made of
// value-like pieces.

import { strict as assert } from 'assert';
import fc from 'fast-check';
import { buildTextModel } from '../../src/server/analysis/text';
import { findValues, Occupancy, openingFilter, typesOpeningAt, valueEndAt } from '../../src/server/analysis/entities/values';

/** "offset:type" where a type's patterns match in `text` but the filter would not try them. */
function turnedAway(text: string): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length; at++) {
    const types = typesOpeningAt(text, at);
    for (let k = 0; k < 5; k++) if (valueEndAt(text, at, k) > at && !(types & (1 << k))) out.push(`${at}:${k}`);
  }
  return out;
}
const opensValue = (text: string): boolean => typesOpeningAt(text, 0) !== 0;

/** Random text made of pieces of values, separators and noise. */
const VALUE_LIKE_PIECES = [
  ' ', ' ', ', ', '. ', '-', '–', '\u00a0', '\n', 'the ', 'The ', 'of ', 'in ', 'on ', 'by ', 'a ', 'an ', 'early ', 'mid-', 'late ',
  'last ', 'next ', 'this ', 'past ', 'May', 'March', 'may', 'Jan.', 'Sept', 'December', 'Monday', 'Fridays', 'morning', 'night',
  'week', 'months', 'years', 'ago', 'decade', 'century', 'twenties', 'XX', 'IV', 'first', 'quarter', 'half', 'Q3', 'H1', 'summer',
  'Christmas', 'Eid', 'al', 'Adha', 'today', 'tonight', 'noon', '5', '12', '31st', '2023', '1573', '1990s', '’90s', "'80s", '1,200',
  '3.5', '0600', ':30', '%', 'percent', 'per cent', 'percentage points', 'million', 'bn', 'm', 'k', 'km', 'miles', 'kg', 'degrees',
  'a.m.', 'p.m.', 'GMT', 'local time', '$', 'US$', '€', '£', '₹', 'Rs ', 'KSh', 'USD', 'dollars', 'euros', 'rupees', 'five', 'twenty',
  'a few', 'dozens of', 'and ', 'to ', 'or ', 'since ', 'until ', 'about ', 'around ', '/', 'No. ',
];
const valueLikeText = fc.array(fc.oneof(fc.constantFrom(...VALUE_LIKE_PIECES), fc.string({ maxLength: 3 })), { maxLength: 24 }).map((parts) => parts.join(''));

describe('values: the opening filter', () => {
  it('reads alternatives, classes, ranges, repeats, escapes and assertions', () => {
    const opens = openingFilter([String.raw`\bab|c\d{2,}(?=x)|[xy-]?z|(?:no|yes)\.+!`], 3);
    const at0 = (text: string): boolean => opens(text, 0) === 1;
    assert.deepEqual(['ab', 'abc', 'c12', 'c123', 'z', 'xz', '-z', 'no.', 'yes', 'ye'].map(at0), [true, true, true, true, true, true, true, true, true, false]);
    assert.deepEqual(['a', 'ac', 'c1', 'c1x', 'xx', 'q', 'n.', 'yeS.'].map(at0), [false, false, false, false, false, false, false, true]);
    assert.equal(opens('say ab', 4), 1);
  });

  it('tells the patterns apart', () => {
    const opens = openingFilter(['ab', String.raw`a\d`, 'abc|b', 'x?'], 3);
    // ("abc" is not told from "ab" until its "c" is read; "x?" can match nothing, so it may begin anywhere)
    assert.deepEqual(['ab', 'a5', 'abc', 'b', 'a', 'q'].map((t) => opens(t, 0)), [1 | 8, 2 | 8, 1 | 4 | 8, 4 | 8, 8, 8]);
  });

  it('reads the first character by case, the rest by letter, digits as any digit and spaces as any white space', () => {
    const opens = openingFilter(['May 5'], 5);
    assert.deepEqual(['May 5', 'MAY 9', 'May\u00a00', 'may 5', 'May5', 'Ma 5'].map((t) => opens(t, 0)), [1, 1, 1, 0, 0, 0]);
  });

  it('lets a match shorter than its depth end the text, and nothing else', () => {
    const opens = openingFilter(['ab?'], 4);
    assert.deepEqual([opens('a', 0), opens('ab', 0), opens('b', 0), opens('', 0)], [1, 1, 0, 0]);
  });

  it('refuses the syntax whose characters it cannot tell, rather than let a match slip', () => {
    for (const source of ['a.b', '[^a]', String.raw`(a)\1`, String.raw`\w+`, '(?<name>a)']) assert.throws(() => openingFilter([source], 3), /cannot read/, source);
  });

  it('turns away the words most look-back starts are, and lets through the openings of values', () => {
    for (const word of ['said', 'which', 'year', 'million', 'percent', 'people']) assert.equal(opensValue(`${word} x`), false, word);
    for (const start of ['the 1990s', 'May 4', 'mid-2021', '$5', '€3', '5 km', 'Q3 2023', '’90s', 'last week', 'a few days ago', 'Eid al-Adha'])
      assert.equal(opensValue(start), true, start);
  });

  it('tries only the types that can begin at a start', () => {
    // bits: DATE 1, TIME 2, MONEY 4, PERCENT 8, QUANTITY 16
    assert.equal(typesOpeningAt('the 1990s', 0), 1);
    assert.equal(typesOpeningAt('$5 million', 0), 4);
    assert.equal(typesOpeningAt('2023 was', 0), 31);
  });

  it('knows a trigger by its spelling from one document to the next', () => {
    const values = (text: string): string[] => findValues(buildTextModel(text)).map((v) => text.slice(v.start, v.end));
    for (let n = 0; n < 2; n++) {
      assert.deepEqual(values('The idea came on Sept. 12 and cost 40 million euros.'), ['Sept. 12', '40 million euros']);
      assert.deepEqual(values('Sept. said the lake was 40 km wide in September, YESTERDAY.'), ['40 km', 'September', 'YESTERDAY']);
    }
  });

  it('turns away no offset where a value pattern matches, in sentences we wrote', () => {
    const sentences = [
      'On Tuesday, 4 May 2023, the ministry said it would spend $2.3 billion (€2.1bn) over the next five years.',
      'Prices rose 3.5 percent in the first quarter of 2022 and a further 12% in Q3 2022, up from the 1990s.',
      'The convoy left at 0600 GMT, drove 140 km in the early hours and reached the border by 5:30 p.m. local time.',
      'Since March 2021, some 2,000 families have left; in the ’80s and the late nineties it was Rs 500 crore a year.',
      'Early Thursday morning, three weeks ago, the XXI century felt far away; mid-2024 the price was KSh 1,200 per kg.',
      'Between May and July, the fund lost US$40m, or 1.5 million dollars, in the last two months of the year.',
      'Christmas Eve, New Year’s Day and Eid al-Fitr fell within the past 10 days; the 2019-20 season ended in June.',
    ];
    for (const s of sentences) assert.deepEqual(turnedAway(s), [], s);
  });

  it('turns away no offset where a value pattern matches, in random text of value-like pieces', () => {
    fc.assert(fc.property(valueLikeText, (t) => turnedAway(t).length === 0), { numRuns: 400 });
  });
});

describe('values: the patterns at a start', () => {
  it('leave the leading word and its white space out of a value', () => {
    const text = 'The talks resumed on  Monday and ran until\tnoon.';
    const found = findValues(buildTextModel(text)).map((v) => text.slice(v.start, v.end));
    assert.deepEqual(found, ['Monday', 'noon']);
  });
});

describe('values: occupancy of offsets', () => {
  it('answers as a flag per offset, for spans within a 32-bit word and across several', () => {
    const span = fc.tuple(fc.nat(200), fc.nat(80)).map(([start, n]) => ({ start, end: start + n }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), span), { maxLength: 30 }), (steps) => {
        const occupied = new Occupancy(280);
        const taken = new Array<boolean>(281).fill(false);
        for (const [take, { start, end }] of steps) {
          const free = taken.slice(start, end).every((t) => !t);
          if (occupied.free(start, end) !== free) return false;
          if (take) {
            occupied.take(start, end);
            taken.fill(true, start, end);
          }
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
