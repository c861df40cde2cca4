// Quotes, cues and speakers on short wire-style passages we wrote. The engine runs without the trained name
// model here (speakers must be found from capitalisation alone); one block hands in recognizer-style entities to
// check that speakers carry the entity ids. The PolNeAR accuracy gate lives in test/accuracy/quotes.test.ts.

import { strict as assert } from 'assert';
import fc from 'fast-check';
import { analyze } from '../../src/server/analysis/article';
import { buildTextModel } from '../../src/server/analysis/text';
import { extractQuotes } from '../../src/server/analysis/quotes';
import { firstAtOrAfter, quotationMarkOffsets, scanQuotationMarks } from '../../src/server/analysis/quotes/marks';
import { inOrder, sortInPlace } from '../../src/server/analysis/order';
import { Scratch } from '../../src/server/analysis/scratch';
import { indexMentions } from '../../src/server/analysis/quotes/speakers';
import type { Entity, Quote } from '../../src/server/analysis/types';

const quotesOf = (text: string, format: 'plaintext' | 'markdown' = 'plaintext'): Quote[] => analyze(text, { format }).quotes;

/** The only quote in the text (fails when there is not exactly one). */
function only(text: string): Quote {
  const quotes = quotesOf(text);
  assert.equal(quotes.length, 1, `expected one quote, got ${JSON.stringify(quotes.map((q) => q.text))}`);
  return quotes[0]!;
}

/** The text of every content part of a quote. */
const partsOf = (text: string, q: Quote): string[] => (q.parts ?? [q]).map((p) => text.slice(p.start, p.end));

