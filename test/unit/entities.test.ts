// Values found by rules (dates, times, money, percentages, quantities) and the shape of recognizeEntities'
// output, on wire-style sentences we wrote. Names come from a fake recognizer (see linking.test.ts).

import { strict as assert } from 'assert';
import fc from 'fast-check';
import { buildTextModel } from '../../src/server/analysis/text';
import { recognizeEntities, slug } from '../../src/server/analysis/entities';
import { findValues } from '../../src/server/analysis/entities/values';
import { analyze } from '../../src/server/analysis/article';
import type { EntityType } from '../../src/server/analysis/types';
import { entitiesOf } from './linking.test';

/** "TYPE text" for every value in the text, in order. */
function values(text: string): string[] {
  const model = buildTextModel(text);
  return findValues(model).map((v) => `${v.type} ${text.slice(v.start, v.end)}`);
}
const ofType = (text: string, type: EntityType): string[] => values(text).filter((v) => v.startsWith(type + ' ')).map((v) => v.slice(type.length + 1));

describe('values: dates', () => {
  it('finds a full date', () => assert.deepEqual(ofType('The ceasefire began on May 4, 2023, officials said.', 'DATE'), ['May 4, 2023']));
  it('finds a day-first date with a year', () => assert.deepEqual(ofType('Polls open on 26 July 2022 across the country.', 'DATE'), ['26 July 2022']));
  it('finds a weekday with its date', () => assert.deepEqual(ofType('The court ruled on Monday, July 25, 2022, that the law stands.', 'DATE'), ['Monday, July 25, 2022']));
  it('finds an abbreviated month', () => assert.deepEqual(ofType('The deadline is Sept. 30 for all applications.', 'DATE'), ['Sept. 30']));
  it('finds an ordinal date', () => assert.deepEqual(ofType('Protests began on the 20th of July 2022 in the capital.', 'DATE'), ['the 20th of July 2022']));
  it('finds a weekday', () => assert.deepEqual(ofType('The council voted on Thursday to repair the bridge.', 'DATE'), ['Thursday']));
  it('keeps "late" with the weekday', () => assert.deepEqual(ofType('Talks broke down late Thursday, with each side blaming the other.', 'DATE'), ['late Thursday']));
  it('keeps the part of day with the weekday', () => assert.deepEqual(ofType('Gunmen attacked the village on Sunday night.', 'DATE'), ['Sunday night']));
  it('finds "last month"', () => assert.deepEqual(ofType('Inflation rose last month, the bank said.', 'DATE'), ['last month']));
  it('finds "earlier this week"', () => assert.deepEqual(ofType('The minister resigned earlier this week.', 'DATE'), ['earlier this week']));
  it('finds "two years ago"', () => assert.deepEqual(ofType('The dam was finished two years ago.', 'DATE'), ['two years ago']));
  it('finds "the past three years"', () => assert.deepEqual(ofType('Prices have doubled over the past three years.', 'DATE'), ['the past three years']));
  it('finds a year after "in" without the preposition', () => assert.deepEqual(ofType('Foley disappeared in Syria in 2012.', 'DATE'), ['2012']));
  it('finds a year before a noun', () => assert.deepEqual(ofType('The 2019 election was disputed.', 'DATE'), ['2019']));
  it('finds a month and year', () => assert.deepEqual(ofType('Fighting resumed in June 2022 near the border.', 'DATE'), ['June 2022']));
  it('finds a decade', () => assert.deepEqual(ofType('The bridge, a 1960s crossing, is corroding.', 'DATE'), ['1960s']));
  it('finds a century', () => assert.deepEqual(ofType('The mosque dates from the 19th century.', 'DATE'), ['the 19th century']));
  it('finds a holiday', () => assert.deepEqual(ofType('Markets close for Eid al-Adha on Friday.', 'DATE'), ['Eid al-Adha', 'Friday']));
  it('finds a day range', () => assert.deepEqual(ofType('The summit runs July 21 to 23 in Nairobi.', 'DATE'), ['July 21 to 23']));
  it('finds a month on its own', () => assert.deepEqual(ofType('Work will begin in September and take two years.', 'DATE'), ['September']));
  it('finds "May" after a preposition', () => assert.deepEqual(ofType('The law took effect in May, officials said.', 'DATE'), ['May']));
  it('does not take the verb "may"', () => assert.deepEqual(ofType('Officials may decide on Friday.', 'DATE'), ['Friday']));
  it('does not take "May" in a name', () => assert.deepEqual(ofType('Theresa May said the vote would go ahead.', 'DATE'), []));
  it('does not take "March" as a noun', () => assert.deepEqual(ofType('The March for Our Lives drew crowds.', 'DATE'), []));
  it('does not take a count of four digits for a year', () => assert.deepEqual(ofType('About 2000 troops were deployed.', 'DATE'), []));
  it('does not take a year out of a money amount', () => assert.deepEqual(ofType('The fine was $2019 in total.', 'DATE'), []));
  it('finds "today" and "yesterday"', () => assert.deepEqual(ofType('Voting ends today; it began yesterday.', 'DATE'), ['today', 'yesterday']));
  it('finds a numeric date', () => assert.deepEqual(ofType('The notice was dated 26/07/2022.', 'DATE'), ['26/07/2022']));
});

