// The compiled rule pack: what the rule compiler writes and the engine reads. Plain JSON, so the
// extension bundles it and the command line can cache it; no rule is parsed while scanning.
import type { WordUnits } from './expressions';
import type { Category, Kind, Lang, Severity, Source } from './types';

export interface CompiledRule {
  id: string;
  category: Category;
  /** BCP 47 primary language, or '*' for rules that hold in every language. */
  lang: Lang | '*';
  /** Where matches must meet word edges (checked after matching: cheaper than lookarounds). */
  boundary: Boundary;
  severity: Severity;
  explanation: string;
  /** The explanation in the rule's own language, when that is not English. */
  explanationLocal?: string;
  source: Source[];
  /** Lowercase literals; a pattern is only tried in sentences that contain one of them. */
  keywords: string[];
  /** Regular-expression sources, macros expanded, lowercase; run by `patternRegExp`. */
  patterns: string[];
  /** compromise match expressions (English rules only). */
  match: string[];
  /** A negation or reassurance just before or after the match cancels it. */
  negatable: boolean;
}

/**
 * One pattern of a rule (or, with pattern -1, its compromise expressions) and the literals it
 * needs in a sentence before it is worth running: one of every clause (literal ids). The first
 * clause is the rule's keywords.
 */
export interface Gate {
  rule: number;
  pattern: number;
  clauses: number[][];
  /** The clause whose literals wake the gate: the keywords, unless one is a lone ideograph or syllable. */
  trigger: number;
  /** Every match has a digit (an amount, an age): a sentence without one is skipped. */
  digit?: true;
}

export type Boundary = 'word' | 'start' | 'none' | 'segment';

export interface CompiledLanguage {
  lang: Lang;
  /** How patterns and keywords meet neighbouring letters. */
  boundary: Boundary;
  /** Sources of regular expressions (flags `iu`), or '' when the language has none. */
  negationBefore: string;
  negationAfter: string;
  /** Characters before/after a match searched for negation (default by boundary kind). */
  negationWindow?: { before: number; after: number };
  /** Extra characters that end a clause before a match (Thai: the space between phrases). */
  negationBreaks?: string;
  /** A sentence with one of these warns ABOUT a pattern rather than using it. */
  caution: string;
  kindCues: Record<Exclude<Kind, 'other'>, string>;
  /** Frequent words that tell this language from others of the same script. */
  profile: string;
  /** The same words spelled out, when every one is a plain word: looked up instead of matched. */
  profileWords?: string[];
}

export interface CompiledPack {
  version: 1;
  rules: CompiledRule[];
  /** What the prefilter looks for: rule keywords and the strings patterns require, each once. */
  literals: string[];
  /** Literals found only where they start (end) a word. */
  literalWordStart: boolean[];
  literalWordEnd: boolean[];
  /** Every pattern with what it cannot match without. */
  gates: Gate[];
  /** Single words of all keywords: what obfuscated tokens are read against. */
  lexicon: string[];
  aliases: [string, string][];
  /** Single characters folded to others in pass 1 (e.g. Traditional → Simplified Chinese). */
  charFold: [string, string][];
  languages: CompiledLanguage[];
  /** URL patterns (regular-expression sources) that tell the page kind. */
  urlKinds: { pattern: string; kind: Kind }[];
  /** \p{L} and \p{N} of the scripts the rules read, as ranges: what expressions run with (see expressions.ts). */
  wordUnits: WordUnits;
}