describe('direct quotes', () => {
  it('finds a quote with the speaker and cue after it', () => {
    const q = only('"We will not be raising taxes on working families," Finance Minister Jane Ortiz said Tuesday.');
    assert.equal(q.kind, 'direct');
    assert.equal(q.text, '"We will not be raising taxes on working families,"');
    assert.equal(q.speaker?.text, 'Finance Minister Jane Ortiz');
    assert.equal(q.speaker?.specificity, 'named');
    assert.equal(q.cue?.text, 'said');
    assert.equal(q.attribution, 'speaker named in the same sentence');
  });

  it('finds an inverted attribution: "…," said X', () => {
    const q = only('"The bridge is safe for traffic," said Tom Reyes, the county engineer.');
    assert.equal(q.speaker?.text, 'Tom Reyes');
    assert.equal(q.cue?.text, 'said');
  });

  it('handles curly quotation marks', () => {
    const q = only('“The water is rising faster than we expected,” Mayor Ellen Brandt told reporters.');
    assert.equal(q.text, '“The water is rising faster than we expected,”');
    assert.equal(q.speaker?.text, 'Mayor Ellen Brandt');
    assert.equal(q.cue?.text, 'told');
  });

  it('keeps a quote interrupted by its attribution as one quote with two parts', () => {
    const text = '"We tried," she said, "and we failed."';
    const q = only(text);
    assert.equal(q.kind, 'direct');
    assert.deepEqual(partsOf(text, q), ['"We tried,"', '"and we failed."']);
    assert.equal(q.speaker?.text, 'she');
  });

  it('keeps single quotes nested inside double quotes in the same quote', () => {
    const text = '"He looked at me and said, \'Get out of here,\' so I left," said Ana Ruiz.';
    const q = only(text);
    assert.equal(q.text, '"He looked at me and said, \'Get out of here,\' so I left,"');
    assert.equal(q.speaker?.text, 'Ana Ruiz');
  });

  it('does not end a quote at an apostrophe', () => {
    const q = only('"We don\'t know what the mayor\'s plan is, and neither does the council," said Ruiz.');
    assert.equal(q.text, '"We don\'t know what the mayor\'s plan is, and neither does the council,"');
  });

  it('does not treat curly apostrophes or plural possessives as quotation marks', () => {
    const q = only('“The voters’ patience isn’t endless,” said Ruiz, who runs the tenants’ association.');
    assert.equal(q.text, '“The voters’ patience isn’t endless,”');
    assert.equal(q.speaker?.text, 'Ruiz');
  });

  it('joins an AP multi-paragraph quote into one quote', () => {
    const text = 'Ortiz said: "We will cut the budget by a tenth and freeze hiring.\n\n"We will also protect every teacher\'s job."';
    const q = only(text);
    assert.equal(q.kind, 'direct');
    assert.equal(q.parts?.length, 2);
    assert.deepEqual(partsOf(text, q), ['"We will cut the budget by a tenth and freeze hiring.', '"We will also protect every teacher\'s job."']);
    assert.equal(q.speaker?.text, 'Ortiz');
  });

  it('joins a second quoted sentence after the attribution to the same quote', () => {
    const text = '"We tried everything," said Ruth Adams. "We called the state twice. Nobody came."';
    const q = only(text);
    assert.equal(q.parts?.length, 2);
    assert.equal(q.speaker?.text, 'Ruth Adams');
  });

  it('attributes a quote introduced by "X said:"', () => {
    const q = only('Ortiz said: "We are out of money and out of time."');
    assert.equal(q.kind, 'direct');
    assert.equal(q.text, '"We are out of money and out of time."');
    assert.equal(q.speaker?.text, 'Ortiz');
    assert.equal(q.cue?.text, 'said');
  });

  it('attributes a quoted paragraph introduced by a colon at the end of the paragraph before', () => {
    const text = 'The council met on Monday to vote on the budget.\n\nOrtiz put it bluntly:\n\n"We are out of money and out of time, and the council knows it."';
    const q = only(text);
    assert.equal(q.text, '"We are out of money and out of time, and the council knows it."');
    assert.equal(q.speaker?.text, 'Ortiz');
    assert.equal(q.cue?.text, ':');
  });

  it('attributes a quote followed by a verb it does not list ("Brenner points out")', () => {
    const q = only('"The county has known about the leak since March and did nothing," Nadia Brenner points out.');
    assert.equal(q.speaker?.text, 'Nadia Brenner');
    assert.equal(q.cue?.text, 'points out');
  });

  it('attributes a question to the speaker named after it, past the sentence break', () => {
    const q = only('"How could they raise our rates again?" Alvarez said of the utility in February.');
    assert.equal(q.text, '"How could they raise our rates again?"');
    assert.equal(q.speaker?.text, 'Alvarez');
  });

  it('attributes a quote ending in a period to "X said." in the next sentence', () => {
    const q = only('"We will reopen the pool before the summer heat arrives." Alvarez said.');
    assert.equal(q.speaker?.text, 'Alvarez');
    assert.equal(q.kind, 'direct');
  });

  it('attributes a quote to a speaker with an unlisted verb before it', () => {
    const q = only('He answered, "I have no idea what the council will decide."');
    assert.equal(q.speaker?.text, 'He');
    assert.equal(q.cue?.text, 'answered');
  });

  it('finds the unlisted-verb form only where the quote follows the comma', () => {
    const q = only('Tom Reyes shrugged, "The bridge will hold."');
    assert.equal(q.speaker?.text, 'Tom Reyes');
    assert.equal(q.cue?.text, 'shrugged');
    // the comma leads into narration, and the quote in the next sentence is not his
    const later = only('Tom Reyes shrugged, and the council moved on. "The bridge will hold," a sign read.');
    assert.equal(later.speaker, null);
  });

  it('attributes a quote signed with a dash', () => {
    const q = only('"Our library needs longer hours, not shorter ones." ― Maria Lopez');
    assert.equal(q.speaker?.text, 'Maria Lopez');
    assert.equal(q.cue?.text, '―');
  });

  it('keeps a long unattributed quote with no speaker (ATTR001 needs it)', () => {
    const q = only('"We will not be raising taxes on working families this year."');
    assert.equal(q.speaker, null);
    assert.equal(q.cue, null);
  });

  it('drops scare quotes of three words or fewer with no speaker', () => {
    assert.deepEqual(quotesOf('The so-called "peace dividend" never arrived, and the budget kept growing.'), []);
  });

  it('drops short titles in quotation marks', () => {
    assert.deepEqual(quotesOf('She starred in "The Long Night" before moving to the stage.'), []);
  });

  it('keeps a quotation inside reported speech as one mixed quote', () => {
    const q = only('Ortiz said the plan was "dead on arrival."');
    assert.equal(q.kind, 'mixed');
    assert.equal(q.text, 'the plan was "dead on arrival."');
    assert.equal(q.speaker?.text, 'Ortiz');
  });

  it('reads NYT-style double apostrophes as quotation marks', () => {
    const q = only("''We will not back down. Not this time,'' Mr. Alvarez said.");
    assert.equal(q.text, "''We will not back down. Not this time,''");
    assert.equal(q.speaker?.text, 'Mr. Alvarez');
  });

  it('reads a quote opened with a closing curly mark at a paragraph start', () => {
    const q = only('”The new tax will hurt every family on this street,” said Lena Okafor.');
    assert.equal(q.speaker?.text, 'Lena Okafor');
  });
});

