// The pipeline: normalise → prefilter → confirm → score → explain. Pure TypeScript: no DOM and
// no browser API, so the extension, the command line and the tests share it.
import { languageRegExp, patternRegExp } from './expressions';
import { KindDetector, wrap } from './kind';
import { isLang, LanguageDetector } from './lang';
import { normalize, toOriginal, type Normalized, type NormalizeData } from './normalize';
import type { CompiledLanguage, CompiledPack, CompiledRule } from './pack';
import { isWordChar, Prefilter } from './prefilter';
import { verdict } from './score';
import { SCRIPT_OF_LANG, scriptsIn } from './scripts';
import { BREAK_UNITS, sentenceBounds } from './sentences';
import { KINDS, type Finding, type Kind, type Lang, type ScanOptions, type ScanResult } from './types';

/** compromise, injected so that code which never needs it does not load it. */
export type Nlp = (text: string) => {
  match(m: string): { json(o: { offset: true }): { offset: { start: number; length: number } }[] };
};

interface RuntimeRule {
  rule: CompiledRule;
  index: number;
  /** Built on first use: a page wakes few of them, and parsing them all costs a startup. */
  patterns: (RegExp | undefined)[];
  segmentCheck: boolean;
  /** The script(s) a sentence must contain for this rule to run (bit mask). */
  script: number;
}

/** The pack's gates in flat arrays, for the loop that runs once per sentence. */
interface FlatGates {
  rule: Int32Array;
  pattern: Int32Array;
  /** 1: the gate's matches all have a digit. */
  digit: Uint8Array;
  /** The scripts the gate's rule reads (bit mask). */
  script: Int32Array;
  /** Gate g's clauses but its trigger are clauseStart[g] .. clauseStart[g + 1]. */
  clauseStart: Int32Array;
  /** Literal l is in the clauses clauseList[clausesStart[l] .. clausesStart[l + 1]]. */
  clausesStart: Int32Array;
  clauseList: Int32Array;
  /** Literal l wakes gates triggerList[triggerStart[l] .. triggerStart[l + 1]]. */
  triggerStart: Int32Array;
  triggerList: Int32Array;
  /** The scripts of the rules whose gates literal l wakes (0: it wakes none). */
  wakeScripts: Int32Array;
}

function flattenGates(pack: CompiledPack): FlatGates {
  // A gate is tested only when a literal of its trigger clause is in the sentence: that clause
  // holds then, and only the others are marked and tested.
  const clauseStart: number[] = [];
  const clausesOf: number[][] = pack.literals.map(() => []);
  const wakes: number[][] = pack.literals.map(() => []);
  let clauses = 0;
  pack.gates.forEach((g, gi) => {
    clauseStart.push(clauses);
    g.clauses.forEach((c, ci) => {
      if (ci === g.trigger) for (const l of new Set(c)) wakes[l]!.push(gi);
      else {
        for (const l of new Set(c)) clausesOf[l]!.push(clauses);
        clauses++;
      }
    });
  });
  clauseStart.push(clauses);
  const flat = (lists: number[][]) => {
    const start: number[] = [];
    const list: number[] = [];
    for (const xs of lists) {
      start.push(list.length);
      list.push(...xs);
    }
    start.push(list.length);
    return [Int32Array.from(start), Int32Array.from(list)] as const;
  };
  const [clausesStart, clauseList] = flat(clausesOf);
  const [triggerStart, triggerList] = flat(wakes);
  const script = Int32Array.from(pack.gates, (g) => SCRIPT_OF_LANG[pack.rules[g.rule]!.lang]);
  return {
    rule: Int32Array.from(pack.gates, (g) => g.rule),
    pattern: Int32Array.from(pack.gates, (g) => g.pattern),
    digit: Uint8Array.from(pack.gates, (g) => (g.digit ? 1 : 0)),
    script,
    clauseStart: Int32Array.from(clauseStart),
    clausesStart,
    clauseList,
    triggerStart,
    triggerList,
    wakeScripts: Int32Array.from(wakes, (gs) => gs.reduce((m, g) => m | script[g]!, 0)),
  };
}

