// What a pattern cannot match without. From a regular expression's source we derive clauses of
// literal strings: a match always contains at least one string of every clause. The engine runs
// a pattern only in sentences where every clause has a hit, so most sentences that merely share
// a common keyword with a rule never reach its regular expression (the idea of RE2's and
// Hyperscan's prefilters, for the JavaScript syntax our rules use).
import { isWordChar } from '../engine/prefilter';

/** A string the prefilter finds; only where it starts (ends) a word, if so marked. */
export interface Literal {
  text: string;
  wordStart: boolean;
  wordEnd: boolean;
}
/** Literals of which at least one occurs in every match. */
export type Clause = Literal[];

/**
 * Inside the analysis, one or more characters that are not letters or digits (\s+, [ ,.-]): a
 * word that follows it in a required string starts a word in the text too.
 */
const EDGE = '\u0001';

/**
 * A node's knowledge: the exact strings it matches (when few), or clauses its matches satisfy.
 * Without exact strings, what is known of its edges: every match that is not empty starts
 * (ends) with an edge, and whether it may be empty (unknown: false, false, true).
 */
interface Info {
  exact: Set<string> | null;
  clauses: Strings[];
  edgeStart?: boolean;
  edgeEnd?: boolean;
  mayBeEmpty?: boolean;
}

/** Cross products and alternations stay exact up to this many strings. */
const EXACT_LIMIT = 48;
/** Character classes up to this size are kept as alternatives ("[~∼-]"). */
const CLASS_LIMIT = 8;
/** Repetition bound treated as unbounded. */
const MANY = Number.POSITIVE_INFINITY;

const anything = (): Info => ({ exact: null, clauses: [] });

const mayBeEmpty = (x: Info) => (x.exact ? x.exact.has('') : x.mayBeEmpty !== false);
const edgeAtStart = (x: Info) => (x.exact ? [...x.exact].every((s) => s === '' || s.startsWith(EDGE)) : !!x.edgeStart);
const edgeAtEnd = (x: Info) => (x.exact ? [...x.exact].every((s) => s === '' || s.endsWith(EDGE)) : !!x.edgeEnd);

/** The edges of a sequence of these items: its first (last) characters come from the first (last) items that may not be empty. */
function sequenceEdges(items: Info[]): Pick<Info, 'edgeStart' | 'edgeEnd' | 'mayBeEmpty'> {
  const edge = (list: Info[], at: (x: Info) => boolean) => {
    for (const it of list) {
      if (!at(it)) return false;
      if (!mayBeEmpty(it)) return true;
    }
    return true;
  };
  return { edgeStart: edge(items, edgeAtStart), edgeEnd: edge([...items].reverse(), edgeAtEnd), mayBeEmpty: items.every(mayBeEmpty) };
}
const empty = (): Info => ({ exact: new Set(['']), clauses: [] });

/**
 * How telling a literal is: ideographs and Hangul syllables count two, other letters and digits
 * one, spaces and punctuation nothing.
 */