describe('indirect speech', () => {
  it('finds "X said …"', () => {
    const q = only('The mayor said the plan would cost $2 million over three years.');
    assert.equal(q.kind, 'indirect');
    assert.equal(q.text, 'the plan would cost $2 million over three years');
    assert.equal(q.speaker?.text, 'The mayor');
    assert.equal(q.cue?.text, 'said');
  });

  it('leaves "that" out of the content', () => {
    const q = only('Ortiz said that the budget was balanced for the first time in a decade.');
    assert.equal(q.text, 'the budget was balanced for the first time in a decade');
  });

  it('finds "…, X said."', () => {
    const q = only('The budget is balanced for the first time in a decade, Ortiz said.');
    assert.equal(q.text, 'The budget is balanced for the first time in a decade');
    assert.equal(q.speaker?.text, 'Ortiz');
  });

  it('finds "…, said X."', () => {
    const q = only('The budget is balanced for the first time in a decade, said Jane Ortiz.');
    assert.equal(q.text, 'The budget is balanced for the first time in a decade');
    assert.equal(q.speaker?.text, 'Jane Ortiz');
  });

  it('finds "according to X, …"', () => {
    const q = only('According to the Congressional Budget Office, the program costs $2.3 billion a year.');
    assert.equal(q.text, 'the program costs $2.3 billion a year');
    assert.equal(q.speaker?.text, 'the Congressional Budget Office');
    assert.equal(q.cue?.text, 'According to');
  });

  it('finds "…, according to X."', () => {
    const q = only('The program costs taxpayers $2.3 billion a year, according to the Congressional Budget Office.');
    assert.equal(q.text, 'The program costs taxpayers $2.3 billion a year');
    assert.equal(q.speaker?.text, 'the Congressional Budget Office');
  });

  it('skips the listener after "told"', () => {
    const q = only('Two senior officials told Reuters the talks had stalled over border crossings.');
    assert.equal(q.text, 'the talks had stalled over border crossings');
    assert.equal(q.speaker?.text, 'Two senior officials');
    assert.equal(q.speaker?.specificity, 'described');
  });

  it('skips "told reporters that"', () => {
    const q = only('Ortiz told reporters that the vote would be held on Friday.');
    assert.equal(q.text, 'the vote would be held on Friday');
  });

  it('skips a setting after the listener: "told reporters outside the hall that …"', () => {
    const q = only('Councillor Dana Reyes told reporters outside the hall that the budget would pass next week.');
    assert.equal(q.text, 'the budget would pass next week');
    assert.equal(q.speaker?.text, 'Councillor Dana Reyes');
  });

  it('finds no quote when "told" has a listener and a setting but no content', () => {
    assert.deepEqual(quotesOf('Reyes told reporters outside the hall.'), []);
    assert.deepEqual(quotesOf('The mayor told supporters near the stage.'), []);
  });

  it('keeps the setting out of the content: "said in a statement that …"', () => {
    const q = only('The company said in a statement that it would appeal the ruling.');
    assert.equal(q.text, 'it would appeal the ruling');
    assert.equal(q.speaker?.text, 'The company');
  });

  it('finds the speaker before an aside: "X, who …, said"', () => {
    const q = only('Ortiz, who chairs the finance committee, said the vote would happen Friday.');
    assert.equal(q.speaker?.text, 'Ortiz');
    assert.equal(q.text, 'the vote would happen Friday');
  });

  it('skips an age between the name and the aside', () => {
    const q = only('Harold Pike, 61, who farms outside Lincoln, says he will vote for the levy.');
    assert.equal(q.speaker?.text, 'Harold Pike');
  });

  it('keeps a parenthetical party label with the speaker', () => {
    const q = only('Sen. Maria Cole (D-Ore.) said the bill would not pass this year.');
    assert.equal(q.speaker?.text, 'Sen. Maria Cole (D-Ore.)');
    assert.equal(q.text, 'the bill would not pass this year');
  });

  it('gives a participle cue the speaker of the main clause', () => {
    const q = only('Ortiz defended the budget on Monday, saying it protected schools and clinics.');
    assert.equal(q.cue?.text, 'saying');
    assert.equal(q.speaker?.text, 'Ortiz');
    assert.equal(q.text, 'it protected schools and clinics');
  });

  it('gives a coordinated cue the subject of the sentence', () => {
    const q = only('Ortiz thanked the council and said the vote was a turning point for the city.');
    assert.equal(q.speaker?.text, 'Ortiz');
    assert.equal(q.text, 'the vote was a turning point for the city');
  });

  it('continues the content after an interrupting attribution', () => {
    const text = 'The audit found only routine spending, the newspaper said, including travel and office supplies.';
    const q = only(text);
    assert.deepEqual(partsOf(text, q), ['The audit found only routine spending', 'including travel and office supplies']);
  });

  it('does not take a passive "was told" as speech by the subject', () => {
    assert.deepEqual(quotesOf('Ortiz was told the plan had failed.'), []);
  });

  it('does not take nouns for cues', () => {
    assert.deepEqual(quotesOf('His claims about the budget were false.'), []);
    assert.deepEqual(quotesOf('The report was published on Monday.'), []);
  });

  it('does not take "United States" for a cue', () => {
    assert.deepEqual(quotesOf('The United States will send more aid to the region next year.'), []);
  });

  it('does not take "continued to" for speech', () => {
    assert.deepEqual(quotesOf('Prices continued to rise through the spring.'), []);
  });

  it('does not take a named thing ("a group called …") for speech', () => {
    assert.deepEqual(quotesOf('She joined a group called Parents for Safe Streets.'), []);
  });

  it('finds two attributions in one sentence joined by "and"', () => {
    const quotes = quotesOf('Ortiz said the budget was balanced, and Reyes said it was not.');
    assert.deepEqual(quotes.map((q) => [q.speaker?.text, q.text]), [['Ortiz', 'the budget was balanced'], ['Reyes', 'it was not']]);
  });

  it('takes a number of poll respondents as the speaker', () => {
    const q = only('Most parents backed the new schedule, but majorities in all four districts say they want later start times.');
    assert.equal(q.speaker?.text, 'majorities in all four districts');
    assert.equal(q.text, 'they want later start times');
  });

  it('gives a participle the common-noun subject of the sentence', () => {
    const q = only('A Riverside campaign official later walked back the remarks, saying the mayor had misspoken.');
    assert.equal(q.speaker?.text, 'A Riverside campaign official');
    assert.equal(q.speaker?.specificity, 'described');
  });

  it('does not take a show title in quotation marks for the content', () => {
    const q = only('On the station\'s "Morning Roundtable," Councilwoman Rita Vance said the budget was broken.');
    assert.equal(q.speaker?.text, 'Councilwoman Rita Vance');
    assert.equal(q.text, 'the budget was broken');
  });

  it('reads a headline-style colon attribution', () => {
    const q = only('Okafor: Council Will Delay the Transit Vote');
    assert.equal(q.speaker?.text, 'Okafor');
    assert.equal(q.cue?.text, ':');
  });
});