describe('values: times', () => {
  it('finds "3 p.m."', () => assert.deepEqual(ofType('The vote is at 3 p.m. on Friday.', 'TIME'), ['3 p.m.']));
  it('finds a time with minutes and zone', () => assert.deepEqual(ofType('The blast happened at 10:30 a.m. local time.', 'TIME'), ['10:30 a.m. local time']));
  it('finds a 24-hour GMT time', () => assert.deepEqual(ofType('Markets closed at 1500 GMT.', 'TIME'), ['1500 GMT']));
  it('finds "noon"', () => assert.deepEqual(ofType('Polls close at noon.', 'TIME'), ['noon']));
  it('finds "last night"', () => assert.deepEqual(ofType('Troops withdrew last night.', 'TIME'), ['last night']));
  it('does not take a score for a time', () => assert.deepEqual(ofType('The vote passed 27 to 9.', 'TIME'), []));
});

describe('values: money', () => {
  it('finds dollars with a scale', () => assert.deepEqual(ofType('The dam cost about $4.8 billion.', 'MONEY'), ['$4.8 billion']));
  it('finds a short scale', () => assert.deepEqual(ofType('The club paid €40m for the striker.', 'MONEY'), ['€40m']));
  it('finds a written currency', () => assert.deepEqual(ofType('The fund holds 1.5 million dollars in cash.', 'MONEY'), ['1.5 million dollars']));
  it('finds a capitalised scale in a headline', () => assert.deepEqual(ofType('Council Approves $48 Million Repair of Harbour Bridge', 'MONEY'), ['$48 Million']));
  it('finds a prefixed dollar', () => assert.deepEqual(ofType('Aid of US$5 million was pledged.', 'MONEY'), ['US$5 million']));
  it('finds rupees in crore', () => assert.deepEqual(ofType('The scheme costs Rs 500 crore a year.', 'MONEY'), ['Rs 500 crore']));
  it('finds pounds', () => assert.deepEqual(ofType('The deal is worth £1.2bn, the company said.', 'MONEY'), ['£1.2bn']));
  it('finds naira', () => assert.deepEqual(ofType('Fuel now costs 617 naira a litre.', 'MONEY'), ['617 naira']));
  it('finds a currency code', () => assert.deepEqual(ofType('The loan of 250 million USD was approved.', 'MONEY'), ['250 million USD']));
  it('finds an amount range', () => assert.deepEqual(ofType('Tickets cost $20 to $40.', 'MONEY'), ['$20 to $40']));
});

describe('values: percentages', () => {
  it('finds "percent"', () => assert.deepEqual(ofType('Inflation reached 9.2 percent in March.', 'PERCENT'), ['9.2 percent']));
  it('finds a percent sign', () => assert.deepEqual(ofType('Turnout was 40% in the capital.', 'PERCENT'), ['40%']));
  it('finds "per cent"', () => assert.deepEqual(ofType('Exports fell 12 per cent.', 'PERCENT'), ['12 per cent']));
  it('finds percentage points', () => assert.deepEqual(ofType('The bank raised rates by 0.5 percentage points.', 'PERCENT'), ['0.5 percentage points']));
  it('finds a written number', () => assert.deepEqual(ofType('Support fell five percent.', 'PERCENT'), ['five percent']));
});

