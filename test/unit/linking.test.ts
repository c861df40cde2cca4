// Entity linking with a fake name recognizer: the names are marked in the fixture text as
// "[Antony Blinken](PERSON)", so these tests exercise linking, consistency and descriptors, not the tagger.

import { strict as assert } from 'assert';
import { buildTextModel } from '../../src/server/analysis/text';
import { recognizeEntities, type NameMention, type NameRecognizer } from '../../src/server/analysis/entities';
import { nameKey } from '../../src/server/analysis/entities/linking';
import { appositiveAfter } from '../../src/server/analysis/entities/descriptors';
import fc from 'fast-check';
import type { Entity } from '../../src/server/analysis/types';
import type { Glossary } from '../../src/server/analysis/glossary';

const MARK = /\[([^\]]+)\]\((PERSON|ORG|LOC|MISC)\)/g;

/** Strips "[name](TYPE)" marks; the fake recognizer returns exactly the marked spans. */
export function marked(markup: string): { text: string; recognizer: NameRecognizer } {
  const spans: { start: number; end: number; type: NameMention['type'] }[] = [];
  let text = '';
  let last = 0;
  let m: RegExpExecArray | null;
  MARK.lastIndex = 0;
  while ((m = MARK.exec(markup))) {
    text += markup.slice(last, m.index);
    spans.push({ start: text.length, end: text.length + m[1]!.length, type: m[2] as NameMention['type'] });
    text += m[1];
    last = m.index + m[0].length;
  }
  text += markup.slice(last);
  const recognizer: NameRecognizer = {
    tag: (model) =>
      spans.map((s) => {
        const sentence = model.sentences.findIndex((x) => x.start <= s.start && s.start < x.end);
        return { ...s, sentence: Math.max(0, sentence) };
      }),
  };
  return { text, recognizer };
}

export function entitiesOf(markup: string, glossary?: Glossary, dateline?: string): Entity[] {
  const { text, recognizer } = marked(markup);
  return recognizeEntities(buildTextModel(text), { recognizer, glossary, dateline });
}

const names = (es: Entity[]): Entity[] => es.filter((e) => ['PERSON', 'ORG', 'LOC', 'MISC'].includes(e.type));
const byName = (es: Entity[], name: string): Entity => {
  const e = es.find((x) => x.name === name);
  assert.ok(e, `no entity "${name}" among ${es.map((x) => `${x.name} (${x.type})`).join(', ')}`);
  return e;
};
const texts = (e: Entity): string[] => e.mentions.map((m) => m.text);