/** Findings of a page so far, and what keeps them few and unique. */
interface Found {
  findings: Finding[];
  muted: Finding[];
  perRule: Map<string, number>;
  seen: Set<string>;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** Blocks are about this long (UTF-16 units): small enough for V8's young generation. */
const BLOCK = 32_768;

/** Where the blocks of a page start, with text.length last: each ends after a line break when it can. */
function blockBounds(text: string): number[] {
  const out = [0];
  let at = 0;
  while (text.length - at > BLOCK * 1.5) {
    let cut = text.indexOf('\n', at + BLOCK);
    if (cut < 0 || cut > at + BLOCK * 1.5) cut = text.indexOf('. ', at + BLOCK);
    if (cut < 0 || cut > at + BLOCK * 1.5) cut = text.indexOf(' ', at + BLOCK);
    if (cut < 0 || cut > at + BLOCK * 1.5) cut = at + BLOCK - (isHighSurrogate(text.charCodeAt(at + BLOCK)) ? 1 : 0);
    at = cut + 1;
    out.push(at);
  }
  out.push(text.length);
  return out;
}

/** Sentences with prefilter hits: window i is [start[i], end[i]) with literals[from[i] .. from[i + 1]]. */
interface Windows {
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** The scripts of each (bit mask). */
  scripts: Int32Array;
  from: Int32Array;
  literals: Int32Array;
}

interface RuntimeLanguage {
  data: CompiledLanguage;
  negationBefore: RegExp | null;
  negationAfter: RegExp | null;
  caution: RegExp | null;
}

/** How far before and after a match a negation or reassurance still counts. */
const NEG_WINDOW = { spaced: { before: 48, after: 36 }, unspaced: { before: 10, after: 10 } };
/** A page can give thousands of hits for one rule; a few are enough to explain it. */
const MAX_FINDINGS_PER_RULE = 20;

export class Scanner {
  readonly pack: CompiledPack;
  private readonly rules: RuntimeRule[];
  private readonly prefilter: Prefilter;
  /** For each literal, the scripts of the rules that need it (bit mask). */
  private readonly literalScripts: Int32Array;
  /** Per-sentence marks: literal, clause or gate last seen in sentence number `stamp`. */
  private readonly literalSeen: Int32Array;
  private readonly clauseSeen: Int32Array;
  private readonly gateSeen: Int32Array;
  private stamp = 0;
  /** Scans so far. A rule the current scan skips (turned off, or with enough findings) holds its number. */
  private scans = 0;
  private readonly ruleDone: Int32Array;
  /** Reused by findAll: a rule's open patterns, and its matches as start, end pairs. */
  private readonly patternScratch: number[] = [];
  private readonly spanScratch: number[] = [];
  /** Reused by openGates: the gates open in the current sentence. */
  private readonly openScratch: number[] = [];
  private readonly gates: FlatGates;
  private readonly accept = new Map<number, Uint8Array>();
  private readonly languages = new Map<Lang, RuntimeLanguage>();
  private readonly langDetector: LanguageDetector;
  private readonly kindDetector: KindDetector;
  private readonly normData: NormalizeData;
  private readonly nlp: Nlp | undefined;
  private readonly segmenters = new Map<string, Intl.Segmenter>();

  constructor(pack: CompiledPack, options: { nlp?: Nlp } = {}) {
    this.pack = pack;
    this.nlp = options.nlp;
    for (const l of pack.languages) {
      const re = (src: string, suffix = '') => (src ? languageRegExp(wrap(src, l.boundary) + suffix, 'i', pack.wordUnits) : null);
      this.languages.set(l.lang, {
        data: l,
        // Anchored at the end of the window before the match / the start of the one after it.
        negationBefore: re(l.negationBefore, `[^${breaks(l)}]*$`),
        // Both windows end at a clause break: a comma or a "·" starts another item of a list.
        negationAfter: l.negationAfter ? languageRegExp(`^[^${breaks()}]*?${wrap(l.negationAfter, l.boundary)}`, 'i', pack.wordUnits) : null,
        caution: re(l.caution),
      });
    }
    this.rules = pack.rules.map((rule, index) => {
      const boundary = rule.boundary;
      return {
        rule,
        index,
        patterns: rule.patterns.map(() => undefined),
        segmentCheck: boundary === 'segment',
        script: SCRIPT_OF_LANG[rule.lang],
      };
    });
    this.prefilter = new Prefilter(pack.literals, pack.literalWordStart, pack.literalWordEnd, BREAK_UNITS);
    this.literalScripts = new Int32Array(pack.literals.length);
    for (const g of pack.gates) for (const c of g.clauses) for (const l of c) this.literalScripts[l]! |= this.rules[g.rule]!.script;
    this.gates = flattenGates(pack);
    this.literalSeen = new Int32Array(pack.literals.length);
    this.clauseSeen = new Int32Array(this.gates.clauseStart[pack.gates.length]!);
    this.gateSeen = new Int32Array(pack.gates.length);
    this.ruleDone = new Int32Array(pack.rules.length);
    this.langDetector = new LanguageDetector(pack.languages);
    this.kindDetector = new KindDetector(pack);
    this.normData = {
      lexicon: new Set(pack.lexicon),
      aliases: pack.aliases,
      charFold: new Map(pack.charFold.map(([a, b]) => [a.charCodeAt(0), b])),
    };
  }

