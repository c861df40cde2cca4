// Values by rules: dates, times, money, percentages and quantities. Hand-written patterns rather than
// chrono-node: chrono took 8-12 ms per 1,000 words on news text, over the whole analysis budget (5 ms), and
// finds no money, percentages or quantities. A few regular-expression passes over the prose cost well under 1 ms.
//
// QUANTITY means a measurement: a number with a unit ("5,000 megawatts", "40 km", "2 million barrels").
// Bare counts ("3,000 people") are not highlighted: a news story has dozens, and colouring them all would bury
// the figures that matter.

import { isAsciiDigit, isSpace, sentenceAt, type TextModel, type TokenForm } from '../text';

export type ValueType = 'DATE' | 'TIME' | 'MONEY' | 'PERCENT' | 'QUANTITY';

export interface ValueMention {
  start: number;
  end: number;
  type: ValueType;
  /** Index into TextModel.sentences. */
  sentence: number;
}

const src = (re: RegExp): string => re.source;

// ---- building blocks -------------------------------------------------------------------------------------------

const MONTH_FULL = /(?:January|February|March|April|May|June|July|August|September|October|November|December)/;
const MONTH_ABBR = /(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?/;
// An abbreviated month only next to a day or year; a full month anywhere it is a date (guards below).
const MONTH = new RegExp(`(?:${src(MONTH_FULL)}|${src(MONTH_ABBR)})(?![A-Za-z])`);
const WEEKDAY = /(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)/;
const DAY = /(?:[0-3]?\d)(?:st|nd|rd|th)?(?![\d:.,]\d)/;
const YEAR = /(?:1[6-9]\d\d|20\d\d)(?![\d,.]\d|%)/;
const PART_OF_DAY = /(?:morning|afternoon|evening|night|overnight)/;
const WORD_NUMBER =
  /(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a hundred|a thousand|several|a few|a couple of|dozens of|hundreds of|thousands of)/;
const DIGITS = /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/;
const NUMBER = new RegExp(`(?:${src(DIGITS)}|${src(WORD_NUMBER)})`);
const SCALE = /(?:[Tt]housand|[Mm]illion|[Bb]illion|[Tt]rillion|[Cc]rore|[Ll]akh)/;
const SHORT_SCALE = /(?:bn|mn|m|b|k|tn|trn)(?![A-Za-z])/;
const CURRENCY_SYMBOL = /(?:(?:US|U\.S\.|A|AU|C|CA|NZ|HK|S|NT|R|Z|J|Mex|N)?\$|€|£|¥|₹|₦|₩|₱|₽|₺|₵|₪|R(?=\d)|Rs\.?\s?|Ksh\.?\s?|KSh\.?\s?|Sh\.?\s?|Tk\.?\s?|RM\s?|Rp\.?\s?|N(?=\d)|(?:USD|EUR|GBP|JPY|CNY|INR|NGN|KES|ZAR|AUD|CAD|CHF|PKR|BDT|EGP|GHS|UGX|TZS|ETB|BRL|MXN|PHP|IDR|MYR|THB|VND|LKR|NPR|RWF)\s?)/;
const CURRENCY_WORD =
  /(?:(?:US|U\.S\.|American|Canadian|Australian|Hong Kong|Singapore|New Zealand|Zimbabwean|Namibian|Jamaican|Taiwan) )?(?:dollars?|euros?|pounds?(?: sterling)?|sterling|yen|yuan|renminbi|rupees?|naira|shillings?|rand|pesos?|francs?|dinars?|riyals?|dirhams?|won|rubles?|roubles?|liras?|lira|cedis?|kwacha|baht|ringgit|taka|birr|reais|rupiah|dong|cents?|pence|kyats?|afghanis?|leones?|dalasis?|pula|nairas|rials?|manat|tenge|hryvnias?|zlotys?|forints?|kronor|kroner|krona|krone|quetzales|bolivianos?|soles|guaranies|CFA francs|Swiss francs)/;
const CURRENCY_CODE = /(?:USD|EUR|GBP|JPY|CNY|INR|NGN|KES|ZAR|AUD|CAD|CHF|PKR|BDT|EGP|GHS|UGX|TZS|ETB|BRL|MXN|PHP|IDR|MYR|THB|VND|LKR|NPR|RWF)/;
const UNIT =
  /(?:km|kilometres|kilometers|kilometre|kilometer|miles?|metres|meters|metre|meter|cm|mm|centimetres|centimeters|millimetres|millimeters|feet|foot|ft|inches|inch|yards?|acres?|hectares?|ha|sq km|square (?:kilometres|kilometers|miles|metres|meters|feet|km)|cubic (?:metres|meters|feet)|tonnes?|tons?|metric tons|kg|kilograms?|kilogrammes?|grams?|g|mg|milligrams?|pounds of|litres?|liters?|gallons?|barrels?|bpd|megawatts?|MW|GW|gigawatts?|kilowatts?|kW|kWh|MWh|GWh|TWh|volts?|degrees(?: Celsius| Fahrenheit| C| F)?|°C|°F|°|mph|km\/h|kph|knots|bcm|calories|decibels|light years|nautical miles|storeys|stories|floors)(?![A-Za-z])/;

// ---- patterns, by type ------------------------------------------------------------------------------------------

const MODIFIER = /(?:(?:early|late|mid|the end of|the start of|the beginning of|the middle of|the first week of|the last week of|the turn of)[\s-])/;
const DATE_PATTERNS: RegExp[] = [
  // numeric: 2023-05-04, 26/07/2022
  /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/(?:\d{4}|\d{2})\b/,
  // [Weekday,] [the] 4[th] [of] May [, 2023] · [Weekday,] May 4[th] [-6] [, 2023]
  new RegExp(
    String.raw`(?:${src(MODIFIER)})?(?:\b${src(WEEKDAY)},?\s+)?(?:the\s+)?\b${src(DAY)}\s+(?:of\s+)?${src(MONTH)}(?:,?\s+${src(YEAR)})?` +
      String.raw`|(?:${src(MODIFIER)})?(?:\b${src(WEEKDAY)},?\s+)?\b${src(MONTH)}\s+(?:the\s+)?${src(DAY)}(?:\s*(?:-|–|to|and|through)\s*${src(DAY)})?(?:,?\s+${src(YEAR)})?`,
  ),
  // May 2022, September of 2018, mid-2021
  new RegExp(String.raw`(?:${src(MODIFIER)})?\b${src(MONTH)}\s+(?:of\s+)?${src(YEAR)}`),
  // years and year ranges: 2012, 2019-20, the 2010s, mid-1990s, '90s
  new RegExp(String.raw`(?:${src(MODIFIER)})?(?:the\s+)?\b(?:1[6-9]|20)\d0s\b|(?:the\s+)?['’]\d0s\b|\bthe\s+(?:early\s+|late\s+|mid-)?\d0s\b`),
  new RegExp(String.raw`(?:${src(MODIFIER)})?\b${src(YEAR)}(?:\s*(?:-|–)\s*(?:\d{4}|\d{1,2})(?![\d%.,]))?\b`),
  // older years only where a preposition says so: "died in 1573", "from 1543-4"
  /\b(?:in|since|from|to|until|by|of|circa|c\.)\s+1[0-5]\d\d(?:\s*(?:-|–)\s*(?:\d{4}|\d{1,2}))?(?![\d%.,]\d)\b/,
  // decades and centuries in words
  /\bthe\s+(?:early\s+|late\s+|mid-)?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/i,
  /(?:\bthe\s+)?\b(?:(?:early|late|mid)[\s-])?(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|[XVI]{2,5})[\s-]century\b/,
  // weekdays with what modifies them: "late Thursday", "last Friday", "Thursday night", "Mondays"
  new RegExp(
    String.raw`(?:\b(?:early|late|earlier|later|last|next|this|this past|this coming|on|until|by|since)\s+)?\b${src(WEEKDAY)}s?\b(?:\s+(?:${src(PART_OF_DAY)}))?`,
  ),
  // relative days, weeks, months, years
  /\b(?:today|yesterday|tomorrow|the day before yesterday|the day after tomorrow)\b/i,
  /\b(?:(?:earlier|later|early|late)\s+)?(?:this|last|next|the past|the previous|the coming|the following|the same|the current)\s+(?:week|weekend|month|year|decade|quarter|summer|winter|spring|autumn|fall|season)\b/i,
  new RegExp(String.raw`\b(?:${src(NUMBER)}|a|an)\s+(?:days?|weeks?|months?|years?|decades?)\s+(?:ago|earlier|later|before|from now)\b`, 'i'),
  new RegExp(String.raw`\b(?:the\s+)?(?:past|last|next|coming|previous|first|following)\s+(?:${src(NUMBER)}\s+)?(?:days|weeks|months|years|decades)\b`, 'i'),
  /\b(?:in\s+)?recent\s+(?:days|weeks|months|years|decades)\b/i,
  // seasons and parts of years with a year: summer 2022, the first quarter of 2023, Q3 2023
  new RegExp(String.raw`\b(?:(?:early|late|mid)[\s-])?(?:summer|winter|spring|autumn|fall)\s+(?:of\s+)?${src(YEAR)}`, 'i'),
  new RegExp(String.raw`\b(?:the\s+)?(?:first|second|third|fourth|last|final)\s+(?:quarter|half)\s+of\s+(?:${src(YEAR)}|the year|this year|last year|next year)`, 'i'),
  new RegExp(String.raw`\bQ[1-4]\s+${src(YEAR)}|\bH[12]\s+${src(YEAR)}`),
  // holidays and observances (calendar dates by name)
  /\b(?:Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Ramadan|Ramadhan|Eid(?:[\s-](?:al|ul|el)[\s-](?:Adha|Fitr|Azha))?|Diwali|Deepavali|Holi|Thanksgiving(?:\s+Day)?|Hanukkah|Passover|Yom\s+Kippur|Rosh\s+Hashanah|Nowruz|Lunar\s+New\s+Year|Chinese\s+New\s+Year|Independence\s+Day|Labou?r\s+Day|May\s+Day|Valentine['’]s\s+Day|Mother['’]s\s+Day|Father['’]s\s+Day|Boxing\s+Day|Memorial\s+Day|Veterans\s+Day|Halloween)\b/,
  // a full month on its own ("in June"); "May" and "March" only where they cannot be the verb or the noun
  new RegExp(String.raw`(?:${src(MODIFIER)})?\b(?:January|February|April|June|July|August|September|October|November|December)\b`),
  new RegExp(String.raw`\b(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Dd]uring|[Tt]hrough|[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Nn]ext|[Tt]his|of|[Bb]efore|[Aa]fter|[Bb]etween|and|or|to)[\s-])(?:May|March)\b(?!\s+(?:[Ii]|you|we|they|he|she|it|be|have|not)\b)|\b(?:May|March)(?=\s+(?:and|or|to|through)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)`),
];

const TIME_PATTERNS: RegExp[] = [
  /\b\d{1,2}(?:[:.]\d{2})?\s?(?:a\.m\.|p\.m\.|a\.m(?![A-Za-z])|p\.m(?![A-Za-z])|am\b|pm\b|AM\b|PM\b)(?:\s+(?:local time|GMT|UTC|[ECMP][SD]?T|ET|BST|CET|CEST|EAT|WAT|IST|JST|AEST))?/,
  /\b(?:[01]?\d|2[0-3])[:.][0-5]\d\s?(?:GMT|UTC|local time|hours|hrs|h)\b|\b(?:at|by|until|from|after|before)\s+(?:[01]?\d|2[0-3]):[0-5]\d\b/,
  /\b(?:[01]\d|2[0-3])[0-5]\d\s?(?:GMT|UTC|hours|hrs)\b/,
  /\b(?:(?:at|by|until|before|after|around|about|past)\s+)?(?:noon|midnight|midday)\b/,
  /\b(?:tonight|last night|this (?:morning|afternoon|evening)|overnight)\b/i,
];

const MONEY_PATTERNS: RegExp[] = [
  // $2.3 billion, €40m, US$5, Rs 500 crore, £1.2bn
  new RegExp(String.raw`${src(CURRENCY_SYMBOL)}\s?${src(DIGITS)}(?:\s*(?:-|–|to)\s*${src(CURRENCY_SYMBOL)}?${src(DIGITS)})?(?:(?:\s|-)?${src(SCALE)}\b|${src(SHORT_SCALE)})?`),
  // 1.5 million dollars, 500 rupees, 40 million euros, two billion dollars
  new RegExp(String.raw`\b${src(NUMBER)}(?:\s*(?:-|–|to)\s*${src(DIGITS)})?(?:\s+${src(SCALE)}|${src(SHORT_SCALE)})?\s+${src(CURRENCY_WORD)}\b`, 'i'),
  new RegExp(String.raw`\b(?:a|one)\s+${src(SCALE)}\s+${src(CURRENCY_WORD)}\b`, 'i'),
  // 5 million USD
  new RegExp(String.raw`\b${src(DIGITS)}(?:\s+${src(SCALE)}|${src(SHORT_SCALE)})?\s+${src(CURRENCY_CODE)}\b`),
];

const PERCENT_PATTERNS: RegExp[] = [
  new RegExp(String.raw`(?:\b|[-+−])(?:\d{1,3}(?:\.\d+)?\s*(?:-|–|to)\s*)?${src(DIGITS)}\s?(?:%|percent\b|per\s+cent\b|percentage\s+points?\b|pc\b)`),
  new RegExp(String.raw`\b${src(WORD_NUMBER)}(?:[\s-]and[\s-]a[\s-]half)?\s+(?:percent|per\s+cent|percentage\s+points?)\b`, 'i'),
  /\ba\s+(?:percentage\s+point|percent)\b/i,
];

const QUANTITY_PATTERNS: RegExp[] = [
  new RegExp(String.raw`\b${src(NUMBER)}(?:\s*(?:-|–|to)\s*${src(DIGITS)})?(?:\s+${src(SCALE)})?[\s-]?${src(UNIT)}`),
];

// Words before a bare four-digit number that make it a count, not a year ("about 2000 troops").
const COUNT_BEFORE = /\b(?:about|some|nearly|almost|around|over|than|approximately|roughly|least|up to|estimated|only|just|another|additional)\s*$/i;
// A bare year is a date in "in 2012", "the 2019 election"; "2000 troops" is a count.
const COUNT_AFTER = /^\s+(?:people|persons|men|women|children|troops|soldiers|students|workers|families|households|residents|refugees|cases|deaths|votes|members|units|homes|houses|jobs|copies|tonnes|tons|acres|hectares|km|miles|feet|metres|meters)\b/i;

interface Candidate {
  start: number;
  end: number;
  type: ValueType;
}

// Speed: running some forty patterns over every offset of the text cost 6-7 ms per 1,000 words. Instead, each
// pattern is tried (sticky) only where a value can start: at a trigger token (a digit, a currency sign, a month,
// a weekday or a word like "ago", "percent", "week") and at the few tokens before it ("the end of", "early").
const TRIGGER_WORDS: ReadonlySet<string> = new Set([
  ...'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
  ...'monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays'.split(' '),
  ...'today yesterday tomorrow tonight week weekend month year decade quarter half season days weeks months years decades ago recent century'.split(' '),
  ...'noon midnight midday overnight night morning afternoon evening percent percentage cent million billion trillion thousand crore lakh'.split(' '),
  ...'twenties thirties forties fifties sixties seventies eighties nineties summer winter spring autumn fall'.split(' '),
  ...'christmas easter ramadan ramadhan eid diwali deepavali holi thanksgiving hanukkah passover kippur hashanah nowruz day halloween'.split(' '),
  ...'dollar dollars euro euros pound pounds sterling yen yuan renminbi rupee rupees naira shilling shillings rand peso pesos franc francs'.split(' '),
  ...'dinar dinars riyal riyals dirham dirhams won ruble rubles rouble roubles lira liras cedi cedis kwacha baht ringgit taka birr reais'.split(' '),
  ...'rupiah dong cents pence kyat kyats leones rials manat hryvnia hryvnias zloty zlotys krona kronor krone kroner soles'.split(' '),
]);
/** How many tokens before a trigger a value may start ("the first quarter of 2023"). */
const LOOKBACK = 4;

// One alternation per type, its alternatives in priority order (the most specific first), so the first that
// matches is the one wanted. Case-insensitive patterns are made so by hand to join case-sensitive ones.
const alternation = (patterns: RegExp[]): string =>
  patterns.map((p) => `(?:${p.flags.includes('i') ? caseless(p.source) : p.source})`).join('|');

/** A pattern's source made case-insensitive by hand (letters as [xX]), so it can join an alternation with case-sensitive ones. */
function caseless(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    if (lower !== upper && /[a-z]/i.test(c)) out += inClass ? lower + upper : `[${lower}${upper}]`;
    else out += c;
  }
  return out;
}
const VALUE_TYPES: ValueType[] = ['DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY'];
const TYPE_ALTERNATIONS = [DATE_PATTERNS, TIME_PATTERNS, MONEY_PATTERNS, PERCENT_PATTERNS, QUANTITY_PATTERNS].map(alternation);
// The patterns are tried at a start one type at a time, each type's alternation as a sticky pattern tried by test():
// the pattern's lastIndex says where the value ends, and no match array or substring is made. (One pattern of a
// lookahead per type, tried once where several types can begin, ran as fast with warm caches, but its compiled code
// repeated every alternation's, and no code of the engine missed the instruction cache more: 6.9 k L1 misses per
// 1,000-word article, besides the date alternation's own 3.5 k, in callgrind.)

/** Each type's alternation as a sticky pattern, made the first time the type is tried. */
const TYPE_AT: (RegExp | undefined)[] = [];

/** Where the value of VALUE_TYPES[k] that starts at `at` ends; `at` for none (or an empty match). */
export function valueEndAt(prose: string, at: number, k: number): number {
  const re = (TYPE_AT[k] ??= new RegExp(TYPE_ALTERNATIONS[k]!, 'y'));
  re.lastIndex = at;
  return re.test(prose) ? re.lastIndex : at;
}

// ---- where a value can begin ------------------------------------------------------------------------------------

// Most look-back starts ("said", "which", the "the" before "year") begin no value, yet each cost a native call that
// tried every alternative there, and a start that can only begin a date need not try the other types. So a start
// is tried only for the types whose patterns its first characters can begin: an opening filter read from the
// alternations' sources (the very text of the patterns tried, TYPE_AT) when the module loads, so that no edit of a
// pattern can leave it behind.

/** The symbol the opening filter reads a character as: a digit as '0', white space as ' ', any other as itself. */
const symbolOf = (c: string): string => (c >= '0' && c <= '9' ? '0' : c > ' ' && c <= '~' ? c : /\s/.test(c) ? ' ' : c);
/**
 * Past the first character the filter reads ASCII capitals as small letters: caseless patterns ([tT][hH][eE])
 * would otherwise open in 2^n spellings, and a capital further in rules out next to nothing.
 */
const foldCase = (c: string): string => (c >= 'A' && c <= 'Z' ? c.toLowerCase() : c);
const ASSERTIONS = ['?=', '?!', '?<=', '?<!'];

/**
 * A test of which of the patterns `sources` can begin a match at text[at], by its first `depth` characters: a mask
 * with bit k set for sources[k] wherever it can (and at some offsets where it does not), clear where it cannot.
 *
 * Each source is walked as far as its first `depth` characters go; what lies further is skipped unread. Assertions
 * (\b, lookaheads) match no character and are walked as nothing, which only widens the openings. What the walk
 * cannot read ("." or a negated class, whose characters are open-ended; a back-reference) throws when the module
 * loads, so every test fails rather than the filter dropping a match.
 */
export function openingFilter(sources: string[], depth: number): (text: string, at: number) => number {
  if (sources.length > 30) throw new Error('values: the opening filter tells at most 30 patterns apart');
  // The openings as a trie over symbols: from the root (node 0), next[node * width + symbol] is the node after
  // reading the symbol (0: no match begins so); ends[node] has the bits of the sources whose match may have begun so,
  // whatever follows (one ends there), and through[node] those of the sources with an opening through the node. A
  // symbol read at `depth` leads to no node: next holds -mask of the sources whose openings read it.
  const alphabet = new Map<string, number>(); // symbol -> index; 0 stands for any character no pattern holds
  const children = new Map<number, number>(); // node * 256 + symbol -> node, or -mask at `depth`
  const depths = [0];
  const ends = [0];
  const through = [0];

  sources.forEach((source, k) => {
    const bit = 1 << k;
    let i = 0;
    const cannot = (what: string): never => {
      throw new Error(`values: the opening filter cannot read ${what} at ${i} in /${source}/`);
    };
    /** The nodes after one character out of `chars` from the nodes `from` (but for those where this source ends). */
    const step = (from: number[], chars: string[]): number[] => {
      const to = new Set<number>();
      for (const c of chars) {
        for (const node of from) {
          const folded = symbolOf(depths[node]! > 0 ? foldCase(c) : c);
          const symbol = alphabet.get(folded) ?? alphabet.set(folded, alphabet.size + 1).size;
          const key = node * 256 + symbol;
          if (depths[node]! + 1 === depth) {
            children.set(key, -(-(children.get(key) ?? 0) | bit));
            continue;
          }
          let child = children.get(key);
          if (child === undefined) {
            children.set(key, (child = depths.push(depths[node]! + 1) - 1));
            ends.push(0);
            through.push(0);
          }
          through[child] = through[child]! | bit;
          if (!(ends[child]! & bit)) to.add(child);
        }
      }
      return [...to];
    };
    /** Moves past the rest of an alternative, up to the "|" or ")" that ends it. */
    const skip = (): void => {
      for (let open = 0; i < source.length; i++) {
        const c = source[i];
        if (c === '\\') {
          i++;
        } else if (c === '[') {
          while (i + 1 < source.length && source[++i] !== ']') if (source[i] === '\\') i++;
        } else if (c === '(') {
          open++;
        } else if (c === ')') {
          if (open-- === 0) return;
        } else if (c === '|' && open === 0) {
          return;
        }
      }
    };
    // the nodes where matches of the alternatives from here to the next ")" can end, walked from the nodes `from`
    const alternatives = (from: number[]): number[] => {
      const to = new Set(alternative(from));
      while (source[i] === '|') {
        i++;
        for (const node of alternative(from)) to.add(node);
      }
      return [...to];
    };
    const alternative = (from: number[]): number[] => {
      let at = from;
      while (i < source.length && source[i] !== '|' && source[i] !== ')') {
        if (at.length === 0) skip();
        else at = repeated(at);
      }
      return at;
    };
    const repeated = (from: number[]): number[] => {
      const start = i;
      const once = atom(from);
      const c = source[i];
      if (c !== '?' && c !== '*' && c !== '+' && c !== '{') return once;
      const q = /^(?:\?|\*|\+|\{(\d+)(,(\d*))?\})\??/.exec(source.slice(i, i + 12));
      if (!q) return once;
      i += q[0].length;
      const after = i;
      const min = c === '+' ? 1 : q[1] ? Number(q[1]) : 0;
      const max = c === '?' ? 1 : q[1] && !q[2] ? min : q[3] ? Number(q[3]) : Infinity;
      if (max === 0) return from;
      // `once` is the first repetition; the others walk the atom again
      const again = (nodes: number[]): number[] => {
        if (nodes.length === 0) return nodes;
        i = start;
        const to = atom(nodes);
        i = after;
        return to;
      };
      let heads = once;
      for (let n = 1; n < min; n++) heads = again(heads);
      // every number of repetitions from `min` on ends a match (none: where the walk began)
      const all = new Set(min === 0 ? [...from, ...heads] : heads);
      // past a node reached before, further repetitions were (or will be) walked from it
      for (let n = Math.max(min, 1); n < max && heads.length > 0; n++) {
        heads = again(heads).filter((node) => !all.has(node));
        for (const node of heads) all.add(node);
      }
      return [...all];
    };
    const atom = (from: number[]): number[] => {
      const c = source[i++]!;
      if (c === '(') {
        const assertion = ASSERTIONS.find((a) => source.startsWith(a, i));
        if (assertion) i += assertion.length;
        else if (source.startsWith('?:', i)) i += 2;
        else if (source[i] === '?') cannot('a named group');
        let to = from;
        if (assertion) while ((skip(), source[i] === '|')) i++;
        else to = alternatives(from);
        if (source[i++] !== ')') cannot('an unclosed group');
        return to;
      }
      if (c === '[') {
        if (source[i] === '^') cannot('a negated class');
        const chars: string[] = [];
        while (source[i] !== ']') {
          if (i >= source.length) cannot('an unclosed class');
          const first = source[i++] === '\\' ? escaped(true)! : [source[i - 1]!];
          if (source[i] === '-' && source[i + 1] !== ']' && first.length === 1) {
            const last = source[i + 1] === '\\' ? cannot('a range to an escape') : source.charCodeAt(i + 1);
            for (let code = first[0]!.charCodeAt(0); code <= last; code++) chars.push(String.fromCharCode(code));
            i += 2;
          } else chars.push(...first);
        }
        i++;
        return step(from, chars);
      }
      if (c === '\\') {
        const chars = escaped(false);
        return chars ? step(from, chars) : from;
      }
      if (c === '^' || c === '$') return from;
      if (c === '.' || c === '*' || c === '+' || c === '?' || c === '{') cannot(`"${c}"`);
      return step(from, [c]);
    };
    // an escape, in or out of a class: the characters it matches, or undefined for an assertion (\b)
    const escaped = (inClass: boolean): string[] | undefined => {
      const c = source[i++] ?? cannot('a trailing backslash');
      if (c === 'd') return [...'0123456789'];
      if (c === 's' || c === 't' || c === 'n' || c === 'r') return [' '];
      if (c === 'b' && !inClass) return undefined;
      if (/[0-9A-Za-z]/.test(c)) return cannot(`\\${c}`);
      return [c];
    };

    for (const node of alternatives([0])) ends[node] = ends[node]! | bit;
    if (i < source.length) cannot('an unopened ")"');
  });

  if (alphabet.size >= 255) throw new Error('values: the patterns hold too many characters for the opening filter');
  const width = alphabet.size + 1;
  const next = new Int32Array(depths.length * width);
  for (const [key, child] of children) next[Math.floor(key / 256) * width + (key % 256)] = child;
  const endsAt = Int32Array.from(ends);
  const throughAt = Int32Array.from(through);
  // each UTF-16 code unit's symbol index, worked out the first time it is read (255: not yet)
  const symbols = new Uint8Array(0x10000).fill(255);

  return (text: string, at: number): number => {
    const end = Math.min(text.length, at + depth);
    let found = endsAt[0]!; // (a pattern that can match nothing may begin anywhere)
    let node = 0;
    for (let i = at; i < end; i++) {
      let code = text.charCodeAt(i);
      if (i > at && code >= 65 && code <= 90) code += 32; // foldCase
      let symbol = symbols[code]!;
      if (symbol === 255) symbol = symbols[code] = alphabet.get(symbolOf(String.fromCharCode(code))) ?? 0;
      node = next[node * width + symbol]!;
      if (node <= 0) return found | -node;
      found |= endsAt[node]!;
      if ((throughAt[node]! & ~found) === 0) return found; // every source through here is told
    }
    return found; // the text ends first
  };
}

/** Which types can begin a value at prose[at] (see openingFilter): bit k for VALUE_TYPES[k], by four characters. */
export const typesOpeningAt = openingFilter(TYPE_ALTERNATIONS, 4);

/**
 * Whether a token can begin or hold a value: a digit or currency sign, or a trigger word (any case, "Sept."). Asked
 * once per spelling and kept on it (TokenForm.valueTrigger).
 */
function isTrigger(form: TokenForm): boolean {
  const { text, lower } = form;
  const c = text.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 36 || c === 0x20ac || c === 0xa3 || c === 0xa5 || (c >= 0x20a0 && c <= 0x20cf)) return true;
  const last = text.charCodeAt(text.length - 1);
  if (last >= 48 && last <= 57) return true; // "mid-2021", "Q3", "'90s" ends in s but starts the next token
  // the trigger words are ASCII: only a word that starts with an ASCII letter is one, even if its lower case is one
  // (a Kelvin sign lower-cases to "k")
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  return TRIGGER_WORDS.has(last === 46 ? lower.slice(0, -1) : lower);
}

/** The values' patterns tried where a value may start, in order: at each trigger and the tokens before it. */
function scan(model: TextModel, out: Candidate[]): void {
  const { tokens, forms, prose } = model;
  let lastTried = -1;
  for (let i = 0; i < tokens.length; i++) {
    const form = forms[i]!;
    if (!(form.valueTrigger ??= isTrigger(form))) continue;
    const sentence = tokens[i]!.sentence;
    for (let k = Math.max(0, i - LOOKBACK, lastTried + 1); k <= i; k++) {
      if (tokens[k]!.sentence !== sentence) continue;
      const types = typesOpeningAt(prose, tokens[k]!.start);
      if (types !== 0) scanAt(prose, tokens[k]!.start, types, out);
      lastTried = k;
    }
  }
}

/** Words the patterns take before a value to tell it apart, left out of the value's span ("on Monday" is "Monday"). */
const LEADING_WORD = /(?:on|until|by|since|at|around|about|past|before|after|in|from|during|through|of|between|to|and|or)\s+/iy;

/** The values of the types of `mask` (bit k for VALUE_TYPES[k]) that start at `at`. */
function scanAt(prose: string, at: number, mask: number, out: Candidate[]): void {
  for (let k = 0; k < VALUE_TYPES.length; k++) if (mask & (1 << k)) addValue(prose, at, valueEndAt(prose, at, k), k, out);
}

/** The value of VALUE_TYPES[k] matched at prose[at, end), if the match is not empty. */
function addValue(prose: string, at: number, end: number, k: number, out: Candidate[]): void {
  if (end === at) return;
  const type = VALUE_TYPES[k]!;
  // spans never end on spaces nor start with "on"/"by" (kept in patterns only to disambiguate)
  const start = type !== 'MONEY' ? at + leadingWord(prose, at, end) : at;
  while (end > start && isSpace(prose.charCodeAt(end - 1))) end--;
  out.push({ start, end, type });
}

/** The length of the leading word (and the white space after it) of the value prose[at, end), 0 for none. */
function leadingWord(prose: string, at: number, end: number): number {
  LEADING_WORD.lastIndex = at;
  if (!LEADING_WORD.test(prose)) return 0;
  // (the white space may run on past the value's end: the value's own text decides, as the leading word is of it)
  if (LEADING_WORD.lastIndex <= end) return LEADING_WORD.lastIndex - at;
  return LEADING_WORD_OF_VALUE.exec(prose.slice(at, end))?.[0].length ?? 0;
}
const LEADING_WORD_OF_VALUE = new RegExp(`^(?:${LEADING_WORD.source})`, 'i');

// The guards' patterns, made once (a regular-expression literal makes an object each time it runs).
/** A path or URL up to an offset ("…/2022/07/"). */
const IN_PATH = /[/\\]$|[/\\]\S*$/;
const FOUR_DIGITS = /^\d{4}$/;
/** What makes the number after it a label rather than a year ("Route 2000", "No. 1984", "$2020"). */
const LABEL_BEFORE = /[$€£¥#№]\s*$|\bNo\.?\s*$|\b(?:Route|Highway|Flight|Resolution|Article|Section|Chapter|Room|Boeing|Airbus|Windows)\s+$/i;
/** A number range or a numbered path going on after a year-like number ("2000-3000", "2019/20"). */
const GOES_ON_AFTER = /^(?:\s*(?:-|–)\s*\d)|^[-/]\d/;
const MODIFIER_ONLY = /^(?:early|late|mid|on|this|last|next)\s*$/i;

/** Guards that the patterns alone cannot express. */
function plausible(c: Candidate, prose: string): boolean {
  // nothing inside a URL or a file name ("…/2022/07/…")
  const spaceBefore = c.start === 0 || isSpace(prose.charCodeAt(c.start - 1));
  if (!spaceBefore && IN_PATH.test(prose.slice(Math.max(0, c.start - 60), c.start))) return false;
  if (prose.charCodeAt(c.end) === 47 && isAsciiDigit(prose.charCodeAt(c.end + 1))) return false; // "/"
  if (c.type !== 'DATE') return true;
  const text = prose.slice(c.start, c.end);
  if (FOUR_DIGITS.test(text)) {
    const before = prose.slice(Math.max(0, c.start - 24), c.start);
    const after = prose.slice(c.end, c.end + 24);
    if (COUNT_BEFORE.test(before) || COUNT_AFTER.test(after)) return false;
    if (LABEL_BEFORE.test(before)) return false;
    if (GOES_ON_AFTER.test(after)) return false;
  }
  // "May" at the start of a sentence without a day is the verb ("May I…" rarely appears in news, but "May" the
  // surname does); the patterns already demand a day, a year or a preposition.
  return !MODIFIER_ONLY.test(text);
}


/**
 * Which offsets of a text are part of a span kept so far (a value, a name), so that spans never overlap: one bit per
 * offset, read and set a 32-bit word at a time. (A byte per offset, made twice per analysis, cost a zeroed allocation
 * as long as the text, and a fill of every span taken.)
 */
export class Occupancy {
  private readonly bits: Uint32Array;
  /** For the offsets 0 to `length`. */
  constructor(length: number) {
    this.bits = new Uint32Array((length >>> 5) + 1);
  }
  /** Whether no offset in [start, end) is taken. */
  free(start: number, end: number): boolean {
    for (let i = start; i < end; ) {
      const word = i >>> 5;
      const stop = Math.min(end, (word + 1) << 5);
      if (this.bits[word]! & spanMask(i & 31, stop - (word << 5))) return false;
      i = stop;
    }
    return true;
  }
  take(start: number, end: number): void {
    for (let i = start; i < end; ) {
      const word = i >>> 5;
      const stop = Math.min(end, (word + 1) << 5);
      this.bits[word] = this.bits[word]! | spanMask(i & 31, stop - (word << 5));
      i = stop;
    }
  }
}

/** The bits from `from` (0-31) up to `to` (from+1 to 32) of a 32-bit word. */
const spanMask = (from: number, to: number): number => (-1 << from) & (-1 >>> (32 - to));

// Longest first; among equal lengths, money/percent/quantity (stated units) over a bare date or time.
const RANK: Record<ValueType, number> = { MONEY: 0, PERCENT: 1, QUANTITY: 2, DATE: 3, TIME: 4 };

/**
 * Dates, times, money, percentages and quantities in the document's prose, longest match first where two
 * overlap ("May 4, 2023" over "2023"; "$2.3 billion" over "2.3 billion"), in document order.
 */
export function findValues(model: TextModel): ValueMention[] {
  const prose = model.prose;
  const candidates: Candidate[] = [];
  scan(model, candidates);

  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || RANK[a.type] - RANK[b.type] || a.start - b.start);
  const kept: Candidate[] = [];
  const taken = new Occupancy(prose.length);
  for (const c of candidates) {
    if (c.end <= c.start || !taken.free(c.start, c.end) || !plausible(c, prose)) continue;
    taken.take(c.start, c.end);
    kept.push(c);
  }
  kept.sort((a, b) => a.start - b.start);
  return kept.map((c) => ({ start: c.start, end: c.end, type: c.type, sentence: sentenceAt(model, c.start) }));
}