describe('linking: people', () => {
  it('joins surname and titled forms to the full name', () => {
    const es = entitiesOf(
      'KYIV, Ukraine — Secretary of State [Antony Blinken](PERSON) arrived on Thursday. [Blinken](PERSON) met officials.\n\n' +
        '"We are here to stay," Mr. [Blinken](PERSON) said. Secretary [Blinken](PERSON) later left for Warsaw.',
    );
    const p = byName(es, 'Antony Blinken');
    assert.equal(p.id, 'antony-blinken');
    assert.equal(p.type, 'PERSON');
    assert.deepEqual(texts(p), ['Antony Blinken', 'Blinken', 'Blinken', 'Blinken']);
    assert.deepEqual(p.aliases, ['Blinken']);
    assert.equal(names(es).filter((e) => e.type === 'PERSON').length, 1);
  });

  it('links a headline surname that comes before the full name', () => {
    const es = entitiesOf('[Blinken](PERSON) Heads to Kyiv\n\nSecretary of State [Antony Blinken](PERSON) arrived in the Ukrainian capital on Thursday.');
    const p = byName(es, 'Antony Blinken');
    assert.deepEqual(texts(p), ['Blinken', 'Antony Blinken']);
  });

  it('joins "al-Assad" and "Assad" to "Bashar al-Assad"', () => {
    const es = entitiesOf('President [Bashar al-Assad](PERSON) spoke on state television. [al-Assad](PERSON) said the war was over. Critics of [Assad](PERSON) disagreed.');
    const p = byName(es, 'Bashar al-Assad');
    assert.equal(p.mentions.length, 3);
    assert.equal(p.id, 'bashar-al-assad');
  });

  it('drops a bare title tagged as a person', () => {
    const es = entitiesOf('The [President](PERSON) spoke to [Helen Marsh](PERSON).');
    assert.deepEqual(names(es).map((e) => e.name), ['Helen Marsh']);
  });

  it('strips titles the recognizer included in its span from the name', () => {
    const es = entitiesOf('[Secretary Blinken](PERSON) arrived. Later [Antony Blinken](PERSON) spoke.');
    const p = byName(es, 'Antony Blinken');
    assert.equal(p.mentions.length, 2);
    assert.ok(p.descriptors.includes('Secretary'), p.descriptors.join('|'));
  });

  it('sends an ambiguous surname to the person named most recently before it', () => {
    const es = entitiesOf('[John Smith](PERSON) leads the union. His sister [Jane Smith](PERSON) runs the firm. [Smith](PERSON) said profits rose.');
    assert.equal(byName(es, 'Jane Smith').mentions.length, 2);
    assert.equal(byName(es, 'John Smith').mentions.length, 1);
  });

  it('keeps two people with different surnames apart', () => {
    const es = entitiesOf('[Helen Marsh](PERSON) and [Raj Patel](PERSON) disagreed. [Marsh](PERSON) said the vote was fair; [Patel](PERSON) did not.');
    assert.deepEqual(texts(byName(es, 'Helen Marsh')), ['Helen Marsh', 'Marsh']);
    assert.deepEqual(texts(byName(es, 'Raj Patel')), ['Raj Patel', 'Patel']);
  });

  it('joins a shorter multi-word form ("Lula da Silva") to the fullest name', () => {
    const es = entitiesOf('[Luiz Inácio Lula da Silva](PERSON) won the vote. [Lula da Silva](PERSON) thanked supporters, and [Lula](PERSON) later spoke in São Paulo.');
    const p = byName(es, 'Luiz Inácio Lula da Silva');
    assert.equal(p.mentions.length, 3);
    assert.equal(p.id, 'luiz-inacio-lula-da-silva');
  });

  it('trims a possessive the recognizer left on the span', () => {
    const es = entitiesOf("[Sameh Shoukry](PERSON) spoke first. [Shoukry's](PERSON) statement followed.");
    const p = byName(es, 'Sameh Shoukry');
    assert.deepEqual(texts(p), ['Sameh Shoukry', 'Shoukry']);
  });

  it('does not merge a place with a person who shares a word of its name', () => {
    const es = entitiesOf('A statue of [George Washington](PERSON) stands in [Washington](LOC), where lawmakers met.');
    assert.equal(byName(es, 'George Washington').mentions.length, 1);
    assert.equal(byName(es, 'Washington').type, 'LOC');
  });

  it('takes a surname the recognizer typed ORG into the person', () => {
    const es = entitiesOf('[Demeke Mekonnen](PERSON) spoke. [Mekonnen](ORG) said the offer stood.');
    const p = byName(es, 'Demeke Mekonnen');
    assert.equal(p.mentions.length, 2);
    assert.equal(p.type, 'PERSON');
  });

  it('prefers the capitalised form to a stray lower-case one', () => {
    const es = entitiesOf('Trade with [china](LOC) fell, while [China](LOC) said exports rose.');
    assert.equal(names(es).filter((e) => e.type === 'LOC').map((e) => e.name).join(), 'China');
  });

  it('prefers a normal-case name to the all-caps headline form', () => {
    const es = entitiesOf('[HELEN MARSH](PERSON) WINS VOTE\n\nCouncil leader [Helen Marsh](PERSON) won the vote on Tuesday.');
    const p = byName(es, 'Helen Marsh');
    assert.equal(p.mentions.length, 2);
  });
});