describe('speakers', () => {
  it('marks bare vague sources as vague', () => {
    assert.equal(only('Critics say the plan will push rents higher.').speaker?.specificity, 'vague');
    assert.equal(only('Officials said the road would reopen on Monday.').speaker?.specificity, 'vague');
    assert.equal(only('A source said the deal was close.').speaker?.specificity, 'vague');
  });

  it('marks roles with an affiliation as described', () => {
    assert.equal(only('Two senior White House officials said the announcement would come next week.').speaker?.specificity, 'described');
    const q = only('A person familiar with the negotiations said the deal was close.');
    assert.equal(q.speaker?.text, 'A person familiar with the negotiations');
    assert.equal(q.speaker?.specificity, 'described');
  });

  it('marks institutions as named', () => {
    const q = only('Police said the suspect fled on foot toward the river.');
    assert.equal(q.speaker?.text, 'Police');
    assert.equal(q.speaker?.specificity, 'named');
  });

  it('keeps "a spokesman for X" whole and described', () => {
    const q = only('A spokesman for the campaign said the event would go ahead.');
    assert.equal(q.speaker?.text, 'A spokesman for the campaign');
    assert.equal(q.speaker?.specificity, 'described');
  });

  it('resolves a pronoun to the nearest name without the recognizer', () => {
    const q = only('Jane Ortiz spoke to reporters in New York City on Tuesday.\n\n"We are not raising taxes this year," she said.');
    assert.equal(q.speaker?.text, 'she');
    assert.equal(q.speaker?.entityName, 'Jane Ortiz');
    assert.equal(q.speaker?.specificity, 'named');
  });

  it('resolves a pronoun to the last named speaker', () => {
    const quotes = quotesOf('"We are ready," said Police Chief Dana Whitfield.\n\nThe crowd dispersed by midnight.\n\n"Nobody was hurt tonight," she said.');
    assert.equal(quotes.length, 2);
    assert.equal(quotes[1]!.speaker?.entityName, 'Police Chief Dana Whitfield');
  });

  it('gives a floating quote the speaker of the paragraph before', () => {
    const text = '"We are ready for tonight," said Police Chief Dana Whitfield.\n\n"Every officer in the city will be on the street."';
    const quotes = quotesOf(text);
    assert.equal(quotes.length, 2);
    assert.equal(quotes[1]!.speaker?.text, 'Police Chief Dana Whitfield');
    assert.equal(quotes[1]!.attribution, 'speaker from the previous paragraph');
    assert.equal(quotes[1]!.cue, null);
  });

  it('does not float a quote over a paragraph of narration', () => {
    const text = '"We are ready for tonight," said Police Chief Dana Whitfield.\n\nThe parade starts at noon on Main Street and ends at the river.\n\n"Every officer in the city will be on the street."';
    const quotes = quotesOf(text);
    assert.equal(quotes.length, 2);
    assert.equal(quotes[1]!.speaker, null);
  });

  it('resolves "who said" to the name before it', () => {
    const quotes = quotesOf('The rally was led by Carla Mendes, who said the strike would continue.');
    assert.equal(quotes.length, 1);
    assert.equal(quotes[0]!.speaker?.text, 'who');
    assert.equal(quotes[0]!.speaker?.entityName, 'Carla Mendes');
  });
});

