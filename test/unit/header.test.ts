// Header rules on real recognizer output: Title Case headlines and the dateline's place.

import * as assert from 'assert';
import { analyzeText } from '../../src/server/engine';

const names = (text: string): string[] =>
  analyzeText(text, { format: 'news' }).entities.filter((e) => ['PERSON', 'ORG', 'LOC', 'MISC'].includes(e.type)).map((e) => `${e.type} ${e.name}`);

describe('header rules', () => {
  it('drops Title Case headline words that the body never names', () => {
    const found = names(
      'Transit Workers Vote to Strike as Contract Talks Stall\n\nBus drivers in Leeds voted on Tuesday to strike next week, union leader Amira Haddad said.\n',
    );
    assert.ok(!found.some((n) => /Transit Workers Vote|Talks Stall/.test(n)), found.join('; '));
    assert.ok(found.includes('PERSON Amira Haddad'), found.join('; '));
  });

  it('keeps headline names that the body names too', () => {
    const found = names('Nile Talks Stall as Ethiopia and Egypt Trade Blame\n\nEthiopia and Egypt ended a week of talks on Thursday without a deal, mediators said.\n');
    assert.ok(found.some((n) => n.endsWith(' Ethiopia')) && found.some((n) => n.endsWith(' Egypt')), found.join('; '));
    const ethiopia = analyzeText('Nile Talks Stall as Ethiopia and Egypt Trade Blame\n\nEthiopia and Egypt ended a week of talks on Thursday.\n', { format: 'news' })
      .entities.find((e) => e.name === 'Ethiopia');
    assert.strictEqual(ethiopia?.mentions.length, 2, 'the headline mention is kept');
    assert.ok(!found.some((n) => /Talks Stall|Trade Blame/.test(n)), found.join('; '));
  });

  it('leaves sentence-case headlines to the recognizer', () => {
    const found = names('Amira Haddad calls for bus strike in Leeds\n\nThe union leader spoke on Tuesday.\n');
    assert.ok(found.includes('PERSON Amira Haddad'), found.join('; '));
  });

  it('reads an ALL CAPS dateline city as a place, and its other mentions with it', () => {
    const found = names('DENVER, Colorado, Oct. 8, 2025 — Bus operators in Denver voted on Tuesday to strike, union president Gloria Ibarra said.\n');
    assert.ok(found.includes('LOC Denver') || found.includes('LOC DENVER'), found.join('; '));
    assert.ok(!found.some((n) => /^PERSON (?:Denver|DENVER)$/.test(n)), found.join('; '));
  });
});