describe('values: quantities', () => {
  it('finds a number with a unit', () => assert.deepEqual(ofType('The dam will generate 5,000 megawatts.', 'QUANTITY'), ['5,000 megawatts']));
  it('finds kilometres', () => assert.deepEqual(ofType('The convoy travelled 40 km overnight.', 'QUANTITY'), ['40 km']));
  it('finds a scaled unit', () => assert.deepEqual(ofType('Output reached 2 million barrels a day.', 'QUANTITY'), ['2 million barrels']));
  it('finds degrees', () => assert.deepEqual(ofType('Temperatures hit 45 degrees Celsius.', 'QUANTITY'), ['45 degrees Celsius']));
  it('does not take a count of people', () => assert.deepEqual(ofType('About 3,000 people marched.', 'QUANTITY'), []));
  // every type is tried at each start: here a year (DATE) and a distance (QUANTITY) start at the same offset
  it('keeps the longer of two types starting at one offset', () => assert.deepEqual(values('The pipeline runs 1990 miles across three states.'), ['QUANTITY 1990 miles']));
});

describe('values: several types in one sentence', () => {
  it('finds each in order', () => assert.deepEqual(values('Sales rose 12 percent in 2019 to $4 million by 5 p.m.'), ['PERCENT 12 percent', 'DATE 2019', 'MONEY $4 million', 'TIME 5 p.m.']));
  it('starts values at trigger words in capitals and with a period, not at words shaped like them', () =>
    // "Deb." and "dew" have the first letter and length of the triggers "dec" and "day", not their last letter
    assert.deepEqual(values('Deb. said the dew fell in Sept. and Dec. 12, five percent YESTERDAY.'), ['DATE Dec. 12', 'PERCENT five percent', 'DATE YESTERDAY']));
  it('starts values before their trigger at opening words, signs, apostrophes, Roman numerals and hyphenated triggers', () => {
    assert.deepEqual(values('Shares fell -5% and rose +3% in the XX century.'), ['PERCENT -5%', 'PERCENT +3%', 'DATE the XX century']);
    assert.deepEqual(values('It cost US$5 million, or Rs 500 crore, in the ’90s.'), ['MONEY US$5 million', 'MONEY Rs 500 crore', 'DATE the ’90s']);
    assert.deepEqual(values('The park opens Wednesday-Sunday from 8 a.m.'), ['DATE Wednesday', 'TIME 8 a.m.']);
  });
});

