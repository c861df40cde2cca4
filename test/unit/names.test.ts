// Name consistency (analysis/names.ts): misspellings of one name versus different people, on names as wire
// copy spells them.

import * as assert from 'assert';
import { editDistance, findMisspellings, firstReferenceProblems, nameKey, nameParts, originalPart, partSpan, spellingDifference } from '../../src/server/analysis/names';
import { analyzeText } from '../../src/server/engine';

describe('names: spelling variants of one name', () => {
  it('folds case, diacritics, possessives and titles into a comparable key', () => {
    assert.strictEqual(nameKey('MAREN  OSTBY'), 'maren ostby');
    assert.deepStrictEqual(nameParts('José Álvarez'), ['jose', 'alvarez']);
    assert.deepStrictEqual(nameParts("Dr. Maren Ostby's"), ['maren', 'ostby']);
    assert.deepStrictEqual(nameParts('President Joe Biden'), ['joe', 'biden']);
    assert.strictEqual(nameKey('Mr. Blinken'), 'blinken');
  });

  it('counts edits, a transposition as one', () => {
    assert.strictEqual(editDistance('ostbye', 'ostby'), 1);
    assert.strictEqual(editDistance('anthony', 'antony'), 1);
    assert.strictEqual(editDistance('nilsen', 'nislen'), 1);
    assert.strictEqual(editDistance('maren', 'lars', 2), 3, 'stops early above the limit');
  });

  it('finds the one differing part of a misspelled name', () => {
    assert.deepStrictEqual(spellingDifference('Maren Ostbye', 'Maren Ostby'), { part: 1, from: 'ostbye', to: 'ostby', distance: 1 });
    assert.deepStrictEqual(spellingDifference('Anthony Blinken', 'Antony Blinken'), { part: 0, from: 'anthony', to: 'antony', distance: 1 });
    assert.ok(spellingDifference('Volodymyr Zelenskyy', 'Volodymyr Zelensky'));
    assert.deepStrictEqual(spellingDifference('Mohammed bin Salman', 'Muhammad bin Salman')?.distance, 2, 'two edits from 8 letters');
    assert.strictEqual(spellingDifference('Katrina Berg', 'Catrine Berg'), undefined, 'two edits on a 7-letter part is too far');
  });

  it('does not take different people who share a surname, or a short first name, for a misspelling', () => {
    assert.strictEqual(spellingDifference('Lars Ostby', 'Maren Ostby'), undefined);
    assert.strictEqual(spellingDifference('John Smith', 'Joan Smith'), undefined, 'four letters: no edit allowed');
    assert.strictEqual(spellingDifference('Maren Ostby', 'Maren Ostby'), undefined, 'the same name');
    assert.strictEqual(spellingDifference('Ostbye', 'Ostby'), undefined, 'a surname alone is too little');
    assert.strictEqual(spellingDifference('Maren K. Ostby', 'Maren Ostby'), undefined, 'another number of parts');
    assert.strictEqual(spellingDifference('J. Ostby', 'M. Ostby'), undefined, 'initials');
    assert.strictEqual(spellingDifference('Antonia Rossi', 'Antonio Rossi'), undefined, 'feminine and masculine forms of a first name');
    assert.strictEqual(spellingDifference('Daniela Weber', 'Daniel Weber'), undefined, 'feminine and masculine forms of a first name');
    assert.strictEqual(spellingDifference('Marin Ostbye', 'Maren Ostby'), undefined, 'two parts differ');
  });

  it('calls the less frequent spelling the misspelling, and the glossary always established', () => {
    const found = findMisspellings([
      { name: 'Maren Ostby', count: 9 },
      { name: 'Maren Ostbye', count: 1 },
      { name: 'Lars Ostby', count: 2 },
    ]);
    assert.deepStrictEqual(found.map((m) => [m.name, m.established]), [['Maren Ostbye', 'Maren Ostby']]);
    // As often as each other: nobody can say which is right.
    assert.deepStrictEqual(findMisspellings([{ name: 'Maren Ostby', count: 2 }, { name: 'Maren Ostbye', count: 2 }]), []);
    // The glossary's spelling wins even when the variant is more frequent.
    const g = findMisspellings([{ name: 'Anthony Blinken', count: 5 }, { name: 'Antony Blinken', count: 0, authoritative: true }]);
    assert.deepStrictEqual(g.map((m) => [m.name, m.established]), [['Anthony Blinken', 'Antony Blinken']]);
  });

  it('locates the misspelled word in a mention and the established word to put there', () => {
    assert.deepStrictEqual(partSpan("Maren Ostbye's", 'ostbye'), { start: 6, end: 12 });
    assert.deepStrictEqual(partSpan('Fisheries Minister Maren Ostbye', 'ostbye'), { start: 25, end: 31 });
    assert.strictEqual(partSpan('Maren Ostby', 'ostbye'), undefined);
    assert.strictEqual(originalPart('Maren Ostby', 1), 'Ostby');
    assert.strictEqual(originalPart('Dr. Antony Blinken', 0), 'Antony');
  });
});

