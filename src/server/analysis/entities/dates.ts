// The article's dateline (the date in its header) and the resolution of date expressions ("Thursday",
// "last month", "May 4") against it, as news uses them: a bare weekday is the one at or before the dateline.

import { withoutFinalPeriod, type TextModel } from '../text';

/** A calendar day. Months are 1-based. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};
const WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const SMALL_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30,
};

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** Month number (1-12) for a month name or its abbreviation ("Sept.", "aug"), else undefined. */
export function monthNumber(word: string): number | undefined {
  return MONTHS[withoutFinalPeriod(word.toLowerCase())];
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function isoDay(d: CalendarDay): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** Parses yyyy-mm-dd (optionally followed by a time) into a calendar day. */
export function parseIsoDay(iso: string | undefined): CalendarDay | undefined {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return validDay(d) ? d : undefined;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDay(d: CalendarDay): boolean {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysInMonth(d.year, d.month);
}

// Day arithmetic in UTC so that no time zone or daylight-saving change moves a date.
function toTime(d: CalendarDay): number {
  return Date.UTC(d.year, d.month - 1, d.day);
}
function fromTime(t: number): CalendarDay {
  const x = new Date(t);
  return { year: x.getUTCFullYear(), month: x.getUTCMonth() + 1, day: x.getUTCDate() };
}
export function addDays(d: CalendarDay, n: number): CalendarDay {
  return fromTime(toTime(d) + n * 86_400_000);
}
function addMonths(year: number, month: number, n: number): { year: number; month: number } {
  const i = year * 12 + (month - 1) + n;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
}
function weekday(d: CalendarDay): number {
  return new Date(toTime(d)).getUTCDay();
}

/** ISO 8601 week ("2023-W18") holding the day. */
export function isoWeek(d: CalendarDay): string {
  const thursday = addDays(d, 3 - ((weekday(d) + 6) % 7));
  const jan1 = { year: thursday.year, month: 1, day: 1 };
  const week = 1 + Math.floor((toTime(thursday) - toTime(jan1)) / (7 * 86_400_000));
  return `${thursday.year}-W${pad(week)}`;
}

/**
 * The year that puts a month and day nearest to the reference day: a story datelined 2 January that mentions
 * "Dec. 30" means the December before, not the one eleven months later.
 */
export function nearestYear(month: number, day: number, ref: CalendarDay): number {
  let best = ref.year;
  let bestDistance = Infinity;
  for (const year of [ref.year - 1, ref.year, ref.year + 1]) {
    const d = { year, month, day };
    if (!validDay(d)) continue;
    const distance = Math.abs(toTime(d) - toTime(ref));
    if (distance < bestDistance) [best, bestDistance] = [year, distance];
  }
  return best;
}

/** How to read a bare weekday or month: news uses them for the recent past unless the sentence looks ahead. */
export type Direction = 'past' | 'future';

const DAY_OF_MONTH = String.raw`(?:[0-3]?\d)(?:st|nd|rd|th)?`;
const MONTH_WORD = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?`;
const EXPLICIT_MDY = new RegExp(String.raw`\b(${MONTH_WORD})\s+(?:the\s+)?(${DAY_OF_MONTH})\b(?:(?:,\s*|\s+)(\d{4})\b)?`, 'i');
const EXPLICIT_DMY = new RegExp(String.raw`\b(${DAY_OF_MONTH})\s+(?:of\s+)?(${MONTH_WORD})(?![a-z])(?:,?\s+(\d{4})\b)?`, 'i');
const MONTH_YEAR = new RegExp(String.raw`\b(${MONTH_WORD})(?![a-z])\s+(?:of\s+)?(\d{4})\b`, 'i');
const MONTH_ONLY = new RegExp(String.raw`\b(${MONTH_WORD})(?![a-z])`, 'i');
const NUMERIC_YMD = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/;
const NUMERIC_DMY = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/;

/**
 * Resolves a date expression (the text of one DATE or TIME mention) to ISO 8601: a day (2023-05-04), a month
 * (2023-04), an ISO week (2023-W18) or a year (2012). Relative expressions need the reference day (the
 * dateline); without it only explicit dates resolve. Undefined when the expression names no definite period
 * ("the 1960s", "recent weeks").
 */
export function resolveDate(expression: string, reference?: CalendarDay, direction: Direction = 'past'): string | undefined {
  const text = expression.replace(/\s+/g, ' ').trim();
  const lower = text.toLowerCase();
  const ref = reference;
  let m: RegExpExecArray | null;

  if ((m = NUMERIC_YMD.exec(text))) {
    const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    return validDay(d) ? isoDay(d) : undefined;
  }
  if ((m = NUMERIC_DMY.exec(text))) {
    // Day first is the usage in most of the world's news; month first when the first number cannot be a month's day order.
    let [day, month] = [Number(m[1]), Number(m[2])];
    if (month > 12 && day <= 12) [day, month] = [month, day];
    const d = { year: Number(m[3]), month, day };
    return validDay(d) ? isoDay(d) : undefined;
  }
  if (/\b(?:decade|century|centuries|\d0s|'\d0s|ties|eighties|nineties)\b/.test(lower) && !/\b(?:this|last|next|past) decade\b/.test(lower)) return undefined;

  // Explicit month and day, with or without the year.
  const mdy = EXPLICIT_MDY.exec(text);
  const dmy = mdy ? null : EXPLICIT_DMY.exec(text);
  if (mdy || dmy) {
    const month = monthNumber(mdy ? mdy[1]! : dmy![2]!)!;
    const day = parseInt(mdy ? mdy[2]! : dmy![1]!, 10);
    const yearText = mdy ? mdy[3] : dmy![3];
    if (day >= 1 && day <= 31) {
      const year = yearText ? Number(yearText) : ref ? nearestYear(month, day, ref) : undefined;
      if (year === undefined) return undefined;
      const d = { year, month, day };
      return validDay(d) ? isoDay(d) : undefined;
    }
  }
  if ((m = MONTH_YEAR.exec(text))) return `${m[2]}-${pad(monthNumber(m[1]!)!)}`;

  if (/^\d{4}$/.test(lower.replace(/^(?:in|since|by|of|the|early|late|mid-?)\s*/, ''))) return lower.replace(/\D/g, '');
  const yearRange = /\b(\d{4})\s*(?:-|–|to|and)\s*(\d{2,4})\b/.exec(text);
  if (yearRange) return undefined;

  if (!ref) return undefined;

  // Days relative to the dateline.
  if (/\b(?:today|tonight|this (?:morning|afternoon|evening))\b/.test(lower)) return isoDay(ref);
  if (/\b(?:yesterday|last night)\b/.test(lower)) return isoDay(addDays(ref, -1));
  if (/\btomorrow\b/.test(lower)) return isoDay(addDays(ref, 1));
  if ((m = /\b(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty) (day|week|month|year)s? (ago|earlier|before|later|from now|hence)\b/.exec(lower))) {
    const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : SMALL_NUMBERS[m[1]!] ?? 1;
    const sign = m[3] === 'ago' || m[3] === 'earlier' || m[3] === 'before' ? -1 : 1;
    const unit = m[2]!;
    if (unit === 'day') return isoDay(addDays(ref, sign * n));
    if (unit === 'week') return isoWeek(addDays(ref, sign * 7 * n));
    if (unit === 'month') {
      const x = addMonths(ref.year, ref.month, sign * n);
      return `${x.year}-${pad(x.month)}`;
    }
    return String(ref.year + sign * n);
  }

  // Weekdays: "Thursday", "late Thursday", "last Friday", "next Monday".
  if ((m = /\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/.exec(lower))) {
    if (/\b(?:sundays|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays)\b/.test(lower)) return undefined;
    const target = WEEKDAYS[m[1]!]!;
    const back = (weekday(ref) - target + 7) % 7;
    const ahead = (target - weekday(ref) + 7) % 7;
    if (/\b(?:last|previous|past)\b/.test(lower)) return isoDay(addDays(ref, -(back === 0 ? 7 : back)));
    if (/\b(?:next|coming)\b/.test(lower)) return isoDay(addDays(ref, ahead === 0 ? 7 : ahead));
    return isoDay(addDays(ref, direction === 'future' ? ahead : -back));
  }

  // Weeks, months, years relative to the dateline: "earlier this week", "last month", "next year".
  const rel = /\b(this|last|next|past|previous|coming|current)\s+(week|month|year|weekend)\b/.exec(lower);
  if (rel) {
    const shift = rel[1] === 'last' || rel[1] === 'past' || rel[1] === 'previous' ? -1 : rel[1] === 'next' || rel[1] === 'coming' ? 1 : 0;
    const unit = rel[2]!;
    if (unit === 'week') return isoWeek(addDays(ref, 7 * shift));
    if (unit === 'weekend') {
      // the Saturday of the weekend closing that (Monday-first) week
      const monday = addDays(ref, -((weekday(ref) + 6) % 7));
      return isoDay(addDays(monday, 5 + 7 * shift));
    }
    if (unit === 'month') {
      const x = addMonths(ref.year, ref.month, shift);
      return `${x.year}-${pad(x.month)}`;
    }
    return String(ref.year + shift);
  }

  // A month on its own: the latest one up to the dateline ("in March"), the next one when the sentence looks
  // ahead ("will begin in September"), or the one before/after ("last March", "next June").
  const monthOnly = MONTH_ONLY.exec(text);
  if (monthOnly) {
    const month = monthNumber(monthOnly[1]!)!;
    let year: number;
    if (/\blast\b/.test(lower)) year = month < ref.month ? ref.year : ref.year - 1;
    else if (/\bnext\b/.test(lower)) year = month > ref.month ? ref.year : ref.year + 1;
    else if (direction === 'future') year = month >= ref.month ? ref.year : ref.year + 1;
    else year = month <= ref.month ? ref.year : ref.year - 1;
    return `${year}-${pad(month)}`;
  }
  if (/\bchristmas\b/.test(lower)) return isoDay({ year: nearestYear(12, 25, ref), month: 12, day: 25 });
  if (/\bnew year's day\b/.test(lower)) return isoDay({ year: nearestYear(1, 1, ref), month: 1, day: 1 });
  return undefined;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * A resolved date as a reader says it, for the entity name and the hover: "2023-05-04" → "Thursday, 4 May 2023",
 * "2023-04" → "April 2023", "2023-W18" → "week of 1 May 2023", "2012" → "2012".
 */
export function readableDate(iso: string): string | undefined {
  const day = parseIsoDay(iso);
  if (day) return `${DAY_NAMES[weekday(day)]}, ${day.day} ${MONTH_NAMES[day.month - 1]} ${day.year}`;
  let m = /^(\d{4})-(\d{2})$/.exec(iso);
  if (m) return `${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}`;
  m = /^(\d{4})-W(\d{2})$/.exec(iso);
  if (m) {
    // Monday of ISO week 1 is the Monday on or before 4 January
    const jan4 = { year: Number(m[1]), month: 1, day: 4 };
    const monday = addDays(jan4, -((weekday(jan4) + 6) % 7) + 7 * (Number(m[2]) - 1));
    return `week of ${monday.day} ${MONTH_NAMES[monday.month - 1]} ${monday.year}`;
  }
  return /^\d{4}$/.test(iso) ? iso : undefined;
}

/** "3 p.m." → "15:00", "10:30 a.m." → "10:30", "1500 GMT" → "15:00Z", "noon" → "12:00". */
export function resolveTime(expression: string): string | undefined {
  const lower = expression.toLowerCase();
  if (/\bnoon\b|\bmidday\b/.test(lower)) return '12:00';
  if (/\bmidnight\b/.test(lower)) return '00:00';
  const utc = /\b(?:gmt|utc)\b|\bz\b/.test(lower) ? 'Z' : '';
  let m = /\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)/.exec(lower);
  if (m) {
    let h = Number(m[1]) % 12;
    if (m[3]!.startsWith('p')) h += 12;
    if (h > 23 || Number(m[2] ?? 0) > 59) return undefined;
    return `${pad(h)}:${m[2] ?? '00'}${utc}`;
  }
  m = /\b(\d{1,2}):(\d{2})\b/.exec(lower) ?? /\b(\d{2})(\d{2})\s*(?:gmt|utc|hours|hrs)\b/.exec(lower);
  if (m && Number(m[1]) < 24 && Number(m[2]) < 60) return `${pad(Number(m[1]))}:${m[2]}${utc}`;
  return undefined;
}

// Sentence words that make a bare weekday point ahead ("will meet on Thursday").
const LOOKS_AHEAD = /\b(?:will|won't|shall|is due|are due|is set to|are set to|is scheduled|are scheduled|scheduled for|is expected to|are expected to|plans? to|planned for|is to|are to|would|upcoming|due on|due to|until|by next)\b/i;

/** Whether the words of the sentence before a mention point to the future. */
export function directionOf(sentenceBefore: string): Direction {
  return LOOKS_AHEAD.test(sentenceBefore) ? 'future' : 'past';
}

// ---- the dateline -------------------------------------------------------------------------------------------

/** The parts of a dateline's date; the year is missing in wire datelines like "WASHINGTON, May 4 (Reuters) -". */
export interface DatelineParts {
  year?: number;
  month: number;
  day: number;
  weekday?: number;
  start: number;
  end: number;
}

const DATE_IN_HEADER = new RegExp(
  String.raw`(?:\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?:(?:the\s+)?\b(${DAY_OF_MONTH})\s+(?:of\s+)?(${MONTH_WORD})(?![a-z])|\b(${MONTH_WORD})\s+(${DAY_OF_MONTH})\b)(?:(?:,\s*|\s+)(\d{4})\b)?|\b(\d{4})-(\d{2})-(\d{2})(?!\d)|\b(\d{1,2})/(\d{1,2})/(\d{4})\b`,
  'i',
);

/** The first calendar date written in a short piece of header text, with its offsets relative to `text`. */
export function findHeaderDate(text: string): DatelineParts | undefined {
  const m = DATE_IN_HEADER.exec(text);
  if (!m) return undefined;
  const span = { start: m.index, end: m.index + m[0].length };
  if (m[7]) return { year: Number(m[7]), month: Number(m[8]), day: Number(m[9]), ...span };
  if (m[10]) {
    let [day, month] = [Number(m[10]), Number(m[11])];
    if (month > 12 && day <= 12) [day, month] = [month, day];
    return { year: Number(m[12]), month, day, ...span };
  }
  const month = monthNumber(m[3] ?? m[4] ?? '');
  const day = parseInt(m[2] ?? m[5] ?? '', 10);
  if (!month || !(day >= 1 && day <= 31)) return undefined;
  return { year: m[6] ? Number(m[6]) : undefined, month, day, weekday: m[1] ? WEEKDAYS[m[1].toLowerCase()] : undefined, ...span };
}

// The opening of a first body paragraph that is a dateline: "KYIV, Ukraine, May 4, 2023 —",
// "WASHINGTON, May 4 (Reuters) -", "afrol News, 27 January -". The date must come before the dash.
const DATELINE_OPENING = /^[^\n]{0,100}?(?:\s[—–]\s?|\s?[—–]\s|\s--?\s|\)\s*[-—–:]\s|:\s)/;

const DATE_AFTER_DASH = /^\p{Lu}[\p{L} .,'’()]{1,60}?\s[-–—]{1,2}\s([^\n:—–]{6,40}?)\s?(?::|\s[-–—])\s/u;
const TODAY_IN_PARENTHESES = /\btoday\s*\(([^)\n]{6,40})\)/i;

/**
 * The article's date as yyyy-mm-dd, from (in order) Markdown front matter `date:`, a date line in the header
 * (under the headline, or a "Published …" line), or a dateline opening the first body paragraph: before its
 * dash ("KYIV, Ukraine, May 4, 2023 —"), right after it ("CAIRO – 26 July 2022:"), or "today (July 26, 2022)".
 *
 * A wire dateline without a year ("WASHINGTON, May 4 (Reuters) -") gets its year only when it can be inferred:
 * from a weekday written with it ("Thursday, May 4" → the latest year, up to the reference year, in which
 * May 4 is a Thursday) or from `referenceDate` (the year that puts the date nearest to it). Otherwise there is
 * no dateline: a guessed year would resolve every "Thursday" in the story to a wrong day.
 */
export function findDateline(model: TextModel, referenceDate?: string): string | undefined {
  const fm = model.frontMatter['date'];
  if (fm) {
    const iso = parseIsoDay(fm);
    if (iso) return isoDay(iso);
    const parts = findHeaderDate(fm);
    if (parts) return completeYear(parts, referenceDate);
  }
  for (const p of model.paragraphs) {
    const prose = model.prose.slice(p.start, p.end);
    if (p.role === 'body') {
      const opening = DATELINE_OPENING.exec(prose);
      if (opening) {
        const parts = findHeaderDate(opening[0]);
        if (parts) return completeYear(parts, referenceDate);
      }
      // "CAIRO – 26 July 2022: …": the date right after the place and its dash
      const afterDash = DATE_AFTER_DASH.exec(prose);
      if (afterDash) {
        const parts = findHeaderDate(afterDash[1]!);
        if (parts && parts.start === 0) return completeYear(parts, referenceDate);
      }
      // "Police today (July 26, 2022) recovered …"
      const today = TODAY_IN_PARENTHESES.exec(prose.slice(0, 200));
      if (today) {
        const parts = findHeaderDate(today[1]!);
        if (parts) return completeYear(parts, referenceDate);
      }
      return undefined;
    }
    if (p.role === 'dateline' || p.role === 'byline' || p.role === 'other') {
      const parts = findHeaderDate(prose);
      if (parts) return completeYear(parts, referenceDate);
    }
  }
  return undefined;
}

function completeYear(parts: DatelineParts, referenceDate: string | undefined): string | undefined {
  const ref = parseIsoDay(referenceDate);
  let year = parts.year;
  if (year === undefined && parts.weekday !== undefined) {
    const latest = ref?.year ?? new Date().getUTCFullYear();
    for (let y = latest; y > latest - 7; y--) {
      const d = { year: y, month: parts.month, day: parts.day };
      if (validDay(d) && weekday(d) === parts.weekday) {
        year = y;
        break;
      }
    }
  }
  if (year === undefined && ref) year = nearestYear(parts.month, parts.day, ref);
  if (year === undefined) return undefined;
  const d = { year, month: parts.month, day: parts.day };
  return validDay(d) ? isoDay(d) : undefined;
}