  normalize(text: string): Normalized {
    return normalize(text, this.normData);
  }

  scan(text: string, options: ScanOptions = {}): ScanResult {
    // A long page is read in blocks that end at line breaks: no sentence spans two, and strings
    // of a block's size are far cheaper to build and read than page-long ones.
    const bounds = blockBounds(text);
    const found: Found = { findings: [], muted: [], perRule: new Map(), seen: new Set() };
    const thisScan = ++this.scans;
    if (options.disabledRules || options.disabledCategories) {
      this.rules.forEach(({ rule }, ri) => {
        if (options.disabledRules?.has(rule.id) || options.disabledCategories?.has(rule.category)) this.ruleDone[ri] = thisScan;
      });
    }
    let lang: Lang = 'en';
    let kind: Kind = 'other';
    for (let k = 0; k + 1 < bounds.length; k++) {
      const from = bounds[k]!;
      const part = bounds.length === 2 ? text : text.slice(from, bounds[k + 1]);
      const norm = this.normalize(part);
      if (k === 0) {
        // The language and kind of page show in its first block (detection reads 30,000 units at
        // most). Read before any pattern runs: V8 optimises the regular expressions it compiles
        // first, and the kind's cues read a whole block.
        lang = isLang(options.lang) ? options.lang : this.langDetector.detect(norm.text);
        kind = this.kindOf(norm.text, lang, options);
      }
      this.findAll(part, from, norm, lang, options, found);
    }
    const findings = dropOverlaps(found.findings);
    const v = verdict(findings, kind, options.sensitivity);
    return { level: v.level, score: v.score, kind, lang, findings, muted: dropOverlaps(found.muted) };
  }

  /** The page's kind: the caller's, when it names one; else from the URL and the text's cues. */
  private kindOf(normText: string, lang: Lang, options: ScanOptions): Kind {
    if (options.kind && (KINDS as readonly string[]).includes(options.kind)) return options.kind;
    return this.kindDetector.detect(normText, lang, options.url);
  }