describe('names: first reference by surname only', () => {
  const analyse = (text: string, people: { name: string; words: string[] }[]) => {
    const entities = people.map((p) => {
      const mentions: { start: number; end: number; text: string }[] = [];
      let from = 0;
      for (const w of p.words) {
        const start = text.indexOf(w, from);
        mentions.push({ start, end: start + w.length, text: w });
        from = start + w.length;
      }
      return { type: 'PERSON', name: p.name, mentions };
    });
    const headlineEnd = text.indexOf('\n');
    return firstReferenceProblems({ entities, paragraphs: [{ start: 0, end: headlineEnd, role: 'headline' }, { start: headlineEnd + 1, end: text.length, role: 'body' }] });
  };

  it('flags a surname before the full name in the body', () => {
    const text = 'Quota deal near\nOstby said the talks would resume. Fisheries Minister Maren Ostby leads them.';
    const found = analyse(text, [{ name: 'Maren Ostby', words: ['Ostby', 'Maren Ostby'] }]);
    assert.deepStrictEqual(found.map((f) => [f.text, f.name, text.slice(f.start, f.end)]), [['Ostby', 'Maren Ostby', 'Ostby']]);
  });

  it('flags the surname even when the tagger made another entity of it', () => {
    const text = 'Cod deal signed\nOstby signed the deal. Fisheries Minister Maren Ostby called it fair.';
    const found = firstReferenceProblems({
      entities: [
        { type: 'LOC', name: 'Ostby', mentions: [{ start: 16, end: 21, text: 'Ostby' }] },
        { type: 'PERSON', name: 'Maren Ostby', mentions: [{ start: text.indexOf('Maren'), end: text.indexOf('Maren') + 11, text: 'Maren Ostby' }] },
      ],
      paragraphs: [{ start: 0, end: 15, role: 'headline' }, { start: 16, end: text.length, role: 'body' }],
    });
    assert.deepStrictEqual(found.map((f) => [text.slice(f.start, f.end), f.name]), [['Ostby', 'Maren Ostby']]);
  });

  it('flags the given name alone before the full name only among the person’s own mentions', () => {
    const text = 'Cod deal signed\nMaren signed the deal. Fisheries Minister Maren Ostby called it fair.';
    const full = text.indexOf('Maren Ostby');
    const fullMention = { start: full, end: full + 11, text: 'Maren Ostby' };
    const given = { start: 16, end: 21, text: 'Maren' };
    const paragraphs = [{ start: 0, end: 15, role: 'headline' }, { start: 16, end: text.length, role: 'body' }];
    const hers = firstReferenceProblems({ entities: [{ type: 'PERSON', name: 'Maren Ostby', mentions: [given, fullMention] }], paragraphs });
    assert.deepStrictEqual(hers.map((f) => [text.slice(f.start, f.end), f.name]), [['Maren', 'Maren Ostby']]);
    const another = firstReferenceProblems({
      entities: [
        { type: 'LOC', name: 'Maren', mentions: [given] },
        { type: 'PERSON', name: 'Maren Ostby', mentions: [fullMention] },
      ],
      paragraphs,
    });
    assert.deepStrictEqual(another, []);
  });

  it('leaves headlines, full first references and never-named-in-full people alone', () => {
    const text = 'Ostby vows a deal\nMaren Ostby said the talks would resume. Ostby leads them. Nilsen agreed.';
    assert.deepStrictEqual(analyse(text, [{ name: 'Maren Ostby', words: ['Ostby', 'Maren Ostby', 'Ostby'] }, { name: 'Nilsen', words: ['Nilsen'] }]), []);
  });
});

describe('names: NAME002 among the engine’s findings', () => {
  const story = [
    '# Cod quota agreed',
    '',
    'Ostby signed the cod agreement in Brussels on Wednesday after two days of talks.',
    '',
    'Fisheries Minister Maren Ostby called it "a fair result for the coast" and said the fleet would be told on Friday.',
    '',
  ].join('\n');

  it('reports a surname-only first reference as a hint with the full name as the fix', () => {
    const a = analyzeText(story, { format: 'markdown' });
    const found = a.diagnostics.filter((d) => d.code === 'NAME002');
    assert.deepStrictEqual(found.map((d) => [story.slice(d.start, d.end), d.severity]), [['Ostby', 'hint']]);
    assert.match(found[0]!.message, /Maren Ostby/);
    assert.deepStrictEqual(found[0]!.data?.['edit'], { start: found[0]!.start, end: found[0]!.end, newText: 'Maren Ostby' });
    const starts = a.diagnostics.map((d) => d.start);
    assert.deepStrictEqual(starts, [...starts].sort((x, y) => x - y), 'in document order with the other findings');
  });

  it('is silenced by a Markdown ignore comment naming it or naming no code, not by one naming another code', () => {
    const at = story.indexOf('Ostby signed');
    const withComment = (comment: string): string => story.slice(0, at) + comment + '\n\n' + story.slice(at);
    const name002 = (text: string): number => analyzeText(text, { format: 'markdown' }).diagnostics.filter((d) => d.code === 'NAME002').length;
    assert.strictEqual(name002(withComment('<!-- byline-ignore NAME002 -->')), 0);
    assert.strictEqual(name002(withComment('<!-- byline-ignore -->')), 0);
    assert.strictEqual(name002(withComment('<!-- byline-ignore ATTR004 -->')), 1);
    assert.strictEqual(name002(withComment('<!-- byline-disable NAME002 ATTR002 -->')), 0);
  });
});
