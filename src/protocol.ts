// The custom `byline/…` protocol shared by the client (src/extension.ts) and the server (src/server/): method
// names, their parameter and result types, and the semantic token legend. Every method here is documented in
// docs/PROTOCOL.md (a test fails when one is missing). Plain types only: no vscode or vscode-languageserver imports,
// so both sides (and a browser build) can import this file.

/** A position and range as LSP sends them: zero-based line, UTF-16 character. */
export interface ProtocolPosition {
  line: number;
  character: number;
}
export interface ProtocolRange {
  start: ProtocolPosition;
  end: ProtocolPosition;
}

export interface DocumentParams {
  textDocument: { uri: string };
}

// ---- byline/quotes: every quote of a document in order (Next/Previous Quote, Go to Quote…) ----------------

export const QUOTES_METHOD = 'byline/quotes';

export interface QuoteSummary {
  /** "q1", "q2", … in document order. */
  id: string;
  kind: 'direct' | 'indirect' | 'mixed';
  /** The quote's content (for a direct quote, including its quotation marks). */
  range: ProtocolRange;
  /** The speaker's canonical name when resolved, else the words naming the speaker; null when unattributed. */
  speaker: string | null;
  speakerRange: ProtocolRange | null;
  cue: string | null;
  /** The first words of the quote, whitespace collapsed, for pickers. */
  snippet: string;
}

export interface QuotesResult {
  uri: string;
  version: number;
  quotes: QuoteSummary[];
}

// ---- byline/sources: the document's speakers grouped by how they are identified (the Sources view) ----------

export const SOURCES_METHOD = 'byline/sources';

export type SourceSpecificity = 'named' | 'described' | 'vague';

export interface SourceSummary {
  /** The canonical name when the speaker resolves to an entity, else the words naming it at its first quote. */
  name: string;
  specificity: SourceSpecificity;
  /** The speaker's words at its first quote. */
  range: ProtocolRange;
  /** The speaker's quotes, in document order. */
  quotes: QuoteSummary[];
}

export interface SourcesResult {
  uri: string;
  version: number;
  /** Named first, then described, then vague; within a group, by first quote. */
  sources: SourceSummary[];
  /** Quotes with no speaker. */
  unattributed: QuoteSummary[];
  counts: { named: number; described: number; vague: number; unattributedQuotes: number };
  /** The quotes of every indexed article of the document's workspace folder, by how their speaker is identified. */
  folder?: { articles: number; quotes: { named: number; described: number; vague: number; unattributed: number } };
}

// ---- byline/status: figures for the client's language status item -------------------------------------------

export const STATUS_METHOD = 'byline/status';

export interface ArticleStatus {
  uri: string;
  version: number;
  /** false when the document's language is not analysed (setting byline.languages). */
  analyzed: boolean;
  words: number;
  quotes: number;
  /** Distinct named speakers (people and institutions quoted). */
  namedSources: number;
  /** Quotes with no speaker. */
  unattributedQuotes: number;
  entities: number;
  /** Diagnostics published for this version (after severity settings and ignores). */
  findings: number;
  /** Set when analysis was skipped or cut short (document over byline.maxDocumentSize). */
  notice?: string;
  /** How long the analysis took, in milliseconds (the client may warn about slow files). */
  analysisMs: number;
}

/** Sent by the server after each (re-)analysis of an open document; same payload as byline/status. */
export const STATUS_NOTIFICATION = 'byline/didAnalyze';

// ---- workspace/executeCommand commands the server handles -------------------------------------------------

/**
 * Adds a finding to the workspace ignore file (.byline/ignore.json), keyed by code and sentence text.
 * Arguments: [IgnoreFindingArgs]. Offered by the "Ignore this here" quick fix in plain-text documents.
 */
export const IGNORE_FINDING_COMMAND = 'byline.server.ignoreFinding';

export interface IgnoreFindingArgs {
  uri: string;
  code: string;
  sentence: string;
}

/** The ignore file's shape: `{ "version": 1, "ignore": [{ "code": "ATTR004", "sentence": "…" }] }`. */
export interface IgnoreFile {
  version: 1;
  ignore: { code: string; sentence: string }[];
}

// ---- Finding.data keys the quick fixes read --------------------------------------------------------------

/**
 * What the claim rules may put in Finding.data for quick fixes (all optional; the server falls back to the
 * finding's own span when a key is missing).
 */
export interface FindingFixData {
  /** The rule's own fix: replace [start, end) with newText. Preferred over everything below. */
  edit?: { start: number; end: number; newText: string };
  /** The quick fix's title for `edit` ("Change “claimed” to “said”"). */
  title?: string;
  /** The loaded or non-speech cue to replace (ATTR008). */
  verb?: { start: number; end: number; text?: string };
  /** The replacement for `verb`; default "said" ("says" for a present-tense verb). */
  replacement?: string;
  /** Where an attribution placeholder goes (offset); default: before the sentence's final punctuation. */
  attributionAt?: number;
}

// ---- semantic tokens -----------------------------------------------------------------------------------------

/** Token types, in legend order (package.json contributes the same names with a superType each). */
export const TOKEN_TYPES = ['person', 'organization', 'place', 'otherName', 'date', 'number', 'quote', 'speaker', 'cue'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

/** Token modifiers, in legend order (bit i of the modifier set is TOKEN_MODIFIERS[i]). */
export const TOKEN_MODIFIERS = ['firstMention', 'unattributed'] as const;
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKENS_LEGEND = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

/** Where every diagnostic's codeDescription points: the README section of its code (…#attr004). */
export const RULES_DOC_URL = 'https://github.com/byline-news/byline#';

/** Diagnostic code for the "document too large, analysis skipped" notice. */
export const SIZE_NOTICE_CODE = 'BYLINE-SIZE';
/** Diagnostic code on an invalid glossary file. */
export const GLOSSARY_PROBLEM_CODE = 'BYLINE-GLOSSARY';

// ---- the workspace index (articles of the workspace folders, analysed in the background) -------------------

export interface WorkspaceIndexStatus {
  /** false while the first pass over the folders runs. */
  ready: boolean;
  /** Articles indexed (open documents included). */
  files: number;
  /** Files left out: over byline.maxDocumentSize, or of a language not analysed. */
  skipped: number;
  /** Duration of the first pass, in milliseconds (0 while it runs). */
  ms: number;
}

/** Sent by the server when the first pass of the workspace index is over; payload WorkspaceIndexStatus. */
export const INDEXED_NOTIFICATION = 'byline/indexed';

/** Request, no params: the index's WorkspaceIndexStatus (to wait for it, or show it). */
export const INDEX_STATUS_METHOD = 'byline/indexStatus';

/** Diagnostic code of name consistency: a name spelled otherwise than its established spelling. */
export const NAME_CONSISTENCY_CODE = 'NAME001';
