// The literals a pattern cannot match without: the gate that keeps most sentences away from most
// regular expressions. Wrong here means a silent miss, so it is checked against real matches.
import { describe, expect, it } from 'vitest';
import { isWordChar } from '../../src/engine/prefilter';
import { patternRegExp } from '../../src/engine/expressions';
import { needsDigit, requiredClauses, type Clause } from '../../src/rulepack/required';
import { realScanner } from '../helpers/scanner';
import { readRuleFiles } from '../../src/rulepack/load-node';
import { parse } from 'yaml';

/** Clauses as readable strings, sorted: "^pay$" is "pay" as a whole word. */
const show = (cs: Clause[]) =>
  cs.map((c) => c.map((l) => `${l.wordStart ? '^' : ''}${l.text}${l.wordEnd ? '$' : ''}`).join('|')).sort();

describe('requiredClauses', () => {
  it('requires each part of a sequence, cut to its most telling word', () => {
    expect(show(requiredClauses('pay (?:a )?fee'))).toEqual(['fee', 'pay']);
    expect(show(requiredClauses('earn(?:ing)?\\s+\\d+ (?:dollars|usd)'))).toEqual(['dollars|usd', 'earn|earning']);
  });

  it('joins alternatives into one clause, and gives up when one alternative requires nothing', () => {
    expect(show(requiredClauses('(?:passport|visa)s? (?:kept|held)'))).toEqual(['held|kept', 'passport|passports|visa|visas']);
    expect(show(requiredClauses('(?:passport|\\w+) held'))).toEqual(['held']);
    expect(requiredClauses('(?:[a-z]+|x)')).toEqual([]);
  });

  it('requires nothing of optional parts, lookarounds, classes or gaps', () => {
    expect(requiredClauses('(?:salary )?(?=now)[a-z]{3,}.*')).toEqual([]);
    expect(show(requiredClauses('(?<![a-z])wechat(?!\\w)'))).toEqual(['wechat']);
  });

  it('marks words that must start or end a word where the language separates words', () => {
    // The pattern's ends are word edges (the compiler checks them), and so are spaces inside.
    expect(show(requiredClauses('send (?:your )?passport', true))).toEqual(['^passport$', '^send$']);
    // "fee" may end "coffee" in "fee" below: only its end is certain.
    expect(show(requiredClauses('[a-z]*fee', true))).toEqual(['fee$']);
    expect(show(requiredClauses('send (?:your )?passport', false))).toEqual(['passport', 'send']);
  });

  it('leaves out words too common or short to be worth finding', () => {
    expect(show(requiredClauses('the (?:job|work) is yours', true, new Set(['the'])))).toEqual(['^job$|^work$', '^yours$']);
    expect(requiredClauses('a b c')).toEqual([]);
  });

  it('requires a currency sign like a word', () => {
    expect(show(requiredClauses('\\$\\$\\$+', true))).toEqual(['$']);
    expect(show(requiredClauses('(?:fee|cost):? [$€]\\s?\\d+', true))).toEqual(['$|€', '^cost$|^fee$']);
  });

  it('weighs ideographs more than letters', () => {
    expect(show(requiredClauses('(?:加|添加)(?:微信|qq)'))).toEqual(['加qq|加微信|添加qq|添加微信']);
  });

  it('reads escapes, classes and quantifiers as JavaScript does', () => {
    expect(show(requiredClauses('\\u5fae\\u4fe1号'))).toEqual(['微信号']);
    expect(show(requiredClauses('visa[s]? fee{1,2}s'))).toEqual(['visa|visas']);
    expect(() => requiredClauses('(?:open')).toThrow(/unclosed group/);
  });
});

describe('needsDigit', () => {
  it('holds when every way through the pattern has a digit', () => {
    expect(needsDigit('pay \\d+ (?:usd|dollars)')).toBe(true);
    expect(needsDigit('(?:[$€]\\s?\\d|\\d+\\s?(?:usd|eur))')).toBe(true);
    expect(needsDigit('aged? 1[6-8]')).toBe(true);
    expect(needsDigit('[0-9]{2,3} cm')).toBe(true);
  });
  it('fails for a branch, an optional part or a class that may match something else', () => {
    expect(needsDigit('(?:\\d+|ten) dollars')).toBe(false);
    expect(needsDigit('pay (?:\\d+ )?dollars')).toBe(false);
    expect(needsDigit('\\d*k')).toBe(false);
    expect(needsDigit('[\\d,.]+')).toBe(false);
    expect(needsDigit('[^0-9]x')).toBe(false);
    expect(needsDigit('(?=\\d)\\w+')).toBe(false);
  });
});

describe('every derived clause holds wherever its pattern matches', () => {
  // Every match example of every rule: the pattern's accepted matches must contain a literal
  // of each derived clause, with the word edges it claims.
  const scanner = realScanner();
  const pack = scanner.pack;
  const examples = new Map<string, string[]>();
  for (const f of readRuleFiles()) {
    const r = parse(f.text) as { id?: string; examples?: { match?: string[] } };
    if (r?.id && r.examples?.match) examples.set(r.id, r.examples.match);
  }
  const present = (s: string, l: number) => {
    const k = pack.literals[l]!;
    for (let i = s.indexOf(k); i >= 0; i = s.indexOf(k, i + 1)) {
      if (pack.literalWordStart[l] && i > 0 && isWordChar(s.charCodeAt(i - 1))) continue;
      if (pack.literalWordEnd[l] && i + k.length < s.length && isWordChar(s.charCodeAt(i + k.length))) continue;
      return true;
    }
    return false;
  };
  it('over all rule examples', () => {
    let checked = 0;
    const broken: string[] = [];
    for (const g of pack.gates) {
      if (g.pattern < 0) continue;
      const rule = pack.rules[g.rule]!;
      const re = patternRegExp(rule.patterns[g.pattern]!, pack.wordUnits);
      const edges = rule.boundary === 'word' || rule.boundary === 'start';
      for (const text of examples.get(rule.id) ?? []) {
        const s = scanner.normalize(text).text.toLowerCase();
        for (let m = re.exec(s); m; m = re.exec(s)) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          if (edges && m.index > 0 && isWordChar(s.charCodeAt(m.index)) && isWordChar(s.charCodeAt(m.index - 1))) {
            re.lastIndex = m.index + 1;
            continue;
          }
          checked++;
          if (!g.clauses.slice(1).every((c) => c.some((l) => present(s, l)))) broken.push(`${rule.id} pattern ${g.pattern}: ${text}`);
          if (g.digit && !/[0-9]/.test(m[0])) broken.push(`${rule.id} pattern ${g.pattern} matched without a digit: ${m[0]}`);
          break;
        }
        re.lastIndex = 0;
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  });
});
