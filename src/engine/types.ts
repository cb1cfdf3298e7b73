// The vocabulary shared by the engine, the rule compiler, the extension and the command line.
// Ids are fixed by ../shared/spec/categories.md.

export const CATEGORY_IDS = [
  'upfront-fees',
  'debt-bondage',
  'study-lure',
  'glamour-jobs',
  'document-control',
  'isolation-confinement',
  'off-platform-contact',
  'too-good-to-be-true',
  'appearance-age',
  'secrecy-pressure',
  'romance-relocation',
  'bride-brokerage',
  'vague-recruiter',
  'webcam-work',
  'scam-compound',
  'targets-minors',
] as const;
export type Category = (typeof CATEGORY_IDS)[number];

export const LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type Level = (typeof LEVELS)[number];

export const KINDS = ['job', 'dating', 'chat', 'article', 'other'] as const;
export type Kind = (typeof KINDS)[number];

export const LANGS = ['en', 'zh', 'vi', 'ru', 'es', 'id', 'ko', 'th', 'mn', 'my'] as const;
export type Lang = (typeof LANGS)[number];

/** How much one finding weighs. A category counts once, at its heaviest finding. */
export const SEVERITIES = ['soft', 'strong', 'hard'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Source {
  /** Section of the seed article, e.g. "Forced prostitution". */
  seed?: string;
  /** Indicator list entry, e.g. "ILO forced-labour indicators: Retention of identity documents". */
  indicator?: string;
  url?: string;
}

export interface Finding {
  rule: string;
  category: Category;
  severity: Severity;
  /** UTF-16 offsets into the original text: text.slice(start, end) === quote. */
  start: number;
  end: number;
  quote: string;
  explanation: string;
  source: Source[];
}

export interface ScanOptions {
  /** A hint only: the scanner detects the language itself when absent. */
  lang?: string;
  url?: string;
  /** A hint from the page (e.g. schema.org JobPosting found): wins over text cues. */
  kind?: Kind;
  /** Shifts the thresholds: 'high' warns earlier, 'low' later. */
  sensitivity?: Sensitivity;
  /** Rule ids and categories the user turned off. */
  disabledRules?: ReadonlySet<string>;
  disabledCategories?: ReadonlySet<Category>;
}
export type Sensitivity = 'low' | 'normal' | 'high';

export interface ScanResult {
  level: Level;
  score: number;
  kind: Kind;
  lang: Lang;
  findings: Finding[];
  /** Findings that matched but were discounted (warning or article context), for explanation only. */
  muted: Finding[];
}