export function literalWeight(s: string): number {
  let w = 0;
  for (const ch of s) {
    if (/[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) w += 2;
    else if (/[\p{L}\p{N}\p{M}]/u.test(ch)) w += 1;
    else if (CURRENCY.test(ch)) w += 3;
  }
  return w;
}

/**
 * A currency sign tells as much as a word: an amount ({money}) always has a sign or a currency's
 * name, and most sentences with a number have neither (dates, years, phone numbers).
 */
const CURRENCY = /^\p{Sc}$/u;
/** What a literal is made of: runs of letters and digits, or a currency sign alone. */
const LITERAL_RUN = /[\p{L}\p{N}\p{M}]+|\p{Sc}/gu;
/**
 * Worth finding: three letters or more (two ideographs), or a whole word of two ("uk"). A weak
 * literal still filters well beside the others of its pattern; among the clauses, a word's
 * start or end counts one more each, and the engine wakes a pattern by its heaviest clause.
 */
function worthFinding(l: Literal): boolean {
  const w = literalWeight(l.text);
  return w >= 3 || (w === 2 && l.wordStart && l.wordEnd);
}
const weightOf = (l: Literal) => literalWeight(l.text) + (l.wordStart ? 1 : 0) + (l.wordEnd ? 1 : 0);

/** How telling a clause's weakest literal is. */
export function weakestWeight(c: readonly Literal[]): number {
  let min = MANY;
  for (const l of c) min = Math.min(min, weightOf(l));
  return min;
}

/** The weakest literal decides how selective a clause is; fewer literals break ties. */
export function clauseScore(c: readonly Literal[]): number {
  return weakestWeight(c) * 1000 - c.length;
}

/** Strings in the analysis are whole required pieces; each is cut to its best word at the end. */
type Strings = string[];

/**
 * Mark a string that begins (ends) where its node begins (ends): once the node's context is
 * known (the pattern's start, or an edge before it) the mark becomes an edge, or goes.
 */
const START = '\u0002';
const END = '\u0003';
type Context = 'here' | 'edge' | 'none';

const allEndWithEdge = (set: Set<string>) => [...set].every((x) => x.endsWith(EDGE));

function exactClause(set: Set<string>, before: Context, after: Context): Strings[] {
  if (![...set].every((s) => literalWeight(s) > 0)) return [];
  const pre = before === 'here' ? START : before === 'edge' ? EDGE : '';
  const post = after === 'here' ? END : after === 'edge' ? EDGE : '';
  return [[...set].map((s) => pre + s + post)];
}

function clausesOf(x: Info): Strings[] {
  return x.exact ? exactClause(x.exact, 'here', 'here') : x.clauses;
}

/** Resolve START (END) marks: kept while still at the node's edge, made edges, or dropped. */
function placed(clauses: Strings[], before: Context, after: Context): Strings[] {
  if (before === 'here' && after === 'here') return clauses;
  const pre = before === 'here' ? START : before === 'edge' ? EDGE : '';
  const post = after === 'here' ? END : after === 'edge' ? EDGE : '';
  return clauses.map((c) =>
    c.map((s) => {
      if (s.startsWith(START)) s = pre + s.slice(1);
      if (s.endsWith(END)) s = s.slice(0, -1) + post;
      return s;
    }),
  );
}

/** Best clause of a node, by its strings' weights (an approximation of the final score). */
function bestClause(x: Info): Strings | null {
  let best: Strings | null = null;
  let bestScore = -1;
  for (const c of clausesOf(x)) {
    const score = Math.min(...c.map(literalWeight)) * 1000 - c.length;
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

function cross(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

function concat(all: Info[]): Info {
  // What matches only the empty string (a lookaround, \b) changes nothing in a sequence; left
  // in, it would hide the edge after a clause's strings ("…|hk)(?![\p{L}])" ends a word).
  const items = all.filter((it) => !(it.exact?.size === 1 && it.exact.has('')));
  const clauses: Strings[] = [];
  let tail: Set<string> | null = new Set(['']);
  /** The whole sequence so far is the exact strings of `tail`. */
  let whole = true;
  /** Clauses of the last inexact item, their END marks waiting for what follows. */
  let pending: Strings[] = [];
  /** After an inexact item: does an edge come before the next one ("{0,3} words and their spaces")? */
  let edgeAfterInexact = false;
  for (const it of items) {
    if (it.exact && tail && tail.size * it.exact.size <= EXACT_LIMIT) {
      tail = cross(tail, it.exact);
      continue;
    }
    // What comes before `it`: the sequence's start, an edge, or something unknown.
    let before: Context = 'none';
    const after: Context = edgeAtStart(it) && !mayBeEmpty(it) ? 'edge' : 'none';
    if (tail) {
      before = whole && tail.size === 1 && tail.has('') ? 'here' : allEndWithEdge(tail) ? 'edge' : 'none';
      clauses.push(...exactClause(tail, whole ? 'here' : 'none', after));
    } else {
      before = edgeAfterInexact ? 'edge' : 'none';
      clauses.push(...placed(pending, 'here', after));
    }
    pending = [];
    whole = false;
    if (it.exact) tail = before === 'edge' ? cross(new Set([EDGE]), it.exact) : it.exact;
    else {
      pending = placed(it.clauses, before, 'here');
      tail = null;
      edgeAfterInexact = edgeAtEnd(it) && (!mayBeEmpty(it) || before === 'edge');
    }
  }
  if (whole) return { exact: tail, clauses: [] };
  if (tail) clauses.push(...exactClause(tail, 'none', 'here'));
  clauses.push(...pending);
  return { exact: null, clauses, ...sequenceEdges(items) };
}

function alternate(branches: Info[]): Info {
  if (branches.every((b) => b.exact)) {
    const all = new Set<string>();
    for (const b of branches) for (const s of b.exact!) all.add(s);
    if (all.size <= EXACT_LIMIT) return { exact: all, clauses: [] };
  }
  const edges = {
    edgeStart: branches.every(edgeAtStart),
    edgeEnd: branches.every(edgeAtEnd),
    mayBeEmpty: branches.some(mayBeEmpty),
  };
  // One clause per branch, joined: whichever branch matched, its clause holds.
  const joined = new Set<string>();
  for (const b of branches) {
    const c = bestClause(b);
    if (!c) return { exact: null, clauses: [], ...edges };
    for (const s of c) joined.add(s);
  }
  return { exact: null, clauses: [[...joined]], ...edges };
}

function repeat(x: Info, min: number, max: number): Info {
  if (max === 0) return empty();
  // \s+ is still one word edge; \s? and \s* may be none.
  if (x.exact?.size === 1 && x.exact.has(EDGE)) return { exact: new Set(min === 0 ? ['', EDGE] : [EDGE]), clauses: [] };
  if (min === 0 && max === 1 && x.exact && x.exact.size < EXACT_LIMIT) return { exact: new Set(['', ...x.exact]), clauses: [] };
  if (min === 1 && max === 1) return x;
  const edges = { edgeStart: edgeAtStart(x), edgeEnd: edgeAtEnd(x), mayBeEmpty: min === 0 || mayBeEmpty(x) };
  if (min === 0) return { exact: null, clauses: [], ...edges };
  return { exact: null, clauses: placed(clausesOf(x), 'none', 'none'), ...edges }; // which repetition is unknown
}

/** What a pattern's analysis makes of each piece of syntax. */
interface Algebra<T> {
  /** One character (as written). */
  char(ch: string): T;
  /** A character class: its characters when all are known and few (else `wide`); `digits` when every member is 0–9. */
  klass(chars: Set<string>, wide: boolean, digits: boolean): T;
  /** \d */
  digit(): T;
  /** Any other class (., \w, \p{L}, a backreference). */
  any(): T;
  /** What matches no text of its own: ^ $ \b, a lookaround. */
  empty(): T;
  seq(items: T[]): T;
  alt(branches: T[]): T;
  rep(x: T, min: number, max: number): T;
}

/** Stands for \d while a class or an escape is read. */
const DIGITS = '\u0004';
const isDigit = (ch: string) => ch >= '0' && ch <= '9';

/** A small parser of JavaScript regular-expression syntax (flag `u`), just deep enough for the analyses here. */
class Parser<T> {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly a: Algebra<T>,
  ) {}

  parse(): T {
    const info = this.alternation();
    if (this.i < this.src.length) throw new Error(`unexpected "${this.src[this.i]}" at ${this.i}`);
    return info;
  }

  private peek(): string {
    return this.src[this.i] ?? '';
  }

  private alternation(): T {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0]! : this.a.alt(branches);
  }

  private sequence(): T {
    const items: T[] = [];
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.quantified());
    return this.a.seq(items);
  }

  private quantified(): T {
    const atom = this.atom();
    let min = 1;
    let max = 1;
    const c = this.peek();
    if (c === '?' || c === '*' || c === '+') {
      this.i++;
      [min, max] = c === '?' ? [0, 1] : c === '*' ? [0, MANY] : [1, MANY];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) throw new Error(`bad quantifier at ${this.i}`);
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : MANY;
    } else return atom;
    if (this.peek() === '?') this.i++; // lazy: same strings
    return this.a.rep(atom, min, max);
  }

  private atom(): T {
    const c = this.peek();
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '.') {
      this.i++;
      return this.a.any();
    }
    if (c === '^' || c === '$') {
      this.i++;
      return this.a.empty();
    }
    if (c === '\\') return this.escape();
    const cp = this.src.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    return this.a.char(String.fromCodePoint(cp));
  }

  private group(): T {
    this.i++; // (
    let lookaround = false;
    if (this.src.startsWith('?:', this.i)) this.i += 2;
    else if (this.src.startsWith('?=', this.i) || this.src.startsWith('?!', this.i)) {
      this.i += 2;
      lookaround = true;
    } else if (this.src.startsWith('?<=', this.i) || this.src.startsWith('?<!', this.i)) {
      this.i += 3;
      lookaround = true;
    } else if (this.src.startsWith('?<', this.i)) {
      this.i = this.src.indexOf('>', this.i) + 1; // a named group
    }
    const inner = this.alternation();
    if (this.peek() !== ')') throw new Error(`unclosed group at ${this.i}`);
    this.i++;
    // A lookaround matches no text of its own: it requires nothing of the match.
    return lookaround ? this.a.empty() : inner;
  }

  /** One escape: a literal character, a class, or an assertion. */
  private escape(): T {
    const ch = this.escapedChar(false);
    if (ch === DIGITS) return this.a.digit();
    if (ch === null) return this.a.any();
    if (ch === '') return this.a.empty();
    return this.a.char(ch);
  }

  /**
   * Reads an escape after `\`. Returns its character, DIGITS for \d, null for another class
   * (\w, \p{L}, a backreference), or '' for an assertion (\b, \B) outside a class.
   */
  private escapedChar(inClass: boolean): string | null {
    this.i++; // backslash
    const e = this.src[this.i++] ?? '';
    switch (e) {
      case 's': case 'W':
        return EDGE;
      case 'd':
        return DIGITS;
      case 'D': case 'w': case 'S':
        return null;
      case 'p': case 'P':
        this.i = this.src.indexOf('}', this.i) + 1;
        return null;
      case 'b':
        return inClass ? '\b' : '';
      case 'B':
        return '';
      case 'k':
        this.i = this.src.indexOf('>', this.i) + 1;
        return null;
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'f': return '\f';
      case 'v': return '\v';
      case '0': return '\0';
      case 'c': return String.fromCharCode(this.src.charCodeAt(this.i++) % 32);
      case 'x': {
        const h = this.src.slice(this.i, this.i + 2);
        this.i += 2;
        return String.fromCharCode(parseInt(h, 16));
      }
      case 'u': {
        if (this.peek() === '{') {
          const end = this.src.indexOf('}', this.i);
          const cp = parseInt(this.src.slice(this.i + 1, end), 16);
          this.i = end + 1;
          return String.fromCodePoint(cp);
        }
        const h = this.src.slice(this.i, this.i + 4);
        this.i += 4;
        return String.fromCharCode(parseInt(h, 16));
      }
      default:
        if (/[1-9]/.test(e)) {
          while (/\d/.test(this.peek())) this.i++;
          return null; // a backreference
        }
        if (e === '') throw new Error('pattern ends with a backslash');
        // An escaped character stands for itself (with `u`, only syntax characters may be escaped).
        this.i--;
        const cp = this.src.codePointAt(this.i)!;
        this.i += cp > 0xffff ? 2 : 1;
        return String.fromCodePoint(cp);
    }
  }

  private charClass(): T {
    this.i++; // [
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    const chars = new Set<string>();
    let wide = negated;
    let digits = !negated;
    let members = 0;
    const one = (): string | null => {
      if (this.peek() === '\\') return this.escapedChar(true);
      const cp = this.src.codePointAt(this.i)!;
      this.i += cp > 0xffff ? 2 : 1;
      return String.fromCodePoint(cp);
    };
    while (this.i < this.src.length && this.peek() !== ']') {
      members++;
      const a = one();
      if (a === null || a === DIGITS) {
        wide = true;
        digits &&= a === DIGITS;
        continue;
      }
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        const b = one();
        if (b === null || b === DIGITS) {
          wide = true;
          digits = false;
          continue;
        }
        digits &&= isDigit(a) && isDigit(b);
        const from = a.codePointAt(0)!;
        const to = b.codePointAt(0)!;
        if (to - from + 1 > CLASS_LIMIT) wide = true;
        else for (let cp = from; cp <= to; cp++) chars.add(String.fromCodePoint(cp));
        continue;
      }
      digits &&= isDigit(a);
      chars.add(a);
    }
    if (this.peek() !== ']') throw new Error(`unclosed character class at ${this.i}`);
    this.i++;
    return this.a.klass(chars, wide, digits && members > 0);
  }
}