describe('speakers with recognizer entities', () => {
  const text = 'Finance Minister Jane Ortiz presented the budget on Tuesday.\n\n"We will not be raising taxes," she said.\n\nOrtiz said the deficit would shrink.';
  const ortiz: Entity = {
    id: 'jane-ortiz', type: 'PERSON', name: 'Jane Ortiz', descriptors: ['Finance Minister'],
    mentions: [
      { start: text.indexOf('Jane Ortiz'), end: text.indexOf('Jane Ortiz') + 10, text: 'Jane Ortiz' },
      { start: text.lastIndexOf('Ortiz'), end: text.lastIndexOf('Ortiz') + 5, text: 'Ortiz' },
    ],
  };
  const quotes = extractQuotes(buildTextModel(text), [ortiz]);

  it('resolves a pronoun speaker to the person entity', () => {
    assert.equal(quotes[0]!.speaker?.text, 'she');
    assert.equal(quotes[0]!.speaker?.entity, 'jane-ortiz');
    assert.equal(quotes[0]!.speaker?.entityName, 'Jane Ortiz');
  });

  it('links a surname speaker to its entity', () => {
    assert.equal(quotes[1]!.speaker?.entity, 'jane-ortiz');
    assert.equal(quotes[1]!.kind, 'indirect');
  });
});

