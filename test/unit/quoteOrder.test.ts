// Next/Previous Quote: which quote the cursor lands on, and the wording of the status item.

import { strict as assert } from 'node:assert';
import { quoteAt, statusText, stepToQuote } from '../../src/client/quoteOrder';

const at = (line: number, character: number) => ({ line, character });
// Three quotes: one on line 2, two on line 4 (a quote, its attribution, a second quote).
const quotes = [
  { range: { start: at(2, 0), end: at(2, 40) } },
  { range: { start: at(4, 0), end: at(4, 25) } },
  { range: { start: at(4, 50), end: at(4, 90) } },
];

describe('quote navigation', () => {
  it('goes to the first quote from the headline', () => {
    assert.deepEqual(stepToQuote(quotes, at(0, 3), 'next'), { index: 0, wrapped: false });
  });

  it('moves on from the opening of a quote rather than staying on it', () => {
    assert.deepEqual(stepToQuote(quotes, at(2, 0), 'next'), { index: 1, wrapped: false });
    assert.deepEqual(stepToQuote(quotes, at(4, 0), 'next'), { index: 2, wrapped: false });
  });

  it('finds the next quote later on the same line', () => {
    assert.deepEqual(stepToQuote(quotes, at(4, 30), 'next'), { index: 2, wrapped: false });
  });

  it('wraps from the last quote to the first', () => {
    assert.deepEqual(stepToQuote(quotes, at(4, 50), 'next'), { index: 0, wrapped: true });
    assert.deepEqual(stepToQuote(quotes, at(9, 0), 'next'), { index: 0, wrapped: true });
  });

  it('goes back to the opening of the quote the cursor is in, then to the one before', () => {
    assert.deepEqual(stepToQuote(quotes, at(4, 60), 'previous'), { index: 2, wrapped: false });
    assert.deepEqual(stepToQuote(quotes, at(4, 50), 'previous'), { index: 1, wrapped: false });
  });

  it('wraps from the first quote to the last', () => {
    assert.deepEqual(stepToQuote(quotes, at(2, 0), 'previous'), { index: 2, wrapped: true });
    assert.deepEqual(stepToQuote(quotes, at(0, 0), 'previous'), { index: 2, wrapped: true });
  });

  it('has nowhere to go in an article without quotes', () => {
    assert.equal(stepToQuote([], at(0, 0), 'next'), undefined);
    assert.equal(stepToQuote([], at(0, 0), 'previous'), undefined);
  });

  it('knows which quote holds the cursor', () => {
    assert.equal(quoteAt(quotes, at(4, 10)), 1);
    assert.equal(quoteAt(quotes, at(4, 25)), -1, 'the end is exclusive');
    assert.equal(quoteAt(quotes, at(3, 0)), -1);
  });
});

describe('article status text', () => {
  it('reads like the issue asks', () => {
    assert.equal(statusText(612, 7, 4), '612 words · 7 quotes · 4 sources');
  });

  it('uses the singular for one and groups thousands', () => {
    assert.equal(statusText(1204, 1, 1), '1,204 words · 1 quote · 1 source');
    assert.equal(statusText(0, 0, 0), '0 words · 0 quotes · 0 sources');
  });
});