/** The analysis behind requiredClauses: exact strings and clauses of required strings. */
const strings: Algebra<Info> = {
  char: (ch) => ({ exact: new Set([edgeOf(ch)]), clauses: [] }),
  klass: (chars, wide) => {
    const exact = new Set([...chars].map(edgeOf));
    return wide || exact.size > CLASS_LIMIT || exact.size === 0 ? anything() : { exact, clauses: [] };
  },
  digit: anything,
  any: anything,
  empty,
  seq: concat,
  alt: alternate,
  rep: repeat,
};

/** Does every match contain a digit (0–9)? */
const digit: Algebra<boolean> = {
  char: isDigit,
  klass: (_chars, _wide, digits) => digits,
  digit: () => true,
  any: () => false,
  empty: () => false,
  seq: (items) => items.some(Boolean),
  alt: (branches) => branches.every(Boolean),
  rep: (x, min) => x && min >= 1,
};

/** True when every match of `source` contains a digit: the engine skips sentences without one. */
export function needsDigit(source: string): boolean {
  return new Parser(source, digit).parse();
}

/** A character that is not a letter or digit is a word edge; letters are compared in lowercase. */
function edgeOf(ch: string): string {
  return /^[\p{L}\p{N}\p{M}\p{Sc}]/u.test(ch) ? ch.toLowerCase() : EDGE;
}

