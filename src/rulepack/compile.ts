// The rule compiler: every file of rules/ in, one pack out, or every problem named by file.
// Runs at build time (and when the command line starts); the engine never parses a rule.
import { parse as parseYaml } from 'yaml';
import { isWordChar } from '../engine/prefilter';
import { Scanner, type Nlp } from '../engine/scanner';
import { languageRegExp, patternRegExp } from '../engine/expressions';
import type { Boundary, CompiledLanguage, CompiledPack, CompiledRule, Gate } from '../engine/pack';
import { clauseScore, exactStrings, needsDigit, requiredClauses, weakestWeight, type Clause, type Literal } from './required';
import type { Lang } from '../engine/types';
import {
  checkLanguage, checkPageKinds, checkRule, checkVocabulary, Problems,
  type LanguageFile, type RuleFile, type VocabularyFile,
} from './schema';

export interface SourceFile {
  /** Path relative to the project, e.g. "rules/en/passport-held.yaml". */
  path: string;
  text: string;
}

export class RulePackError extends Error {
  constructor(readonly problems: string[]) {
    super(`the rule pack has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
    this.name = 'RulePackError';
  }
}

const MACRO = /(?<!\\[pP])\{([a-z][a-z0-9-]*)(?::(\d+))?\}/g;

/** Expand `{name}` vocabulary macros and the built-in gaps `{w:N}` (words) and `{c:N}` (characters). */
export function expandMacros(pattern: string, macros: Record<string, string[]>, p: Problems, where: string, depth = 0): string {
  return pattern.replace(MACRO, (whole, name: string, n?: string) => {
    if (name === 'w') return `(?:[^\\s.!?;]+\\s+){0,${n ?? 3}}`;
    if (name === 'c') return `[^.!?。！？；\\n]{0,${n ?? 6}}`;
    const alts = macros[name];
    // The end of a word as the compiler checks it after every pattern of a spaced language, for
    // a pattern whose alternation must end there ("live|lives"). A language may define its own.
    if (!alts && name === 'end') return END_OF_WORD;
    if (!alts) {
      p.add(`${where}: unknown macro ${whole}`);
      return whole;
    }
    // A macro may use other macros (not itself): expand a few levels deep.
    if (depth >= 4) {
      p.add(`${where}: macro ${whole} nests too deeply (a macro that uses itself?)`);
      return whole;
    }
    return `(?:${alts.map((a) => expandMacros(a, macros, p, where, depth + 1)).join('|')})`;
  });
}

/** A language profile as plain words (each alternative spelled out), or null if one is not plain. */
function profileWords(profile: string[]): string[] | null {
  const words: string[] = [];
  for (const alt of profile) {
    let ws: string[] | null = null;
    try {
      ws = exactStrings(alt);
    } catch {
      // reported as a regex that does not compile
    }
    if (!ws) return null;
    words.push(...ws);
  }
  return words;
}

function boundaryOf(lang: Lang | '*', languages: Map<Lang, LanguageFile>): Boundary {
  return lang === '*' ? 'none' : (languages.get(lang)?.boundary ?? 'none');
}

/**
 * Patterns run on lowercase text without the (slow) `i` flag, so their letters are lowercased
 * here; escapes like \\S, \\p{L} and \\u{...} are left as written.
 */
export function lowerPattern(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1] ?? '';
      const close = /[pPux]/.test(n) && src[i + 2] === '{' ? src.indexOf('}', i) : n === 'k' && src[i + 2] === '<' ? src.indexOf('>', i) : -1;
      const end = close > 0 ? close + 1 : i + 2;
      out += src.slice(i, end);
      i = end - 1;
    } else if (c === '(' && src.startsWith('(?<', i) && /[a-zA-Z]/.test(src[i + 3] ?? '')) {
      const end = src.indexOf('>', i) + 1;
      out += src.slice(i, end);
      i = end - 1;
    } else out += c.toLowerCase();
  }
  return out;
}

/**
 * The letters (\p{L}) and digits (\p{N}) of the blocks of the scripts the rules read, as explicit
 * ranges of UTF-16 units: the engine runs expressions with these (src/engine/expressions.ts).
 * Outside these blocks (Arabic, Devanagari…) a letter reads as a non-letter.
 */
const SCRIPT_BLOCKS = [
  [0x0000, 0x02ff], // Latin, Latin-1, extended Latin, IPA and modifier letters
  [0x0370, 0x052f], // Greek, Cyrillic
  [0x0e00, 0x0e7f], // Thai
  [0x1000, 0x109f], // Myanmar
  [0x1100, 0x11ff], // Hangul jamo
  [0x1e00, 0x1fff], // Latin extended additional (Vietnamese), Greek extended
  [0x3040, 0x30ff], // kana
  [0x3130, 0x318f], // Hangul compatibility jamo
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK
  [0xac00, 0xd7af], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility
] as const;
function unitRanges(property: RegExp): string {
  const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
  const has = (c: number) => property.test(String.fromCharCode(c));
  let out = '';
  for (const [from, to] of SCRIPT_BLOCKS) {
    for (let c: number = from; c <= to; c++) {
      if (!has(c)) continue;
      let end = c;
      while (end < to && has(end + 1)) end++;
      out += end === c ? hex(c) : `${hex(c)}-${hex(end)}`;
      c = end;
    }
  }
  return out;
}
export const WORD_UNITS = { letters: unitRanges(/\p{L}/u), numbers: unitRanges(/\p{N}/u) };

/** After a match that ends with a letter or digit, no letter or digit may follow. */
const END_OF_WORD = '(?:(?<=[^\\p{L}\\p{N}])|(?![\\p{L}\\p{N}]))';

/** Keywords and aliases are folded like the text (NFKC, lowercase), keeping Thai/Lao sara am whole. */
const foldKeyword = (k: string) =>
  k.replace(/[\u0e33\u0eb3]/g, (c) => (c === '\u0e33' ? '\ue001' : '\ue002')).normalize('NFKC').toLowerCase().trim()
    .replace(/\ue001/g, '\u0e33').replace(/\ue002/g, '\u0eb3');

function parseFile(f: SourceFile, p: Problems): unknown {
  try {
    return parseYaml(f.text);
  } catch (e) {
    p.add(`not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    return null;
  }
}

/** One character for one character is a fold in pass 1 (cheap); anything longer an alias search. */
function splitAliases(all: [string, string][]): Pick<CompiledPack, 'aliases' | 'charFold'> {
  const aliases: [string, string][] = [];
  const charFold: [string, string][] = [];
  for (const [from, to] of all) {
    const raw = from.trim();
    if (raw.length === 1 && to.length === 1 && /[^\p{Script=Latin}]/u.test(raw)) charFold.push([raw, to.toLowerCase()]);
    else aliases.push([foldKeyword(from), to.toLowerCase()]);
  }
  return { aliases, charFold };
}

/** Compile all files; throws RulePackError naming every bad file and rule. */
export function compilePack(files: readonly SourceFile[], options: { nlp?: Nlp; checkExamples?: boolean } = {}): CompiledPack {
  const problems: string[] = [];
  const rulesByPath: { file: SourceFile; rule: RuleFile }[] = [];
  const languages = new Map<Lang, LanguageFile>();
  let vocabulary: VocabularyFile = { macros: {}, aliases: [], lexicon: [] };
  let urlKinds: CompiledPack['urlKinds'] = [];
  let sawVocabulary = false;

  for (const f of files) {
    const p = new Problems(f.path);
    const parts = f.path.split('/');
    const name = parts[parts.length - 1]!.replace(/\.ya?ml$/, '');
    const folder = parts.length >= 3 ? parts[parts.length - 2]! : '';
    const raw = parseFile(f, p);
    if (raw !== null) {
      if (folder === 'languages') {
        const l = checkLanguage(p, raw, name);
        if (l) languages.set(l.lang, l);
      } else if (parts.length === 2 && name === 'vocabulary') {
        vocabulary = checkVocabulary(p, raw);
        sawVocabulary = true;
      } else if (parts.length === 2 && name === 'page-kinds') {
        urlKinds = checkPageKinds(p, raw).urls;
      } else if (parts.length === 3) {
        const r = checkRule(p, raw, name, folder);
        if (r) rulesByPath.push({ file: f, rule: r });
      }
    }
    problems.push(...p.list);
  }
  if (!sawVocabulary) problems.push('rules/vocabulary.yaml: missing');

  // Duplicate ids (the file name is the id, but two folders could share one).
  const firstPath = new Map<string, string>();
  for (const { file, rule } of rulesByPath) {
    const prev = firstPath.get(rule.id);
    if (prev) problems.push(`${file.path}: duplicate id "${rule.id}" (also ${prev})`);
    else firstPath.set(rule.id, file.path);
  }

  // Patterns: expand, wrap, and make sure each compiles.
  const compiled: CompiledRule[] = [];
  const pathOf = new Map<string, string>();
  for (const { file, rule } of rulesByPath) {
    const p = new Problems(file.path);
    const b = boundaryOf(rule.lang, languages);
    const patterns = rule.patterns.map((src, i) => {
      const macros = rule.lang === '*' ? vocabulary.macros : { ...vocabulary.macros, ...languages.get(rule.lang)?.macros };
      // The end of a word is checked inside the regex, so a longer alternative can still win
      // ("lives" over "live"); the start is checked after matching, which is much cheaper.
      const body = lowerPattern(expandMacros(src, macros, p, `patterns[${i}]`));
      const expanded = b === 'word' ? `(?:${body})${END_OF_WORD}` : body;
      try {
        // Checked with the u flag (stricter) and as it will run.
        new RegExp(expanded, 'gu');
        patternRegExp(expanded, WORD_UNITS);
      } catch (e) {
        p.add(`rule ${rule.id}: patterns[${i}] does not compile: ${(e as Error).message}`);
      }
      return expanded;
    });
    problems.push(...p.list);
    pathOf.set(rule.id, file.path);
    compiled.push({
      id: rule.id,
      category: rule.category,
      lang: rule.lang,
      boundary: b,
      severity: rule.severity,
      explanation: rule.explanation,
      ...(rule.explanation_local && { explanationLocal: rule.explanation_local }),
      source: rule.source,
      keywords: rule.keywords.map(foldKeyword),
      patterns,
      match: rule.match,
      negatable: rule.negatable,
    });
  }
  compiled.sort((a, b) => a.id.localeCompare(b.id));

  // The prefilter's literals: rule keywords (whole words where the language spaces words) and
  // the strings each pattern cannot match without. Each gate (a pattern, or a rule's compromise
  // expressions) needs one of its rule's keywords and one literal of each required clause.
  const literalIndex = new Map<string, number>();
  const literals: string[] = [];
  const literalWordStart: boolean[] = [];
  const literalWordEnd: boolean[] = [];
  const literalOf = (l: Literal) => {
    const key = `${l.wordStart ? 's' : ''}${l.wordEnd ? 'e' : ''}:${l.text}`;
    let li = literalIndex.get(key);
    if (li === undefined) {
      li = literals.length;
      literalIndex.set(key, li);
      literals.push(l.text);
      literalWordStart.push(l.wordStart);
      literalWordEnd.push(l.wordEnd);
    }
    return li;
  };
  const gates: Gate[] = [];
  // A language's profile words ("the", "và") are too common to be worth finding in its rules.
  const profiles = new Map([...languages.values()].map((l) => [l.lang as Lang | '*', profileWords(l.profile)]));
  const commonWords = new Map([...profiles].map(([lang, words]) => [lang, new Set(words ?? [])]));
  const lexicon = new Set<string>(vocabulary.lexicon.map(foldKeyword));
  compiled.forEach((r, ri) => {
    const b = boundaryOf(r.lang, languages);
    const keywordLiterals = r.keywords.map((k): Literal => {
      // Korean writes compounds without spaces ("강남텐프로"): a Hangul keyword may start anywhere.
      const hangul = /^[\uac00-\ud7af]/.test(k);
      const spaced = (b === 'word' || b === 'start' || r.lang === '*') && isWordChar(k.charCodeAt(0)) && !hangul;
      // A Latin keyword of Chinese, Thai or Burmese still starts a word: their letters are not
      // word characters, so "v" starts one in "加v" but not in "provide" (an ID may follow it).
      const latinInUnspaced = b === 'none' && r.lang !== '*' && /^[a-z]/.test(k);
      // Short word-like keywords ("ig", "wa", "yo") must be whole words: as prefixes they hit everywhere.
      return { text: k, wordStart: spaced || latinInUnspaced, wordEnd: spaced && /^[a-z\u00c0-\u024f\u0400-\u04ff]{1,2}$/.test(k) };
    });
    for (const k of r.keywords) {
      for (const w of k.split(/[^\p{L}]+/u)) {
        if (w.length >= 3 && /^[\p{Script=Latin}\p{Script=Cyrillic}]+$/u.test(w)) lexicon.add(w);
        else if (w.length >= 2 && w.length <= 4 && /^[\p{Script=Hangul}\p{Script=Han}]+$/u.test(w)) lexicon.add(w);
      }
    }
    // Gates are woken by the rule's keywords, its authors' most specific words: the words a
    // pattern requires are often everyday words of job ads ("experience", "support"), and on real
    // job ads the keywords woke 30% fewer sentences. When the weakest keyword weighs under 3 (a
    // lone ideograph or syllable, Korean "한"), by the pattern's most telling clause instead.
    const keywordsWake = weakestWeight(keywordLiterals) >= 3;
    const gate = (pattern: number, required: Clause[], digit: boolean) => {
      const all = [keywordLiterals, ...required];
      const clauses = all.map((c) => [...new Set(c.map(literalOf))]);
      const scores = keywordsWake ? [] : all.map(clauseScore);
      const trigger = keywordsWake ? 0 : scores.indexOf(Math.max(...scores));
      gates.push({ rule: ri, pattern, clauses, ...(digit && { digit }), trigger });
    };
    const common = commonWords.get(r.lang) ?? new Set<string>();
    r.patterns.forEach((src, pi) => {
      let required: Clause[] = [];
      let digit = false;
      try {
        required = requiredClauses(src, b === 'word' || b === 'start', common);
        digit = needsDigit(src);
      } catch {
        // A pattern that does not compile is reported above; the keywords alone gate it.
      }
      gate(pi, required, digit);
    });
    if (r.match.length > 0) gate(-1, [], false);
  });

  const langs: CompiledLanguage[] = [...languages.values()].map((l) => {
    const join = (xs: string[]) => xs.join('|');
    return {
      lang: l.lang,
      boundary: l.boundary,
      negationBefore: join(l.negation.before),
      negationAfter: join(l.negation.after),
      ...(l.negation.window && { negationWindow: l.negation.window }),
      ...(l.negation.breaks && { negationBreaks: l.negation.breaks }),
      caution: join(l.caution),
      kindCues: { job: join(l.kinds.job), dating: join(l.kinds.dating), chat: join(l.kinds.chat), article: join(l.kinds.article) },
      profile: join(l.profile),
      ...(profiles.get(l.lang) && { profileWords: profiles.get(l.lang)! }),
    };
  });
  for (const l of langs) {
    for (const [k, src] of Object.entries({ negationBefore: l.negationBefore, negationAfter: l.negationAfter, caution: l.caution, profile: l.profile, ...l.kindCues })) {
      try {
        new RegExp(src, 'iu');
        languageRegExp(src, 'i', WORD_UNITS);
      } catch (e) {
        problems.push(`rules/languages/${l.lang}.yaml: ${k} does not compile: ${(e as Error).message}`);
      }
    }
  }

  if (problems.length > 0) throw new RulePackError(problems);

  const pack: CompiledPack = {
    version: 1,
    wordUnits: WORD_UNITS,
    rules: compiled,
    literals,
    literalWordStart,
    literalWordEnd,
    gates,
    lexicon: [...lexicon].sort(),
    ...splitAliases([...vocabulary.aliases, ...[...languages.values()].flatMap((l) => l.aliases)]),
    languages: langs,
    urlKinds,
  };

  if (options.checkExamples ?? true) {
    const exampleProblems = checkExamples(pack, rulesByPath.map((x) => x.rule), pathOf, options.nlp);
    if (exampleProblems.length > 0) throw new RulePackError(exampleProblems);
  }
  return pack;
}

/** Every example goes through the real engine, exactly as a page would. */
export function checkExamples(pack: CompiledPack, rules: RuleFile[], pathOf: Map<string, string>, nlp?: Nlp): string[] {
  const scanner = new Scanner(pack, nlp ? { nlp } : {});
  const problems: string[] = [];
  for (const rule of rules) {
    const path = pathOf.get(rule.id);
    const hits = (text: string) => scanner.scan(text, { kind: 'other' }).findings.some((f) => f.rule === rule.id);
    for (const ex of rule.examples.match) {
      if (!hits(ex)) problems.push(`${path}: rule ${rule.id}: example should match but does not: ${JSON.stringify(ex)}`);
    }
    for (const ex of rule.examples.no_match) {
      if (hits(ex)) problems.push(`${path}: rule ${rule.id}: example should not match but does: ${JSON.stringify(ex)}`);
    }
  }
  return problems;
}