  /** Findings in one block (`text`, at `offset` in the page), added to `found`. */
  private findAll(text: string, offset: number, norm: Normalized, lang: Lang, options: ScanOptions, found: Found): void {
    const t = norm.text;
    const { findings, muted, perRule, seen } = found;
    // Group literal hits by sentence.
    const windows = this.windows(t, norm.scripts);
    for (let wi = 0; wi < windows.count; wi++) {
      const s = windows.start[wi]!;
      const sentenceEnd = windows.end[wi]!;
      const scripts = windows.scripts[wi]!;
      const gates = this.openGates(windows.literals, windows.from[wi]!, windows.from[wi + 1]!, t, s, sentenceEnd, scripts);
      if (gates.length === 0) continue;
      const original = t.slice(s, sentenceEnd);
      // Lowercasing keeps offsets: pass 1 folded every unit whose lowercase is not one unit.
      const sentence = original.toLowerCase();
      let says: ((l: Lang) => boolean) | undefined;
      let cautions: Map<RuntimeLanguage | undefined, boolean> | undefined;
      for (let gi = 0; gi < gates.length; ) {
        // Gates come sorted, so one rule's open patterns are next to each other.
        const ri = this.gates.rule[gates[gi]!]!;
        const patterns = this.patternScratch;
        patterns.length = 0;
        for (; gi < gates.length && this.gates.rule[gates[gi]!] === ri; gi++) patterns.push(this.gates.pattern[gates[gi]!]!);
        const rr = this.rules[ri]!;
        const rule = rr.rule;
        // Languages that share a script: another language's rules run where the sentence reads as it
        // (a Spanish ad quoted on an English page), not on every sentence that shares a word.
        // A sentence that plainly reads as the page's language is not run through another
        // language's rules unless it reads as that one too; short or unclear lines still are.
        if (rule.lang !== '*' && rule.lang !== lang && SHARED_SCRIPT.has(rule.lang)) {
          says ??= this.langDetector.reader(sentence);
          if (says(lang) && !says(rule.lang)) continue;
        }
        const ruleLang = this.languages.get(rule.lang === '*' ? lang : rule.lang);
        const pageLang = this.languages.get(lang);
        const spans = this.spanScratch;
        spans.length = 0;
        this.matches(rr, patterns, sentence, original, rule.lang === 'en' || rule.lang === '*', spans);
        for (let k = 0; k < spans.length; k += 2) {
          const from = s + spans[k]!;
          const to = s + spans[k + 1]!;
          if (rule.negatable && this.negatedIn(t, s, sentenceEnd, from, to, ruleLang, pageLang)) continue;
          const [a, b] = toOriginal(norm, from, to);
          const start = offset + a;
          const end = offset + b;
          const key = `${rule.id}:${start}`;
          if (seen.has(key) || end <= start) continue;
          seen.add(key);
          const finding: Finding = {
            rule: rule.id,
            category: rule.category,
            severity: rule.severity,
            start,
            end,
            quote: text.slice(a, b),
            explanation: rule.explanation,
            source: rule.source,
          };
          // One answer per sentence and language: a sentence often holds several findings.
          let muteHere = cautions?.get(ruleLang);
          if (muteHere === undefined) (cautions ??= new Map()).set(ruleLang, (muteHere = this.cautioned(sentence, ruleLang, lang)));
          if (muteHere) muted.push(finding);
          else {
            findings.push(finding);
            const n = (perRule.get(rule.id) ?? 0) + 1;
            perRule.set(rule.id, n);
            if (n >= MAX_FINDINGS_PER_RULE) this.ruleDone[ri] = this.scans;
          }
        }
      }
    }
  }

  /**
   * Literals worth finding in a text with these scripts: one whose rules all need a script the
   * page does not have is skipped in the prefilter ("v" is a Chinese rule's keyword; an English
   * page has thousands of them).
   */
  private acceptFor(pageScripts: number): Uint8Array {
    let a = this.accept.get(pageScripts);
    if (!a) {
      a = Uint8Array.from(this.literalScripts, (m) => ((m & pageScripts) !== 0 ? 1 : 0));
      this.accept.set(pageScripts, a);
    }
    return a;
  }