describe('recognizeEntities: values as entities', () => {
  const TEXT =
    'ADDIS ABABA, Ethiopia, May 4, 2023 — Talks broke down late Thursday. The dam cost about $4.8 billion.\n\n' +
    'Negotiators met again on Thursday. They will return on Monday, and a report is due next month.';

  it('resolves dates against the dateline', () => {
    const model = buildTextModel(TEXT);
    const es = recognizeEntities(model, { dateline: '2023-05-04' });
    const thursday = es.find((e) => e.type === 'DATE' && e.mentions.some((m) => m.text === 'late Thursday'))!;
    assert.equal(thursday.resolved, '2023-05-04');
    const monday = es.find((e) => e.type === 'DATE' && e.mentions[0]!.text === 'Monday')!;
    assert.equal(monday.resolved, '2023-05-08', 'a sentence with "will" looks ahead');
    assert.equal(monday.name, 'Monday, 8 May 2023');
    const month = es.find((e) => e.mentions[0]!.text === 'next month')!;
    assert.equal(month.resolved, '2023-06');
    assert.equal(month.name, 'June 2023');
  });

  it('resolves the same text again against another dateline', () => {
    const resolvedMonday = (dateline: string | undefined): string | undefined =>
      recognizeEntities(buildTextModel(TEXT), { dateline }).find((e) => e.mentions[0]!.text === 'Monday')?.resolved;
    assert.equal(resolvedMonday('2023-05-04'), '2023-05-08');
    assert.equal(resolvedMonday('2024-02-01'), '2024-02-05');
    assert.equal(resolvedMonday(undefined), undefined);
    assert.equal(resolvedMonday('2023-05-04T09:30'), '2023-05-08');
  });

  it('groups mentions of the same resolved day into one entity', () => {
    const es = recognizeEntities(buildTextModel(TEXT), { dateline: '2023-05-04' });
    const day = es.filter((e) => e.resolved === '2023-05-04');
    assert.equal(day.length, 1);
    assert.deepEqual(day[0]!.mentions.map((m) => m.text), ['May 4, 2023', 'late Thursday', 'Thursday']);
  });

  it('leaves relative dates unresolved without a dateline', () => {
    const es = recognizeEntities(buildTextModel('Talks broke down late Thursday.'));
    assert.equal(es[0]!.type, 'DATE');
    assert.equal(es[0]!.resolved, undefined);
  });

  it('gives money an entity with no resolution', () => {
    const es = recognizeEntities(buildTextModel(TEXT), { dateline: '2023-05-04' });
    const money = es.find((e) => e.type === 'MONEY')!;
    assert.equal(money.name, '$4.8 billion');
    assert.equal(money.id, '4-8-billion');
    assert.equal(money.resolved, undefined);
  });

  it('keeps every mention text equal to its slice and entities in first-mention order', () => {
    const es = recognizeEntities(buildTextModel(TEXT), { dateline: '2023-05-04' });
    for (const e of es) for (const m of e.mentions) assert.equal(TEXT.slice(m.start, m.end), m.text);
    const firsts = es.map((e) => e.mentions[0]!.start);
    assert.deepEqual(firsts, [...firsts].sort((a, b) => a - b));
    assert.equal(new Set(es.map((e) => e.id)).size, es.length);
  });

  it('lets a recognised MISC holiday be a date', () => {
    const es = entitiesOf('Shops will close for [Easter](MISC) on Sunday.');
    assert.ok(es.some((e) => e.type === 'DATE' && e.name === 'Easter'));
    assert.ok(!es.some((e) => e.type === 'MISC'));
  });

  it('lets a person\'s name win over a date reading', () => {
    const es = entitiesOf('[Theresa May](PERSON) spoke on Tuesday.');
    assert.deepEqual(es.map((e) => `${e.type} ${e.name}`), ['PERSON Theresa May', 'DATE Tuesday']);
  });

  it('lets a date win over a name the recognizer found inside it', () => {
    const es = entitiesOf('SACRAMENTO, Calif., [Sept](ORG). 2, 2025 — The budget passed.');
    assert.ok(!es.some((e) => e.type === 'ORG'));
    assert.equal(es.find((e) => e.type === 'DATE')!.mentions[0]!.text, 'Sept. 2, 2025');
  });

  it('keeps a surname that a date pattern also reads', () => {
    const es = entitiesOf('[Theresa May](PERSON) spoke. Aides close to [May](PERSON) said little.');
    assert.equal(es.find((e) => e.name === 'Theresa May')!.mentions.length, 2);
  });
});

describe('analyze: dateline wiring', () => {
  it('reports the dateline and resolves against it', () => {
    const a = analyze('Bridge Vote\n\nPORTSMOUTH, England, March 14, 2024 — The council voted on Thursday to repair the bridge.');
    assert.equal(a.dateline, '2024-03-14');
    const thursday = a.entities.find((e) => e.mentions.some((m) => m.text === 'Thursday'))!;
    assert.equal(thursday.resolved, '2024-03-14');
    assert.equal(thursday.name, 'Thursday, 14 March 2024', 'the dateline day and "Thursday" are one day, named in full');
    assert.deepEqual(thursday.mentions.map((m) => m.text), ['March 14, 2024', 'Thursday']);
  });

  it('falls back to the reference date when the article has no dateline', () => {
    const a = analyze('The council voted on Thursday to repair the bridge.', { referenceDate: '2024-03-15' });
    assert.equal(a.dateline, '2024-03-15');
    assert.equal(a.entities.find((e) => e.mentions[0]!.text === 'Thursday')!.resolved, '2024-03-14');
  });
});