describe('document structure', () => {
  it('numbers quotes in document order', () => {
    const quotes = quotesOf('Ortiz said the budget was balanced.\n\n"It is not," said Reyes, shaking his head.\n\nCritics say the figures are wrong.');
    assert.deepEqual(quotes.map((q) => q.id), ['q1', 'q2', 'q3']);
    assert.ok(quotes.every((q, i) => i === 0 || q.start > quotes[i - 1]!.start));
  });

  it('finds quotes in Markdown with emphasis', () => {
    const text = '# Budget vote\n\n"We will **not** raise taxes this year," *Ortiz* said.\n';
    const quotes = quotesOf(text, 'markdown');
    assert.equal(quotes.length, 1);
    assert.equal(quotes[0]!.speaker?.text, 'Ortiz');
  });

  it('ignores bylines and datelines', () => {
    const quotes = quotesOf('By Jane Ortiz\n\nPublished March 3, 2024\n\nThe mayor said the bridge would reopen in May.');
    assert.equal(quotes.length, 1);
    assert.equal(quotes[0]!.speaker?.text, 'The mayor');
  });

  it('stays correct on a document of 10,000 unbalanced quotation marks', function () {
    // the whole engine runs on 40,000 words here; the point is that it finishes, not how fast
    this.timeout(60_000);
    const text = 'He said "no and '.repeat(10_000);
    const quotes = quotesOf(text);
    for (const q of quotes.slice(0, 50)) assert.equal(q.text, text.slice(q.start, q.end));
  });

  it('keeps every offset consistent on arbitrary text', function () {
    this.timeout(30_000);
    const pieces = ['"', '“', '”', "'", '‘', '’', 'said', 'says', 'told', 'Ortiz', 'the mayor', 'according to', ',', '.', ':', ' ', '\n\n', 'we', 'he', 'She', 'that', '(', ')', '—', 'X'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 80 }), (words) => {
        const text = words.join(' ');
        for (const q of quotesOf(text)) {
          assert.equal(q.text, text.slice(q.start, q.end));
          for (const part of q.parts ?? []) assert.ok(part.start >= q.start && part.end <= q.end && part.start < part.end);
          if (q.speaker) assert.equal(q.speaker.text, text.slice(q.speaker.start, q.speaker.end));
          if (q.cue) assert.equal(q.cue.text, text.slice(q.cue.start, q.cue.end));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('quotes: quotation mark offsets', () => {
  it('lists every quotation mark and apostrophe once per document, in order', () => {
    const model = buildTextModel('"Yes," she said. “No” — ‘maybe’ it’s «oui», „ja“ or ``so\'\'.');
    const offsets = quotationMarkOffsets(model);
    const expected = [...model.prose].flatMap((c, i) => ('"\'`“”„«»‘’'.includes(c) ? [i] : []));
    assert.deepEqual([...offsets], expected);
    assert.equal(quotationMarkOffsets(model), offsets);
    assert.equal(firstAtOrAfter(offsets, 1), 1);
    assert.equal(firstAtOrAfter(offsets, 6), 2);
    assert.equal(firstAtOrAfter(offsets, model.prose.length), offsets.length);
  });

  it('gives quote parts in document order that never overlap (the extractor finds the tokens inside each from its first)', () => {
    const piece = fc.constantFrom('"', '“', '”', '‘', '’', "'", "''", '``', '«', '»', 'she said', 'it’s', 'no', ',', '.', ' ', '\n\n', '(', '—');
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const model = buildTextModel(pieces.join(''));
      const parts = scanQuotationMarks(model, model.paragraphs).flatMap((m) => m.parts);
      for (let k = 1; k < parts.length; k++) assert.ok(parts[k - 1]!.end <= parts[k]!.start, JSON.stringify(pieces));
    }), { numRuns: 3000 });
  });
});

describe('quotes: sorting only what is out of order', () => {
  const byKey = (a: { key: number }, b: { key: number }): number => a.key - b.key;

  it('tells lists in order (ties included) from lists out of order', () => {
    assert.ok(inOrder([], byKey));
    assert.ok(inOrder([{ key: 3 }], byKey));
    assert.ok(inOrder([{ key: 1 }, { key: 1 }, { key: 2 }], byKey));
    assert.ok(!inOrder([{ key: 1 }, { key: 3 }, { key: 2 }], byKey));
  });

  it('leaves a list in order as it is, and sorts any list as the stable builtin does', () => {
    const ordered = [{ key: 1, id: 'a' }, { key: 1, id: 'b' }, { key: 2, id: 'c' }];
    const before = [...ordered];
    assert.equal(sortInPlace(ordered, byKey), ordered);
    assert.deepEqual(ordered, before);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 12 }), (keys) => {
      const items = keys.map((key, id) => ({ key, id }));
      const expected = [...items].sort(byKey);
      assert.deepEqual(sortInPlace(items, byKey), expected);
      assert.deepEqual(items, expected);
    }), { numRuns: 500 });
  });
});

