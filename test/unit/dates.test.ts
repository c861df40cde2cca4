// The dateline and date resolution: wire-style headers we wrote, and relative dates as news uses them.

import { strict as assert } from 'assert';
import { buildTextModel } from '../../src/server/analysis/text';
import { directionOf, findDateline, findHeaderDate, isoWeek, nearestYear, parseIsoDay, readableDate, resolveDate, resolveTime } from '../../src/server/analysis/entities/dates';

const dateline = (text: string, format: 'plaintext' | 'markdown' | 'news' = 'plaintext', ref?: string): string | undefined =>
  findDateline(buildTextModel(text, format), ref);

const THU_4_MAY_2023 = parseIsoDay('2023-05-04')!;

describe('findDateline', () => {
  it('reads a city, country and full date before an em dash', () => {
    assert.equal(dateline('Talks Stall Again\n\nKYIV, Ukraine, May 4, 2023 — Ukrainian officials said on Thursday that talks had stalled.'), '2023-05-04');
  });

  it('reads an abbreviated month with a period', () => {
    assert.equal(dateline('SACRAMENTO, Calif., Sept. 2, 2025 — California will expand free school meals, the governor said.'), '2025-09-02');
  });

  it('leaves a year-less wire dateline without a date when nothing tells the year', () => {
    assert.equal(dateline('WASHINGTON, May 4 (Reuters) - The Senate passed the bill late on Thursday.'), undefined);
  });

  it('takes the year of a year-less wire dateline from the reference date', () => {
    assert.equal(dateline('WASHINGTON, May 4 (Reuters) - The Senate passed the bill late on Thursday.', 'plaintext', '2023-05-05'), '2023-05-04');
  });

  it('takes the year before the reference date for a late-December dateline read in January', () => {
    assert.equal(dateline('LONDON, Dec. 30 (Reuters) - Markets closed lower.', 'plaintext', '2024-01-03'), '2023-12-30');
  });

  it('infers the year from a weekday written in the dateline', () => {
    assert.equal(dateline('NAIROBI, Thursday, May 4 - Kenyan lawmakers voted to raise fuel taxes.', 'plaintext', '2024-02-01'), '2023-05-04');
  });

  it('reads a day-first dateline after a publication name and a spaced hyphen', () => {
    assert.equal(dateline('afrol News, 27 January - A Ugandan activist was killed in his home.', 'plaintext', '2011-02-10'), '2011-01-27');
  });

  it('reads a date right after the place and its dash', () => {
    assert.equal(dateline('CAIRO – 26 July 2022: The finance minister met investors on Tuesday.'), '2022-07-26');
  });

  it('reads "today (date)" in the first sentence', () => {
    assert.equal(dateline('Police today (July 26, 2022) recovered a stolen lorry near the port.'), '2022-07-26');
  });

  it('does not take an event date that opens the story', () => {
    assert.equal(dateline('On Monday, February 14, 2022, hundreds of couples married in the square.'), undefined);
  });

  it('reads a date line under the headline', () => {
    assert.equal(dateline('Council Approves Bridge Repair\n\nMarch 14, 2024\n\nThe council voted on Thursday to repair the bridge.'), '2024-03-14');
  });

  it('reads a "Published" line in the header', () => {
    assert.equal(dateline('Port Strike Ends\n\nPublished 12 March 2024\n\nDock workers returned to work on Tuesday.'), '2024-03-12');
  });

  it('reads Markdown front matter before anything else', () => {
    const md = '---\ntitle: Free school meals\ndate: 2025-09-02\n---\n\n# State Expands Free Meals\n\nThe state will expand free meals, officials said.';
    assert.equal(dateline(md, 'markdown'), '2025-09-02');
  });

  it('reads a written-out date in front matter', () => {
    assert.equal(dateline('---\ndate: "September 2, 2025"\n---\n\nBody text here, said the governor.', 'markdown'), '2025-09-02');
  });

  it('finds no dateline in a story that opens without one', () => {
    assert.equal(dateline('The council voted on Thursday to spend $48 million on the bridge, officials said.'), undefined);
  });

  it('does not take a date from the middle of the first sentence', () => {
    assert.equal(dateline('PARIS — The summit planned for May 5, 2023 was postponed, organisers said.'), undefined);
  });

  it('does not read a date from a later body paragraph', () => {
    assert.equal(dateline('The vote passed narrowly.\n\nLONDON, May 4, 2023 — A second story begins here.'), undefined);
  });
});

