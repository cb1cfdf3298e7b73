// What a rule file and the data files in rules/ may contain, checked field by field so that a
// mistake is reported as `rules/<file>: <what is wrong>`.
import { CATEGORY_IDS, KINDS, LANGS, SEVERITIES, type Category, type Kind, type Lang, type Severity, type Source } from '../engine/types';
import type { Boundary } from '../engine/pack';

export interface RuleFile {
  id: string;
  category: Category;
  lang: Lang | '*';
  severity: Severity;
  explanation: string;
  explanation_local?: string;
  source: Source[];
  keywords: string[];
  patterns: string[];
  match: string[];
  negatable: boolean;
  examples: { match: string[]; no_match: string[] };
  notes?: string;
}

export interface LanguageFile {
  lang: Lang;
  name: string;
  boundary: Boundary;
  negation: { before: string[]; after: string[]; window?: { before: number; after: number }; breaks?: string };
  caution: string[];
  kinds: Record<Exclude<Kind, 'other'>, string[]>;
  profile: string[];
  /** Macros only this language's rules use, e.g. its own way of writing money. */
  macros: Record<string, string[]>;
  /** Stand-ins rewritten before matching, like the shared aliases. */
  aliases: [string, string][];
}

export interface VocabularyFile {
  macros: Record<string, string[]>;
  aliases: [string, string][];
  lexicon: string[];
}

export interface PageKindsFile {
  urls: { pattern: string; kind: Kind }[];
}

/** Collects problems instead of stopping at the first, so one run reports them all. */
export class Problems {
  readonly list: string[] = [];
  constructor(private readonly file: string) {}
  add(what: string): void {
    this.list.push(`${this.file}: ${what}`);
  }
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

function strings(p: Problems, o: Obj, key: string, opts: { min?: number; required?: boolean } = {}): string[] {
  const v = o[key];
  if (v === undefined || v === null) {
    if (opts.required ?? true) p.add(`\`${key}\` is missing`);
    return [];
  }
  if (!Array.isArray(v)) {
    p.add(`\`${key}\` must be a list`);
    return [];
  }
  // YAML reads `- 18` as a number: take it as the text it was written as.
  const list = v.map((x) => (typeof x === 'number' ? String(x) : x));
  const bad = list.findIndex((x) => typeof x !== 'string' || x.trim() === '');
  if (bad >= 0) {
    p.add(`\`${key}\`[${bad}] must be a non-empty string, not ${JSON.stringify(list[bad])}`);
    return [];
  }
  if (list.length < (opts.min ?? 0)) p.add(`\`${key}\` needs at least ${opts.min} entr${opts.min === 1 ? 'y' : 'ies'}`);
  return list as string[];
}

function oneOf<T extends string>(p: Problems, o: Obj, key: string, allowed: readonly T[]): T {
  const v = o[key];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    p.add(`\`${key}\` is ${JSON.stringify(v)}; expected one of: ${allowed.join(', ')}`);
  }
  return v as T;
}

function unknownKeys(p: Problems, o: Obj, allowed: readonly string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) p.add(`unknown field \`${k}\``);
}

const RULE_KEYS = [
  'id', 'category', 'lang', 'severity', 'explanation', 'explanation_local', 'source', 'keywords',
  'patterns', 'match', 'negatable', 'examples', 'notes',
] as const;

export function checkRule(p: Problems, raw: unknown, fileId: string, folder: string): RuleFile | null {
  if (!isObj(raw)) {
    p.add('a rule file must be a mapping of fields');
    return null;
  }
  unknownKeys(p, raw, RULE_KEYS);
  const id = raw.id;
  if (typeof id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) p.add('`id` must be lowercase words joined by hyphens');
  else if (id !== fileId) p.add(`\`id\` is "${id}" but the file is named "${fileId}": the id is the file name`);
  const category = oneOf(p, raw, 'category', CATEGORY_IDS);
  const lang = oneOf(p, raw, 'lang', [...LANGS, '*'] as const);
  const expectedFolder = lang === '*' ? 'common' : lang;
  if (typeof lang === 'string' && folder !== expectedFolder) p.add(`a rule with lang "${lang}" belongs in rules/${expectedFolder}/`);
  const severity = oneOf(p, raw, 'severity', SEVERITIES);
  for (const key of ['explanation', 'explanation_local'] as const) {
    const v = raw[key];
    if (v === undefined && key === 'explanation_local') {
      if (lang !== 'en' && lang !== '*') p.add('`explanation_local` (the explanation in the rule\'s language) is missing');
      continue;
    }
    if (typeof v !== 'string' || v.trim().length < 20 || v.length > 400) p.add(`\`${key}\` must be one or two plain sentences (20–400 characters)`);
  }
  const source = raw.source;
  const sources: Source[] = [];
  if (!Array.isArray(source) || source.length === 0) p.add('`source` must list at least one source (seed section and/or indicator with url)');
  else {
    source.forEach((s, i) => {
      if (!isObj(s)) return p.add(`source[${i}] must be a mapping`);
      unknownKeys(p, s, ['seed', 'indicator', 'url']);
      const seed = typeof s.seed === 'string' ? s.seed : undefined;
      const indicator = typeof s.indicator === 'string' ? s.indicator : undefined;
      const url = typeof s.url === 'string' ? s.url : undefined;
      if (!seed && !indicator) p.add(`source[${i}] needs \`seed\` (a section of the seed) or \`indicator\``);
      if (indicator && !url) p.add(`source[${i}] indicator "${indicator}" needs its \`url\``);
      if (url && !/^https?:\/\/\S+$/.test(url)) p.add(`source[${i}].url is not a web address`);
      sources.push({ ...(seed && { seed }), ...(indicator && { indicator }), ...(url && { url }) });
    });
  }
  const keywords = strings(p, raw, 'keywords', { min: 1 });
  const patterns = strings(p, raw, 'patterns', { required: false });
  const match = strings(p, raw, 'match', { required: false });
  if (patterns.length === 0 && match.length === 0) p.add('a rule needs `patterns` (regular expressions) or `match` (compromise)');
  if (match.length > 0 && lang !== 'en') p.add('`match` (compromise) is for English rules only');
  const negatable = raw.negatable ?? true;
  if (typeof negatable !== 'boolean') p.add('`negatable` must be true or false');
  const ex = raw.examples;
  let examples = { match: [] as string[], no_match: [] as string[] };
  if (!isObj(ex)) p.add('`examples` must have `match` and `no_match` lists');
  else {
    unknownKeys(p, ex, ['match', 'no_match']);
    examples = { match: strings(p, ex, 'match', { min: 1 }), no_match: strings(p, ex, 'no_match', { min: 1 }) };
  }
  if (raw.notes !== undefined && typeof raw.notes !== 'string') p.add('`notes` must be text');
  return {
    id: id as string,
    category,
    lang,
    severity,
    explanation: String(raw.explanation ?? '').trim(),
    ...(typeof raw.explanation_local === 'string' && { explanation_local: raw.explanation_local.trim() }),
    source: sources,
    keywords,
    patterns,
    match,
    negatable: negatable as boolean,
    examples,
  };
}