describe('linking: organisations and places', () => {
  it('joins an acronym given in parentheses to its expansion', () => {
    const es = entitiesOf('Diplomats at [the United Nations](ORG) ([UN](ORG)) met on Friday. The [UN](ORG) later issued a statement.');
    const o = byName(es, 'United Nations');
    assert.deepEqual(texts(o), ['United Nations', 'UN', 'UN']);
    assert.deepEqual(o.aliases, ['UN']);
    assert.equal(o.id, 'united-nations');
  });

  it('adds the acronym in parentheses when the recognizer missed it', () => {
    const es = entitiesOf('The [World Health Organization](ORG) (WHO) said cases were rising.');
    assert.deepEqual(texts(byName(es, 'World Health Organization')), ['World Health Organization', 'WHO']);
  });

  it('joins an acronym to the one name whose initials it spells', () => {
    const es = entitiesOf('The [African Union](ORG) has mediated the talks. An [AU](ORG) envoy will visit Cairo.');
    assert.deepEqual(texts(byName(es, 'African Union')), ['African Union', 'AU']);
  });

  it('reads initials without small words, and hyphenated parts as words', () => {
    const es = entitiesOf('The [Organisation of Tin Exporting Countries](ORG) met in Vienna. [OTEC](ORG) ministers agreed. The [Trans-Pacific Rail Board](ORG) objected; [TPRB](ORG) said so twice.');
    assert.deepEqual(texts(byName(es, 'Organisation of Tin Exporting Countries')), ['Organisation of Tin Exporting Countries', 'OTEC']);
    assert.deepEqual(texts(byName(es, 'Trans-Pacific Rail Board')), ['Trans-Pacific Rail Board', 'TPRB']);
  });

  it('leaves an acronym alone when two names spell it', () => {
    const es = entitiesOf('The [African Union](ORG) and the [Arab Unity](ORG) forum met. An [AU](ORG) envoy spoke.');
    assert.deepEqual(texts(byName(es, 'AU')), ['AU']);
  });

  it('joins a shorter form to the nearest earlier name ending in the same word', () => {
    const es = entitiesOf('[Maria Lopez Ortiz](PERSON) spoke first. [Daniel Ortiz](PERSON) replied. Later [Maria Ortiz](PERSON) left.');
    assert.deepEqual(texts(byName(es, 'Maria Lopez Ortiz')), ['Maria Lopez Ortiz', 'Maria Ortiz']);
    assert.deepEqual(texts(byName(es, 'Daniel Ortiz')), ['Daniel Ortiz']);
  });

  it('names an entity by its fullest normal-case form, whichever comes first', () => {
    const es = entitiesOf('[KESTREL HOLDINGS](ORG) DENIES CLAIM\n\n[Kestrel Holdings](ORG) said on Monday that [Kestrel Holdings](ORG) would appeal.');
    assert.equal(names(es).filter((e) => e.type === 'ORG').length, 1);
    assert.equal(names(es).find((e) => e.type === 'ORG')!.name, 'Kestrel Holdings');
  });

  it('joins "U.S." and "US" as one place', () => {
    const es = entitiesOf('[U.S.](LOC) officials said the [US](LOC) would respond.');
    const places = names(es).filter((e) => e.type === 'LOC');
    assert.equal(places.length, 1);
    assert.equal(places[0]!.mentions.length, 2);
  });

  it('joins "State Department" to "US State Department"', () => {
    const es = entitiesOf('The [US State Department](ORG) issued a warning. A [State Department](ORG) official declined to comment.');
    assert.equal(byName(es, 'US State Department').mentions.length, 2);
  });

  it('drops a sentence-initial "The" from an organisation\'s name', () => {
    const es = entitiesOf('[The Portsmouth City Council](ORG) voted on Thursday. Later [Portsmouth City Council](ORG) met again.');
    const o = byName(es, 'Portsmouth City Council');
    assert.equal(o.id, 'portsmouth-city-council');
    assert.deepEqual(texts(o), ['Portsmouth City Council', 'Portsmouth City Council']);
  });

  it('keeps a capitalised "The" in the middle of a sentence', () => {
    const es = entitiesOf('Voters backed [The Greens](ORG) in the inner city.');
    assert.ok(byName(es, 'The Greens'));
  });

  it('keeps "The" in names that carry it', () => {
    const es = entitiesOf('Judges at [The Hague](LOC) ruled, [The Washington Post](ORG) reported.');
    assert.ok(byName(es, 'The Hague'));
    assert.ok(byName(es, 'The Washington Post'));
  });

  it('keeps the period of an abbreviated place name', () => {
    const es = entitiesOf('SACRAMENTO, [Calif.](LOC) — Lawmakers met.');
    assert.ok(byName(es, 'Calif.'));
  });

  it('joins "the department" to the one department named before it', () => {
    const es = entitiesOf('The [State Department](ORG) issued a travel warning on Monday. The department said the risk had grown.');
    const o = byName(es, 'State Department');
    assert.deepEqual(texts(o), ['State Department', 'The department']);
  });

  it('finds "the department" in one document after another that names a department (the pattern is kept between them)', () => {
    const long = entitiesOf('Rain fell all week across the region. The [State Department](ORG) issued a travel warning. The department said the risk had grown.');
    assert.deepEqual(texts(byName(long, 'State Department')), ['State Department', 'The department']);
    const short = entitiesOf('The [Justice Department](ORG) sued. The department declined to comment.');
    assert.deepEqual(texts(byName(short, 'Justice Department')), ['Justice Department', 'The department']);
  });

  it('leaves "the ministry" alone when two ministries are named', () => {
    const es = entitiesOf('The [Health Ministry](ORG) and the [Finance Ministry](ORG) disagreed. The ministry said talks continue.');
    assert.equal(byName(es, 'Health Ministry').mentions.length, 1);
    assert.equal(byName(es, 'Finance Ministry').mentions.length, 1);
  });

  it('does not take "the ministry spokesman" as a mention of the ministry', () => {
    const es = entitiesOf('The [Foreign Ministry](ORG) was silent. The ministry spokesman declined to comment.');
    assert.equal(byName(es, 'Foreign Ministry').mentions.length, 1);
  });

  it('gives entities that share a slug distinct ids', () => {
    const es = entitiesOf('Police in [Saint-Denis](LOC) closed roads. The [Saint Denis](ORG) club cancelled its match.');
    const ids = names(es).map((e) => e.id);
    assert.deepEqual(ids, ['saint-denis', 'saint-denis-2']);
  });
});