  /**
   * The sentences worth a look, in text order, each with the literals found in it and its
   * scripts: those with a trigger literal (one of some gate's waking clause) of a rule that
   * reads one of the sentence's scripts.
   */
  private windows(t: string, scripts: number): Windows {
    const hits = this.prefilter.scan(t, this.acceptFor(scripts));
    const bounds = sentenceBounds(t, hits.marks);
    const wakes = this.gates.wakeScripts;
    // The sentence of each hit: hits come in order of their ends, so nearly in order of starts.
    const sentenceOf = new Int32Array(hits.count);
    const perSentence = new Int32Array(bounds.length);
    // The scripts of the rules a sentence's trigger hits would wake: it is woken if it has one.
    const woken = new Int32Array(bounds.length);
    let k = 0;
    for (let h = 0; h < hits.count; h++) {
      const at = hits.at[h]!;
      while (at >= bounds[k + 1]!) k++;
      while (at < bounds[k]!) k--;
      sentenceOf[h] = k;
      perSentence[k]!++;
      woken[k]! |= wakes[hits.keyword[h]!]!;
    }
    // "v" wakes Chinese rules: not on an English line of a page that has some Chinese.
    let count = 0;
    const sentenceScripts = new Int32Array(bounds.length);
    for (let sk = 0; sk + 1 < bounds.length; sk++) {
      if (woken[sk] === 0) continue;
      // Only the scripts of the rules it would wake matter: an English line stops at its first letter.
      sentenceScripts[sk] = scriptsIn(t, bounds[sk]!, bounds[sk + 1]!, scripts & woken[sk]!);
      if ((sentenceScripts[sk]! & woken[sk]!) === 0) woken[sk] = 0;
      else count++;
    }
    // Windows in text order, their literals in one array.
    const w: Windows = {
      count,
      start: new Int32Array(count),
      end: new Int32Array(count),
      scripts: new Int32Array(count),
      from: new Int32Array(count + 1),
      literals: new Int32Array(0),
    };
    const slot = new Int32Array(bounds.length);
    let n = 0;
    for (let sk = 0, wi = 0; sk < bounds.length; sk++) {
      if (!woken[sk]) continue;
      w.start[wi] = bounds[sk]!;
      w.end[wi] = bounds[sk + 1]!;
      w.scripts[wi] = sentenceScripts[sk]!;
      w.from[wi] = slot[sk] = n;
      n += perSentence[sk]!;
      wi++;
    }
    w.from[count] = n;
    w.literals = new Int32Array(n);
    for (let h = 0; h < hits.count; h++) {
      const sk = sentenceOf[h]!;
      if (woken[sk]) w.literals[slot[sk]!++] = hits.keyword[h]!;
    }
    return w;
  }

  /**
   * The gates (sorted) whose every clause has a literal among the hits of the sentence t[start,
   * end), whose rule reads a script the sentence has (a Thai rule has nothing to say about an
   * English sentence), and which find a digit there if they need one: only their patterns can
   * match here.
   */
  private openGates(literals: Int32Array, from: number, to: number, t: string, start: number, end: number, scripts: number): number[] {
    const stamp = ++this.stamp;
    const literalSeen = this.literalSeen;
    const clauseSeen = this.clauseSeen;
    const g = this.gates;
    // Mark the clauses the sentence satisfies, then test the gates its triggers name.
    for (let i = from; i < to; i++) {
      const l = literals[i]!;
      if (literalSeen[l] === stamp) continue;
      literalSeen[l] = stamp;
      for (let x = g.clausesStart[l]!, xe = g.clausesStart[l + 1]!; x < xe; x++) clauseSeen[g.clauseList[x]!] = stamp;
    }
    const open = this.openScratch;
    open.length = 0;
    let digit = -1; // unknown yet
    for (let i = from; i < to; i++) {
      const l = literals[i]!;
      for (let ti = g.triggerStart[l]!, te = g.triggerStart[l + 1]!; ti < te; ti++) {
        const gate = g.triggerList[ti]!;
        if (this.gateSeen[gate] === stamp) continue;
        this.gateSeen[gate] = stamp;
        if (this.ruleDone[g.rule[gate]!] === this.scans) continue;
        if ((g.script[gate]! & scripts) === 0) continue;
        let c = g.clauseStart[gate]!;
        const ce = g.clauseStart[gate + 1]!;
        while (c < ce && clauseSeen[c] === stamp) c++;
        if (c < ce) continue;
        if (g.digit[gate] === 1) {
          if (digit === -1) digit = hasDigit(t, start, end) ? 1 : 0;
          if (digit === 0) continue;
        }
        // In order: few gates open in a sentence, so an insertion sort.
        let k = open.length;
        open.push(gate);
        for (; k > 0 && open[k - 1]! > gate; k--) open[k] = open[k - 1]!;
        open[k] = gate;
      }
    }
    return open;
  }