export function checkLanguage(p: Problems, raw: unknown, fileLang: string): LanguageFile | null {
  if (!isObj(raw)) {
    p.add('a language file must be a mapping of fields');
    return null;
  }
  unknownKeys(p, raw, ['lang', 'name', 'boundary', 'negation', 'caution', 'kinds', 'profile', 'macros', 'aliases']);
  const extra = checkVocabulary(p, { macros: raw.macros ?? {}, aliases: raw.aliases ?? [] });
  const lang = oneOf(p, raw, 'lang', LANGS);
  if (lang !== fileLang) p.add(`\`lang\` must be the file name ("${fileLang}")`);
  const boundary = oneOf(p, raw, 'boundary', ['word', 'start', 'none', 'segment'] as const);
  const neg = isObj(raw.negation) ? raw.negation : {};
  const kindsRaw = isObj(raw.kinds) ? raw.kinds : {};
  if (!isObj(raw.kinds)) p.add('`kinds` must map job, dating, chat and article to cue lists');
  const kinds = {} as LanguageFile['kinds'];
  for (const k of KINDS) if (k !== 'other') kinds[k] = strings(p, kindsRaw, k, { required: false });
  return {
    lang,
    name: String(raw.name ?? lang),
    boundary,
    negation: {
      before: strings(p, neg, 'before', { required: false }),
      after: strings(p, neg, 'after', { required: false }),
      ...(neg.window !== undefined && { window: checkWindow(p, neg.window) }),
      ...(neg.breaks !== undefined && { breaks: typeof neg.breaks === 'string' ? neg.breaks : (p.add('`negation.breaks` must be a string of characters'), '') }),
    },
    caution: strings(p, raw, 'caution', { required: false }),
    kinds,
    profile: strings(p, raw, 'profile', { required: false }),
    macros: extra.macros,
    aliases: extra.aliases,
  };
}

function checkWindow(p: Problems, w: unknown): { before: number; after: number } {
  const ok = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 200;
  if (isObj(w) && ok(w.before) && ok(w.after)) return { before: w.before as number, after: w.after as number };
  p.add('`negation.window` must be {before: N, after: N} in characters (0–200)');
  return { before: 0, after: 0 };
}

export function checkVocabulary(p: Problems, raw: unknown): VocabularyFile {
  const o = isObj(raw) ? raw : {};
  unknownKeys(p, o, ['macros', 'aliases', 'lexicon']);
  const macros: Record<string, string[]> = {};
  if (isObj(o.macros)) {
    for (const [name, v] of Object.entries(o.macros)) {
      if (!/^[a-z][a-z0-9-]*$/.test(name)) p.add(`macro name "${name}" must be lowercase`);
      macros[name] = strings(p, o.macros, name, { min: 1 });
    }
  } else p.add('`macros` must be a mapping of name to alternatives');
  const aliases: [string, string][] = [];
  if (Array.isArray(o.aliases)) {
    o.aliases.forEach((a, i) => {
      if (Array.isArray(a) && a.length === 2 && a.every((x) => typeof x === 'string' && x.trim())) aliases.push([a[0], a[1]]);
      else p.add(`aliases[${i}] must be a pair [stand-in, meaning] of non-blank strings`);
    });
  }
  return { macros, aliases, lexicon: strings(p, o, 'lexicon', { required: false }) };
}

export function checkPageKinds(p: Problems, raw: unknown): PageKindsFile {
  const o = isObj(raw) ? raw : {};
  const urls: PageKindsFile['urls'] = [];
  if (!Array.isArray(o.urls)) p.add('`urls` must be a list of {pattern, kind}');
  else {
    o.urls.forEach((u, i) => {
      if (!isObj(u) || typeof u.pattern !== 'string') return p.add(`urls[${i}] needs a \`pattern\``);
      try {
        new RegExp(u.pattern, 'i');
      } catch (e) {
        p.add(`urls[${i}].pattern does not compile: ${(e as Error).message}`);
      }
      const kind = oneOf(p, u, 'kind', KINDS);
      urls.push({ pattern: u.pattern, kind });
    });
  }
  return { urls };
}