describe('findHeaderDate', () => {
  it('returns the offsets of the date inside the header text', () => {
    const text = 'KYIV, Ukraine, May 4, 2023 —';
    const d = findHeaderDate(text)!;
    assert.equal(text.slice(d.start, d.end), 'May 4, 2023');
    assert.deepEqual([d.year, d.month, d.day], [2023, 5, 4]);
  });

  it('reads an ISO date', () => {
    const d = findHeaderDate('Updated 2024-11-05T14:00Z')!;
    assert.deepEqual([d.year, d.month, d.day], [2024, 11, 5]);
  });
});

describe('resolveDate against a Thursday dateline (4 May 2023)', () => {
  const r = (s: string, dir: 'past' | 'future' = 'past'): string | undefined => resolveDate(s, THU_4_MAY_2023, dir);

  it('"Thursday" is the dateline day itself', () => assert.equal(r('Thursday'), '2023-05-04'));
  it('"late Thursday" is the same day', () => assert.equal(r('late Thursday'), '2023-05-04'));
  it('"Thursday night" is the same day', () => assert.equal(r('Thursday night'), '2023-05-04'));
  it('"Friday" in a past-tense sentence is the Friday before', () => assert.equal(r('Friday'), '2023-04-28'));
  it('"Monday" in a past-tense sentence is earlier that week', () => assert.equal(r('Monday'), '2023-05-01'));
  it('"Friday" in a sentence that looks ahead is the next day', () => assert.equal(r('Friday', 'future'), '2023-05-05'));
  it('"last Thursday" is a week before', () => assert.equal(r('last Thursday'), '2023-04-27'));
  it('"next Monday" is the coming Monday', () => assert.equal(r('next Monday'), '2023-05-08'));
  it('"today" is the dateline', () => assert.equal(r('today'), '2023-05-04'));
  it('"yesterday" is the day before', () => assert.equal(r('yesterday'), '2023-05-03'));
  it('"tomorrow" is the day after', () => assert.equal(r('tomorrow'), '2023-05-05'));
  it('"two days ago" counts back', () => assert.equal(r('two days ago'), '2023-05-02'));
  it('"10 days ago" counts back across a month', () => assert.equal(r('10 days ago'), '2023-04-24'));
  it('"last month" is April', () => assert.equal(r('last month'), '2023-04'));
  it('"next month" is June', () => assert.equal(r('next month'), '2023-06'));
  it('"earlier this week" is the ISO week of the dateline', () => assert.equal(r('earlier this week'), '2023-W18'));
  it('"last week" is the ISO week before', () => assert.equal(r('last week'), '2023-W17'));
  it('"last year" is 2022', () => assert.equal(r('last year'), '2022'));
  it('"later this year" is 2023', () => assert.equal(r('later this year'), '2023'));
  it('"three years ago" is 2020', () => assert.equal(r('three years ago'), '2020'));
  it('"May 2" takes the dateline year', () => assert.equal(r('May 2'), '2023-05-02'));
  it('"2 May" (day first) takes the dateline year', () => assert.equal(r('2 May'), '2023-05-02'));
  it('"in March" of a past-tense story is this March', () => assert.equal(r('March'), '2023-03'));
  it('"June" of a past-tense story is last June', () => assert.equal(r('June'), '2022-06'));
  it('"September" of a story that looks ahead is this September', () => assert.equal(r('September', 'future'), '2023-09'));
  it('"last March" is this year\'s March when May is the dateline', () => assert.equal(r('last March'), '2023-03'));
  it('"Christmas" is the nearest one', () => assert.equal(r('Christmas'), '2022-12-25'));
  it('"this weekend" is the coming Saturday', () => assert.equal(r('this weekend'), '2023-05-06'));
  it('a bare year, or one after a word, is that year', () => assert.deepEqual([r('2012'), r('mid-2021'), r('since 1999')], ['2012', '2021', '1999']));
  it('a range of years is no one period', () => assert.deepEqual([r('2019-20'), r('2019 to 2021')], [undefined, undefined]));
  it('figures alone name no day', () => assert.deepEqual([r('1,500'), r('12')], [undefined, undefined]));
});