/** How many required clauses a pattern keeps: the most telling ones. Each costs prefilter hits. */
const KEEP_CLAUSES = 3;

/**
 * The clauses every match of `source` satisfies (an empty list when nothing is certain). Each
 * string is cut to its most telling word ("earn at least " → "earn"): any part of a required
 * string is required too, and one word is found far more cheaply than every phrase it starts.
 * `words`: the rule's language separates words and a match starts at a word's start, so a word
 * after an edge in a required string starts a word in the text.
 */
export function requiredClauses(source: string, words = false, common: ReadonlySet<string> = new Set()): Clause[] {
  // Where words are separated, a match starts at a word's start and ends at a word's end.
  const edge = { exact: new Set([words ? EDGE : '']), clauses: [] };
  const info = concat([edge, new Parser(source, strings).parse(), edge]);
  const seen = new Set<string>();
  const out: Clause[] = [];
  for (const c of clausesOf(info)) {
    // Any one word of each string makes a clause: the best words make one, the second best another.
    const words_ = c.map((s) => wordsOf(s, words, common));
    const depth = Math.min(2, ...words_.map((w) => w.length));
    for (let k = 0; k < depth; k++) {
      const key = (l: Literal) => `${l.wordStart ? 's' : ''}${l.wordEnd ? 'e' : ''}:${l.text}`;
      const unique = new Map(words_.map((w) => [key(w[k]!), w[k]!]));
      const clause = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, l]) => l);
      const id = clause.map(key).join('\u0000');
      if (!seen.has(id)) {
        seen.add(id);
        out.push(clause);
      }
    }
  }
  return out.sort((a, b) => clauseScore(b) - clauseScore(a)).slice(0, KEEP_CLAUSES);
}