describe('quotes: scratch arrays and the mention index', () => {
  it('hands out views of the length asked for, over one kept buffer, and fresh arrays beyond what it keeps', () => {
    const scratch = new Scratch((n) => new Int32Array(n));
    const a = scratch.view(5);
    a.fill(7);
    const b = scratch.view(3);
    assert.equal(b.length, 3);
    assert.equal(b.buffer, a.buffer);
    assert.deepEqual(Array.from(b), [7, 7, 7]);
    assert.equal(b[3], undefined);
    assert.notEqual(scratch.view(50).buffer, a.buffer);
    const huge = scratch.view(1 << 17);
    assert.equal(huge.length, 1 << 17);
    assert.notEqual(scratch.view(1 << 17).buffer, huge.buffer);
  });

  it('lists mentions by start as the stable sort does, whatever the order of entities', () => {
    const entity = (id: string, starts: number[]): Entity => ({ id, type: 'PERSON', name: id, descriptors: [], mentions: starts.map((start) => ({ start, end: start + 2, text: id })) });
    fc.assert(fc.property(fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 5 }), { maxLength: 6 }), (lists) => {
      const entities = lists.map((starts, i) => entity(`e${i}`, [...starts].sort((x, y) => x - y)));
      const expected = entities.flatMap((e) => e.mentions.map((m) => ({ start: m.start, end: m.end, entity: e }))).sort((x, y) => x.start - y.start);
      const index = indexMentions(entities);
      assert.deepEqual(index.items, expected);
      assert.deepEqual(index.starts, expected.map((m) => m.start));
    }), { numRuns: 500 });
  });
});