describe('recognizeEntities: Title Case headline names', () => {
  const nameTexts = (markup: string): string[] =>
    entitiesOf(markup).filter((e) => ['PERSON', 'ORG', 'LOC', 'MISC'].includes(e.type)).flatMap((e) => e.mentions.map((m) => m.text));

  it('keeps a headline name the body writes in another case, among curly quotes', () =>
    assert.deepEqual(nameTexts('[Egypt](LOC) And [Talks](ORG) Stall Over Nile Dam\n\nOfficials in EGYPT called it “a pause”.'), ['Egypt']));

  it('keeps a headline name the body spells with a Kelvin sign or a dotted capital I', () => {
    assert.deepEqual(nameTexts('[Kelvin](PERSON) Wins Physics Prize Again\n\nThe \u212Aelvin scale is named for him.'), ['Kelvin']);
    // "DUBAİ" lowers to "dubai" and a combining dot
    assert.deepEqual(nameTexts('[Dubai](LOC) Opens Another Airport Terminal\n\nFlights to DUBAİ resumed on Monday.'), ['Dubai']);
  });
});

describe('slug', () => {
  it('drops accents and joins words', () => assert.equal(slug('Luiz Inácio Lula da Silva'), 'luiz-inacio-lula-da-silva'));
  it('drops apostrophes', () => assert.equal(slug("People's Liberation Army"), 'peoples-liberation-army'));
  it('keeps non-Latin letters', () => assert.equal(slug('Владимир Путин'), 'владимир-путин'));
  it('joins any run of other characters with one hyphen, none at the ends', () => {
    assert.equal(slug('U.S. Senate -- (Foreign Relations)'), 'u-s-senate-foreign-relations');
    assert.equal(slug("  O'Brien & Sons' "), 'obrien-sons');
    assert.equal(slug("'--'"), 'entity');
  });
  it('never returns an empty id', () => assert.equal(slug('—'), 'entity'));
});

describe('recognizeEntities on arbitrary input (property)', () => {
  // Words that exercise every path: names, titles, dates, money, acronyms, possessives, punctuation, line breaks.
  const WORDS = [
    'Antony', 'Blinken', "Blinken's", 'Mr.', 'Secretary', 'of', 'State', 'the', 'The', 'United', 'Nations', '(UN)', 'UN',
    'said', 'on', 'Thursday', 'May', '4,', '2023', '—', '$2.3', 'billion', '9.2', 'percent', 'in', 'Kyiv,', 'Ukraine',
    'department', 'ministry', '"We', 'are', 'here,"', 'he', 'said.', '\n\n', '3', 'p.m.', 'last', 'month', 'al-Assad',
    'Bashar', ',', '.', 'senior', 'diplomat', 'his', 'counterpart', 'U.S.', 'Østbye', '2000', 'troops', 'km', '40',
  ];

  it('never throws, keeps mentions equal to their slices, disjoint, and ids unique', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 20 }), fc.constantFrom('PERSON', 'ORG', 'LOC', 'MISC') as fc.Arbitrary<'PERSON' | 'ORG' | 'LOC' | 'MISC'>), { maxLength: 12 }),
        (words, spans) => {
          const text = words.join(' ');
          const model = buildTextModel(text);
          const recognizer = {
            tag: () =>
              spans
                .map(([at, len, type]) => ({ start: at % (text.length + 1), end: Math.min(text.length, (at % (text.length + 1)) + len), type, sentence: 0 }))
                .filter((s) => s.end > s.start),
          };
          const es = recognizeEntities(model, { recognizer, dateline: '2023-05-04' });
          const ids = new Set<string>();
          const all: { start: number; end: number }[] = [];
          for (const e of es) {
            assert.ok(!ids.has(e.id), `duplicate id ${e.id}`);
            ids.add(e.id);
            assert.ok(e.mentions.length > 0);
            for (const m of e.mentions) {
              assert.equal(text.slice(m.start, m.end), m.text);
              all.push(m);
            }
          }
          all.sort((a, b) => a.start - b.start);
          for (let i = 1; i < all.length; i++) assert.ok(all[i]!.start >= all[i - 1]!.end, 'mentions overlap');
        },
      ),
      { numRuns: 300 },
    );
  });
});
