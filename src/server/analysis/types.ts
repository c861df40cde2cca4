// The engine's data model: what analyze() returns and every feature (LSP, CLI, bench) reads.
// Offsets are UTF-16 code-unit offsets into the exact document text (JavaScript string indices), end exclusive.

export interface Span {
  start: number;
  end: number;
}

/** A span together with the exact slice of the document it names (`text === doc.slice(start, end)`). */
export interface TextSpan extends Span {
  text: string;
}

export const ENTITY_TYPES = ['PERSON', 'ORG', 'LOC', 'MISC', 'DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Names (recognised by the statistical tagger) versus values (dates, numbers: recognised by rules). */
export const NAME_TYPES: ReadonlySet<EntityType> = new Set<EntityType>(['PERSON', 'ORG', 'LOC', 'MISC']);

/** One occurrence of an entity in the text. */
export interface Mention extends TextSpan {
  /** Index into Article.sentences of the sentence holding the mention. */
  sentence?: number;
}

export interface Entity {
  /** Stable within one article: a slug of the canonical name ("antony-blinken"), suffixed on collision. */
  id: string;
  type: EntityType;
  /** Canonical (fullest) name: "Antony Blinken" for mentions "Antony Blinken", "Blinken", "Mr. Blinken". */
  name: string;
  /** In document order. */
  mentions: Mention[];
  /** How the article describes it: titles and appositives ("senior US diplomat", "Secretary of State"). */
  descriptors: string[];
  /** Other surface forms seen (acronyms, surname only), without the canonical name. */
  aliases?: string[];
  /** For DATE/TIME: ISO date (yyyy-mm-dd) or date-time the expression resolves to against the dateline. */
  resolved?: string;
  /** For glossary-backed entities: the glossary's note. */
  note?: string;
}

export type QuoteKind = 'direct' | 'indirect' | 'mixed';

export interface Speaker extends TextSpan {
  /** Id of the entity the speaker resolves to (pronouns and surnames resolved), when known. */
  entity?: string;
  /** Canonical name of that entity. */
  entityName?: string;
  /** named: a proper name or institution · described: a role with an affiliation · vague: "critics", "sources". */
  specificity?: 'named' | 'described' | 'vague';
}

export interface Quote extends TextSpan {
  /** "q1", "q2", … in document order. */
  id: string;
  kind: QuoteKind;
  speaker: Speaker | null;
  cue: TextSpan | null;
  /** Extra content spans when the quote is interrupted by its attribution or runs over paragraphs. */
  parts?: Span[];
  /** How the speaker was found, for the hover: "named in the same sentence", "speaker from the previous paragraph", … */
  attribution?: string;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** An unattributed-claim finding (the catalogue in DIAGNOSTICS.md). */
export interface Finding extends Span {
  code: string;
  severity: Severity;
  message: string;
  /** Machine-readable extras for quick fixes (e.g. the loaded verb to replace). */
  data?: Record<string, unknown>;
  /** Nearby attribution that was considered and rejected, when that helps the reader. */
  related?: { start: number; end: number; message: string }[];
}

export interface Token extends TextSpan {
  /** Index of the sentence this token belongs to. */
  sentence: number;
}

export interface Sentence extends Span {
  /** Index into Article.paragraphs. */
  paragraph: number;
  /** Index range into the token array: tokens[firstToken .. lastToken) */
  firstToken: number;
  lastToken: number;
}

export type ParagraphRole = 'headline' | 'byline' | 'dateline' | 'body' | 'caption' | 'other';

export interface Paragraph extends Span {
  role: ParagraphRole;
}

export interface Article {
  /** The exact text analysed. */
  text: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  /** Empty in the language server, whose features never read them (serverArticle in documents.ts). */
  tokens: Token[];
  /** One per real-world thing, ordered by first mention. */
  entities: Entity[];
  /** In document order. */
  quotes: Quote[];
  diagnostics: Finding[];
  /** ISO date (yyyy-mm-dd) found in the header, used to resolve relative dates. */
  dateline?: string;
  /** Word count of the body text, for the status bar and per-1,000-word figures. */
  wordCount: number;
  /** Set when analysis was cut short (document over the size limit): what was skipped and why. */
  notice?: string;
}

export type DocumentFormat = 'plaintext' | 'markdown' | 'news';

export interface AnalyzeOptions {
  format?: DocumentFormat;
  /** ISO date to resolve relative dates against when the article has no dateline. */
  referenceDate?: string;
  /** Documents longer than this many UTF-16 units get a cheaper analysis (see Article.notice). */
  maxLength?: number;
  /** Opinion/analysis pieces: silence evaluative-language findings. */
  genre?: 'news' | 'opinion';
}