describe('document-level consistency', () => {
  it('adds untagged exact mentions of a tagged name', () => {
    const es = entitiesOf('[Kinshasa](LOC) will host the next round. Delegates said Kinshasa was chosen for its neutrality.');
    assert.equal(byName(es, 'Kinshasa').mentions.length, 2);
  });

  it('adds untagged surname mentions of a tagged person', () => {
    const es = entitiesOf('[Sameh Shoukry](PERSON) rejected the account. "We came in good faith," Shoukry said.');
    assert.deepEqual(texts(byName(es, 'Sameh Shoukry')), ['Sameh Shoukry', 'Shoukry']);
  });

  it('finds a possessive surname the recognizer missed, without the possessive', () => {
    const es = entitiesOf("[Sameh Shoukry](PERSON) spoke. Shoukry's office later issued a statement.");
    assert.deepEqual(texts(byName(es, 'Sameh Shoukry')), ['Sameh Shoukry', 'Shoukry']);
  });

  it('adds untagged mentions of names that start with a letter beyond ASCII, and only whole words', () => {
    const es = entitiesOf('[Ömer Çelik](PERSON) spoke first. Later Çelik left; the Çeliks and Çelik-led groups stayed, and ÖMER did not.');
    assert.deepEqual(texts(byName(es, 'Ömer Çelik')), ['Ömer Çelik', 'Çelik']);
  });

  it('finds a surname after a title', () => {
    const es = entitiesOf('[Helen Marsh](PERSON) chairs the council. Councillors praised Ms. Marsh after the vote.');
    assert.equal(byName(es, 'Helen Marsh').mentions.length, 2);
  });

  it('does not add a tagged word inside a longer untagged name', () => {
    const es = entitiesOf('Officials in [Washington](LOC) declined to comment to the Washington Post on Friday.');
    assert.equal(byName(es, 'Washington').mentions.length, 1);
  });

  it('does not add a sentence-initial word the article also uses in lower case', () => {
    const es = entitiesOf('The charity [Hope](ORG) runs clinics. Hope is scarce, one nurse said, but hope keeps them going.');
    assert.equal(byName(es, 'Hope').mentions.length, 1);
  });

  it('does not spread a common noun the recognizer once took for a name', () => {
    const es = entitiesOf('The [Opposition](ORG) walked out. Members of the opposition returned later, and Opposition leaders spoke.');
    assert.equal(byName(es, 'Opposition').mentions.length, 1);
  });

  it('spreads a surname that is also a common word, except where any word would be capitalised', () => {
    const es = entitiesOf('Officials praised [Amara Hope](PERSON) on Monday. They hope the plan works, and Hope agreed. Hope is thin, one said.');
    assert.deepEqual(byName(es, 'Amara Hope').mentions.map((m) => m.text), ['Amara Hope', 'Hope']);
  });

  it('spreads a one-word organisation the article never writes in lower case', () => {
    const es = entitiesOf('The [Nile Basin Initiative](ORG) met [Oxfam](ORG) staff. Later Oxfam said it would return.');
    assert.equal(byName(es, 'Oxfam').mentions.length, 2);
  });

  it('does not give a surname to a date: "in May" stays a date when Theresa May is named', () => {
    const es = entitiesOf('Former prime minister [Theresa May](PERSON) will speak in May, her office said.');
    assert.equal(byName(es, 'Theresa May').mentions.length, 1);
    assert.ok(es.some((e) => e.type === 'DATE' && e.mentions[0]!.text === 'May'));
  });

  it('relabels a minority type to the type most mentions carry', () => {
    const es = entitiesOf('[Kinshasa](LOC) was chosen. Talks in [Kinshasa](LOC) begin soon; [Kinshasa](ORG) is ready.');
    const k = names(es).filter((e) => e.name === 'Kinshasa');
    assert.equal(k.length, 1);
    assert.equal(k[0]!.type, 'LOC');
  });
});