  /** [start, end) pairs of a rule's matches inside one sentence, for the given patterns (-1: compromise), onto `out`. */
  private matches(rr: RuntimeRule, which: number[], sentence: string, original: string, english: boolean, out: number[]): void {
    for (const p of which) {
      if (p < 0) continue;
      const re = (rr.patterns[p] ??= patternRegExp(rr.rule.patterns[p]!, this.pack.wordUnits));
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(sentence)) !== null) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const a = m.index;
        const b = a + m[0].length;
        if (!atWordEdges(sentence, a, rr.rule.boundary)) {
          re.lastIndex = a + 1; // a later start may still be a word's start
          continue;
        }
        if (rr.segmentCheck && !this.onWordBoundaries(sentence, a, b, rr.rule.lang)) continue;
        out.push(a, b);
      }
    }
    if (which.includes(-1) && english && this.nlp) {
      const doc = this.nlp(original); // compromise reads capitals as a person would
      for (const m of rr.rule.match) {
        for (const j of doc.match(m).json({ offset: true })) {
          const a = j.offset.start;
          out.push(a, a + j.offset.length);
        }
      }
    }
  }

  /** For Thai and Burmese: the match must start and end where words do. */
  private onWordBoundaries(sentence: string, a: number, b: number, lang: string): boolean {
    let seg = this.segmenters.get(lang);
    if (!seg) {
      seg = new Intl.Segmenter(lang, { granularity: 'word' });
      this.segmenters.set(lang, seg);
    }
    const bounds = new Set<number>([sentence.length]);
    for (const s of seg.segment(sentence)) bounds.add(s.index);
    return bounds.has(a) && bounds.has(b);
  }

  /** Negated in the rule's language, or in the page's (a Mongolian rule on a Russian page). */
  private negatedIn(
    t: string,
    sentStart: number,
    sentEnd: number,
    from: number,
    to: number,
    ruleLang: RuntimeLanguage | undefined,
    pageLang: RuntimeLanguage | undefined,
  ): boolean {
    if (this.negated(t, sentStart, sentEnd, from, to, ruleLang)) return true;
    return pageLang !== ruleLang && this.negated(t, sentStart, sentEnd, from, to, pageLang);
  }

  private negated(
    t: string,
    sentStart: number,
    sentEnd: number,
    from: number,
    to: number,
    lang: RuntimeLanguage | undefined,
  ): boolean {
    if (!lang) return false;
    const w =
      lang.data.negationWindow ??
      (lang.data.boundary === 'word' || lang.data.boundary === 'start' ? NEG_WINDOW.spaced : NEG_WINDOW.unspaced);
    if (lang.negationBefore) {
      // The match itself counts too: "flights, NOTHING is deducted from your salary".
      const before = t.slice(Math.max(sentStart, from - w.before), to);
      if (lang.negationBefore.test(before)) return true;
    }
    if (lang.negationAfter) {
      const after = t.slice(to, Math.min(sentEnd, to + w.after));
      if (lang.negationAfter.test(after)) return true;
    }
    return false;
  }

  private cautioned(sentence: string, ruleLang: RuntimeLanguage | undefined, lang: Lang): boolean {
    if (ruleLang?.caution?.test(sentence)) return true;
    const page = this.languages.get(lang);
    return page !== ruleLang && !!page?.caution?.test(sentence);
  }
}

/**
 * Characters that end a clause for negation: the common ones, and before a match also the
 * language's own (a Thai space ends a phrase, but "ค่าตั๋ว 12,000 บาท บริษัทออกให้" is one).
 */
function breaks(l?: CompiledLanguage): string {
  return '.!?;:,，·၊。！？；：' + (l?.negationBreaks ?? '').replace(/[\\\]^-]/g, '\\$&');
}

function hasDigit(t: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

/** Languages written in a script another of our languages also uses. */
const SHARED_SCRIPT = new Set<Lang | '*'>(['en', 'es', 'id', 'vi', 'ru', 'mn']);

/** A match that starts with a letter must not start inside a word (the end is checked in the regex). */
function atWordEdges(s: string, a: number, mode: CompiledRule['boundary']): boolean {
  if (mode !== 'word' && mode !== 'start') return true;
  return !(a > 0 && isWordChar(s.charCodeAt(a)) && isWordChar(s.charCodeAt(a - 1)));
}

/** Two patterns of one rule often match the same words: keep the longest of overlapping matches. */
function dropOverlaps(fs: Finding[]): Finding[] {
  const byLength = [...fs].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Finding[] = [];
  const keptOf = new Map<string, Finding[]>(); // by rule: a risky page has many
  for (const f of byLength) {
    let same = keptOf.get(f.rule);
    if (!same) keptOf.set(f.rule, (same = []));
    if (!same.some((k) => k.start < f.end && f.start < k.end)) {
      same.push(f);
      kept.push(f);
    }
  }
  return kept.sort((a, b) => a.start - b.start || b.end - a.end);
}