/**
 * The runs of letters and digits in a string worth finding, heaviest first, each marked where
 * an edge comes before or after it. Words of the language's everyday vocabulary ("the", "với")
 * are left out: they are everywhere.
 */
function wordsOf(s: string, words: boolean, common: ReadonlySet<string>): Literal[] {
  const out: Literal[] = [];
  const re = LITERAL_RUN;
  re.lastIndex = 0;
  for (let m; (m = re.exec(s)) !== null; ) {
    const w0 = m[0].charCodeAt(0);
    const w1 = m[0].charCodeAt(m[0].length - 1);
    const hangul = w0 >= 0xac00 && w0 <= 0xd7af; // Korean compounds: a word may start anywhere
    const l: Literal = {
      text: m[0],
      wordStart: words && s[m.index - 1] === EDGE && isWordChar(w0) && !hangul,
      wordEnd: words && s[m.index + m[0].length] === EDGE && isWordChar(w1) && !hangul,
    };
    if (!common.has(l.text) && worthFinding(l) && !out.some((o) => o.text === l.text)) out.push(l);
  }
  return out.sort((a, b) => weightOf(b) - weightOf(a));
}

/** Every string `source` matches, when they are few and plain letters ("m[aá]s" → mas, más); else null. */
export function exactStrings(source: string): string[] | null {
  const info = new Parser(source, strings).parse();
  if (!info.exact) return null;
  const all = [...info.exact];
  return all.every((x) => /^[\p{L}\p{M}\p{N}]+$/u.test(x)) ? all : null;
}