describe('glossary', () => {
  const glossary: Glossary = {
    entries: [
      { name: 'Maren Østbye', type: 'PERSON', note: 'Norwegian energy minister since 2024.', misspellings: ['Maren Ostbye'] },
      { name: 'Byline Wire', notAnEntity: true },
      { name: 'Grand Ethiopian Renaissance Dam', type: 'LOC', aliases: ['GERD'], note: 'Filled since 2020.' },
    ],
  };

  it('finds glossary names the recognizer missed and attaches the note', () => {
    const es = entitiesOf('OSLO — Maren Østbye said on Monday the plan would go ahead. Østbye spoke after a cabinet meeting.', glossary);
    const p = byName(es, 'Maren Østbye');
    assert.equal(p.type, 'PERSON');
    assert.equal(p.note, 'Norwegian energy minister since 2024.');
    assert.deepEqual(texts(p), ['Maren Østbye', 'Østbye']);
  });

  it('links a listed misspelling to the entry', () => {
    const es = entitiesOf('Maren Ostbye said the plan would go ahead.', glossary);
    assert.equal(byName(es, 'Maren Østbye').mentions[0]!.text, 'Maren Ostbye');
  });

  it('drops names the glossary marks as not an entity', () => {
    const es = entitiesOf('ADDIS ABABA ([Byline Wire](ORG)) — Talks resumed.', glossary);
    assert.ok(!es.some((e) => e.name === 'Byline Wire'));
  });

  it('overrides the recognizer\'s type and joins aliases', () => {
    const es = entitiesOf('The [Grand Ethiopian Renaissance Dam](ORG) is on the Blue Nile. The GERD cost about $4.8 billion.', glossary);
    const d = byName(es, 'Grand Ethiopian Renaissance Dam');
    assert.equal(d.type, 'LOC');
    assert.deepEqual(texts(d), ['Grand Ethiopian Renaissance Dam', 'GERD']);
    assert.equal(d.note, 'Filled since 2020.');
  });
});