describe('resolveDate without a dateline', () => {
  it('resolves a full date', () => assert.equal(resolveDate('May 4, 2023'), '2023-05-04'));
  it('resolves a date with a weekday and ordinal', () => assert.equal(resolveDate('Friday, 22nd July 2022'), '2022-07-22'));
  it('resolves "the 20th of July 2022"', () => assert.equal(resolveDate('the 20th of July 2022'), '2022-07-20'));
  it('resolves an abbreviated month', () => assert.equal(resolveDate('Sept. 22, 2020'), '2020-09-22'));
  it('resolves a month and year', () => assert.equal(resolveDate('June 2022'), '2022-06'));
  it('resolves "September of 2018"', () => assert.equal(resolveDate('September of 2018'), '2018-09'));
  it('resolves a year', () => assert.equal(resolveDate('2012'), '2012'));
  it('resolves a day-first numeric date', () => assert.equal(resolveDate('26/07/2022'), '2022-07-26'));
  it('resolves an ISO date', () => assert.equal(resolveDate('2022-07-26'), '2022-07-26'));
  it('leaves a decade unresolved', () => assert.equal(resolveDate('the 1960s'), undefined));
  it('leaves a century unresolved', () => assert.equal(resolveDate('the 19th century'), undefined));
  it('leaves a weekday unresolved', () => assert.equal(resolveDate('Thursday'), undefined));
  it('leaves a year-less date unresolved', () => assert.equal(resolveDate('May 4'), undefined));
  it('rejects an impossible date', () => assert.equal(resolveDate('February 30, 2023'), undefined));
});

describe('date arithmetic', () => {
  it('picks the previous year for a late-December date near New Year', () => assert.equal(nearestYear(12, 30, parseIsoDay('2024-01-02')!), 2023));
  it('picks the next year for an early-January date read in December', () => assert.equal(nearestYear(1, 3, parseIsoDay('2023-12-28')!), 2024));
  it('numbers ISO weeks across a year boundary', () => assert.equal(isoWeek(parseIsoDay('2021-01-01')!), '2020-W53'));
  it('rejects malformed ISO days', () => assert.equal(parseIsoDay('2023-13-01'), undefined));
});

describe('readableDate', () => {
  it('names a day with its weekday', () => assert.equal(readableDate('2023-05-04'), 'Thursday, 4 May 2023'));
  it('names a month', () => assert.equal(readableDate('2023-04'), 'April 2023'));
  it('names an ISO week by its Monday', () => assert.equal(readableDate('2023-W18'), 'week of 1 May 2023'));
  it('names a week that starts in the year before', () => assert.equal(readableDate('2021-W01'), 'week of 4 January 2021'));
  it('keeps a year', () => assert.equal(readableDate('2012'), '2012'));
});

describe('resolveTime', () => {
  it('"3 p.m." is 15:00', () => assert.equal(resolveTime('3 p.m.'), '15:00'));
  it('"10:30 a.m." is 10:30', () => assert.equal(resolveTime('10:30 a.m.'), '10:30'));
  it('"12 a.m." is midnight', () => assert.equal(resolveTime('12 a.m.'), '00:00'));
  it('"1500 GMT" is 15:00 UTC', () => assert.equal(resolveTime('1500 GMT'), '15:00Z'));
  it('"noon" is 12:00', () => assert.equal(resolveTime('noon'), '12:00'));
});

describe('directionOf', () => {
  it('reads "will" as looking ahead', () => assert.equal(directionOf('The two delegations will meet again on '), 'future'));
  it('reads "is due to" as looking ahead', () => assert.equal(directionOf('The report is due to be published on '), 'future'));
  it('reads a past-tense sentence as the past', () => assert.equal(directionOf('The council voted on '), 'past'));
});