describe('descriptors', () => {
  const descriptorsOf = (markup: string, name: string): string[] => byName(entitiesOf(markup), name).descriptors;

  it('reads an appositive after the name without its "the"', () => {
    assert.deepEqual(descriptorsOf('[Antony Blinken](PERSON), the senior US diplomat, arrived on Thursday.', 'Antony Blinken'), ['senior US diplomat']);
  });

  it('reads a title phrase before the name', () => {
    assert.deepEqual(descriptorsOf('Secretary of State [Antony Blinken](PERSON) arrived on Thursday.', 'Antony Blinken'), ['Secretary of State']);
  });

  it('keeps a long appositive with its relative clause', () => {
    assert.deepEqual(
      descriptorsOf('[James Foley](PERSON), an American journalist who disappeared in Syria in 2012, was remembered on Friday.', 'James Foley'),
      ['an American journalist who disappeared in Syria in 2012'],
    );
  });

  it('reads an appositive before the name', () => {
    assert.deepEqual(descriptorsOf('Blinken met his Jordanian counterpart, [Ayman Safadi](PERSON), in Amman.', 'Ayman Safadi'), ['his Jordanian counterpart']);
  });

  it('reads a national title', () => {
    assert.deepEqual(descriptorsOf('Ethiopian Foreign Minister [Demeke Mekonnen](PERSON) said his government had offered guarantees.', 'Demeke Mekonnen'), ['Ethiopian Foreign Minister']);
  });

  it('reads a lower-case job title', () => {
    assert.deepEqual(descriptorsOf('"We cannot keep patching it," council leader [Helen Marsh](PERSON) told reporters.', 'Helen Marsh'), ['council leader']);
  });

  it('reads a possessive title', () => {
    assert.deepEqual(descriptorsOf("Egypt's Foreign Minister [Sameh Shoukry](PERSON) rejected that account.", 'Sameh Shoukry'), ["Egypt's Foreign Minister"]);
  });

  it('keeps "former" with the title', () => {
    assert.deepEqual(descriptorsOf('Former President [Uhuru Kenyatta](PERSON) led the mediation.', 'Uhuru Kenyatta'), ['Former President']);
  });

  it('reads a hyphenated title', () => {
    assert.deepEqual(descriptorsOf('UN Secretary-General [António Guterres](PERSON) called for calm.', 'António Guterres'), ['UN Secretary-General']);
  });

  it('collects descriptors from several mentions, without repeats', () => {
    const d = descriptorsOf(
      'Secretary of State [Antony Blinken](PERSON) arrived. [Blinken](PERSON), the senior US diplomat, met officials. Secretary of State [Blinken](PERSON) left.',
      'Antony Blinken',
    );
    assert.deepEqual(d, ['Secretary of State', 'senior US diplomat']);
  });

  it('takes no descriptor from a reporting verb before the name', () => {
    assert.deepEqual(descriptorsOf('"It is over," said [Helen Marsh](PERSON).', 'Helen Marsh'), []);
  });

  it('takes no descriptor from an honorific', () => {
    assert.deepEqual(descriptorsOf('[Antony Blinken](PERSON) arrived. Mr. [Blinken](PERSON) spoke.', 'Antony Blinken'), []);
  });

  it('takes no descriptor from an age', () => {
    assert.deepEqual(descriptorsOf('[Helen Marsh](PERSON), 54, said the vote was fair.', 'Helen Marsh'), []);
  });

  it('takes no descriptor from a relative clause alone', () => {
    assert.deepEqual(descriptorsOf('[Sudan](LOC), which lies between the two countries, supports a deal.', 'Sudan'), []);
  });

  it('takes no descriptor from a clause its first word opens, however far it runs', () => {
    assert.deepEqual(descriptorsOf('[Helen Marsh](PERSON), who has led the council since the spring of the year the bridge on the old road by the river was closed to all traffic, spoke.', 'Helen Marsh'), []);
    assert.deepEqual(descriptorsOf('[Helen Marsh](PERSON), she said, is the council leader.', 'Helen Marsh'), []);
    assert.deepEqual(descriptorsOf('[Helen Marsh](PERSON), is. The vote was fair.', 'Helen Marsh'), []);
    assert.deepEqual(descriptorsOf('[Helen Marsh](PERSON), council leader, spoke.', 'Helen Marsh'), ['council leader']);
  });

  it('reads a title through accented words, and not across punctuation', () => {
    assert.deepEqual(descriptorsOf('The Élysée spokesman [Helen Marsh](PERSON) declined to comment.', 'Helen Marsh'), ['Élysée spokesman']);
    assert.deepEqual(descriptorsOf('They asked the spokesman — [Helen Marsh](PERSON) — to comment.', 'Helen Marsh'), []);
    assert.deepEqual(descriptorsOf('They asked the spokesman « [Helen Marsh](PERSON) » to comment.', 'Helen Marsh'), []);
  });

  it('takes no descriptor from an introductory phrase before the name', () => {
    assert.deepEqual(descriptorsOf('In a statement on Friday, [Helen Marsh](PERSON) said the vote was fair.', 'Helen Marsh'), []);
  });

  it('takes no descriptor from a list of names', () => {
    assert.deepEqual(descriptorsOf('[Ethiopia](LOC), [Egypt](LOC) and [Sudan](LOC) met in Kinshasa.', 'Ethiopia'), []);
  });

  it('takes no descriptor from a noun phrase ending in "of" before a title', () => {
    assert.deepEqual(descriptorsOf('It marked the end of the rule of President [François Bozizé](PERSON) in the capital.', 'François Bozizé'), ['President']);
  });

  it('takes no descriptor from a clause that starts with a pronoun', () => {
    assert.deepEqual(descriptorsOf('[Lili Iram](PERSON), she suffered a major setback last year.', 'Lili Iram'), []);
  });

  it('takes no descriptor from another name after a possessive', () => {
    assert.deepEqual(descriptorsOf('Critics compared [Isaias Afewerki](PERSON), Uganda\'s Idi Amin, to worse.', 'Isaias Afewerki'), []);
  });

  it('takes no descriptor from a clause with a finite verb', () => {
    assert.deepEqual(descriptorsOf('[Isaias Afewerki](PERSON), was later made interim president of the country.', 'Isaias Afewerki'), []);
  });

  it('takes "Dr" for an honorific, not a descriptor', () => {
    assert.deepEqual(descriptorsOf('Dr [Saliou Niassy](PERSON), a scientist at the institute, led the study.', 'Saliou Niassy'), ['a scientist at the institute']);
  });

  it('takes no long clause that runs to the end of the sentence', () => {
    assert.deepEqual(
      descriptorsOf('According to the [Institution of Civil Engineers](ORG), the number of road bridges rated substandard rose by 12 percent between 2019 and 2023.', 'Institution of Civil Engineers'),
      [],
    );
  });

  it('takes a short appositive that ends the sentence', () => {
    assert.deepEqual(descriptorsOf('Reporters later met [Antony Blinken](PERSON), the US secretary of state.', 'Antony Blinken'), ['US secretary of state']);
  });

  it('takes no verb before a title', () => {
    assert.deepEqual(descriptorsOf('Manila welcomes President [Ferdinand Marcos](PERSON) to the summit.', 'Ferdinand Marcos'), ['President']);
  });

  it('does not run two titled names together', () => {
    assert.deepEqual(
      descriptorsOf('Financial Secretary Paul Chan and Secretary for Justice [Paul Lam](PERSON) attended.', 'Paul Lam'),
      ['Secretary for Justice'],
    );
  });

  it('takes no group noun before a name as its descriptor', () => {
    assert.deepEqual(descriptorsOf('One of the authors, [Fatima Denton](PERSON), spoke first.', 'Fatima Denton'), []);
  });

  it('takes no list of other names after a possessive', () => {
    assert.deepEqual(descriptorsOf("Leaders met [Mahmud Abbas](PERSON), Tunisia's Kais Saied and Niger's Mohamed Bazoum.", 'Mahmud Abbas'), []);
  });

  it('takes no "along with" phrase', () => {
    assert.deepEqual(descriptorsOf('Prime Minister [Mahinda Rajapaksa](PERSON), along with his brother, resigned.', 'Mahinda Rajapaksa'), ['Prime Minister']);
  });

  it('takes no descriptor from an attribution after the name', () => {
    assert.deepEqual(descriptorsOf('Aid will flow into southern [Syria](LOC), the State Department said.', 'Syria'), []);
  });

  it('takes no descriptor from an attribution with another verb', () => {
    assert.deepEqual(descriptorsOf('Talks will move to [Kinshasa](LOC), the mediators announced on Friday.', 'Kinshasa'), []);
  });

  it('takes no person\'s title after an organisation as its descriptor', () => {
    assert.deepEqual(descriptorsOf('Funding came from the [Corezon Theater Company](ORG), Executive Director Ana Ruiz said.', 'Corezon Theater Company'), []);
  });

  it('describes an organisation by an appositive with an article', () => {
    assert.deepEqual(descriptorsOf('[Saudi Aramco](ORG), the state oil company, reported record profits.', 'Saudi Aramco'), ['state oil company']);
  });

  it('describes a place by its appositive', () => {
    assert.deepEqual(descriptorsOf('Talks will resume in [Kinshasa](LOC), the Congolese capital, next month.', 'Kinshasa'), ['Congolese capital']);
  });
});

describe('linking: name keys', () => {
  it('lower-cases plain names and normalises the rest', () => {
    assert.equal(nameKey('Antony Blinken'), 'antony blinken');
    assert.equal(nameKey('U.S.  State Department'), 'us. state department', 'a period before a space stays');
    assert.equal(nameKey(' O’Brien\u00a0Jr.'), "o'brien jr");
    assert.equal(nameKey('Dr. Ruth'), 'dr. ruth');
  });

  it('gives a name the same key every time (kept across analyses), whatever string it comes in', () => {
    const story = 'Yesterday the Portsmouth City Council met.';
    const slice = story.slice(story.indexOf('Portsmouth'), story.indexOf(' met'));
    assert.equal(nameKey(slice), 'portsmouth city council');
    assert.equal(nameKey('Portsmouth City Council'), 'portsmouth city council');
    assert.equal(nameKey('U.S.'), 'us');
    assert.equal(nameKey('U.S.'), 'us');
  });
});

describe('descriptors: the appositive after a name', () => {
  // the regular expression appositiveAfter reads as
  const PATTERN = /^,\s+((?:[\p{L}\d][\p{L}\p{M}\d'’.&-]*)(?:\s+[\p{L}\p{M}\d'’.&%$-]+){0,17}?)(?=\s*(?:,|\.(?:\s|$)|;|\s[—–]|\)|$))/u;
  const byPattern = (text: string, comma: number, end: number): string | undefined => PATTERN.exec(text.slice(comma, end))?.[1];
  const read = (text: string, comma: number, end: number): string | undefined => {
    const span = appositiveAfter(text, comma, end);
    return span && text.slice(span.start, span.end);
  };

  it('reads the fewest words a comma, period, semicolon, dash or parenthesis follows', () => {
    const text = 'Antony Blinken, the senior US diplomat, said';
    assert.equal(read(text, 14, text.length), 'the senior US diplomat');
    assert.equal(read('X, an aide — who left', 1, 21), 'an aide');
    assert.equal(read('X, Sacramento, Calif. Officials', 1, 31), 'Sacramento');
    assert.equal(read('X, who is 5% up (x', 1, 18), undefined);
  });

  it('gives back a closing period when nothing else ends the phrase, the last such word first', () => {
    assert.equal(read('X, Calif. and Nev. rules apply (now', 1, 35), 'Calif. and Nev');
    assert.equal(read('X,the x', 1, 7), undefined, 'a space after the comma');
  });

  it('stops at 18 words, and at the end it is given', () => {
    const words = Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ');
    assert.equal(read(`X, ${words}, y`, 1, 200), undefined);
    assert.equal(read(`X, ${words}, y`, 1, 12), 'w0 w1 w2');
  });

  it('reads as its regular expression on any text (property)', () => {
    const PIECES = [' ', '  ', '\n', '\u00a0', ',', '.', ';', ')', '(', '—', '–', '-', "'", '’', '&', '%', '$', 'a', 'Bc', 'é', '1', 'x.', 'Calif.', '\u0301', '𝐀', '\ud835', '“', ' w', ' w.'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 50 }), fc.nat(), (pieces, cut) => {
        const text = 'Name,' + pieces.join('');
        const end = 4 + (cut % (text.length - 2));
        assert.equal(read(text, 4, end), byPattern(text, 4, end));
      }),
      { numRuns: 3000 },
    );
  });
});
