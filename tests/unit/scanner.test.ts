import { describe, expect, it } from 'vitest';
import { verdict } from '../../src/engine/score';
import type { Category, Finding, Severity } from '../../src/engine/types';
import { realScanner } from '../helpers/scanner';

const f = (category: Category, severity: Severity): Finding => ({
  rule: `t-${category}`, category, severity, start: 0, end: 1, quote: 'x', explanation: '', source: [],
});

describe('verdict', () => {
  it('is none without findings', () => {
    expect(verdict([], 'job').level).toBe('none');
  });
  it('keeps one soft cue low, however often it repeats', () => {
    const soft = f('off-platform-contact', 'soft');
    expect(verdict([soft, soft, soft, soft], 'job')).toEqual({ level: 'low', score: 1 });
  });
  it('gives medium for one hard signal alone', () => {
    expect(verdict([f('document-control', 'hard')], 'job').level).toBe('medium');
  });
  it('combines categories: strong + soft is medium, hard + strong + soft is high', () => {
    expect(verdict([f('glamour-jobs', 'strong'), f('off-platform-contact', 'soft')], 'job').level).toBe('medium');
    expect(verdict([f('document-control', 'hard'), f('glamour-jobs', 'strong'), f('off-platform-contact', 'soft')], 'job').level).toBe('high');
  });
  it('caps articles at low', () => {
    expect(verdict([f('document-control', 'hard'), f('debt-bondage', 'hard')], 'article').level).toBe('low');
  });
  it('follows the sensitivity setting', () => {
    const two = [f('glamour-jobs', 'strong')];
    expect(verdict(two, 'job', 'high').level).toBe('medium');
    expect(verdict(two, 'job', 'normal').level).toBe('low');
    expect(verdict([f('document-control', 'hard')], 'job', 'low').level).toBe('low');
  });
});

describe('scan', () => {
  const scanner = realScanner();

  it('finds a hard signal and points into the original text', () => {
    const text = 'Great job!\nThe club manager keeps your passport while you work.';
    const r = scanner.scan(text);
    const doc = r.findings.find((x) => x.category === 'document-control');
    expect(doc).toBeDefined();
    expect(text.slice(doc!.start, doc!.end)).toBe(doc!.quote);
    expect(doc!.quote).toContain('passport');
    expect(r.level).not.toBe('none');
  });

  it('keeps offsets exact through obfuscation', () => {
    const text = 'Hi!! The company k\u200beeps your p\u0430ssport 😊 and D🌸ncers wanted in Ｄｕｂａｉ.';
    const r = scanner.scan(text);
    expect(r.findings.length).toBeGreaterThan(0);
    for (const x of r.findings) expect(text.slice(x.start, x.end)).toBe(x.quote);
    expect(r.findings.some((x) => x.quote.includes('p\u0430ssport'))).toBe(true);
  });

  it('does not raise risk for negations and reassurances', () => {
    const r = scanner.scan('We never ask you to hand over your passport. There is no fee at any stage; the employer pays visa and flights, nothing is deducted from your salary.');
    expect(r.findings.filter((x) => x.severity === 'hard')).toEqual([]);
    expect(['none', 'low']).toContain(r.level);
  });

  it('does not let a reassurance cancel a hard signal elsewhere', () => {
    const r = scanner.scan('No fees at any stage! Your passport is kept by the agent until you repay the ticket from your salary.');
    expect(r.findings.map((x) => x.category)).toEqual(expect.arrayContaining(['document-control', 'debt-bondage']));
    expect(['medium', 'high']).toContain(r.level);
  });

  it('mutes warnings about a pattern', () => {
    const r = scanner.scan('Beware: if anyone asks you to pay a placement fee of $500 before you start, it is a scam.');
    expect(r.findings).toEqual([]);
    expect(r.muted.length).toBeGreaterThan(0);
  });

  it('lets the longest alternative of a pattern win at a word end', () => {
    const r = scanner.scan('Contact Mrs. Grace on WhatsApp only.');
    expect(r.findings.some((x) => x.category === 'off-platform-contact')).toBe(true);
  });

  it('runs a language\'s rules only where its script is (a Chinese rule on an English page never runs)', () => {
    const zhRule = scanner.pack.rules.find((r) => r.lang === 'zh' && r.category === 'off-platform-contact')!;
    // "v" and "加" are keywords of Chinese contact rules; English text full of "v" must not wake them.
    const en = scanner.scan('Very valuable vacancy, visit our website via the link. Vivid views.');
    expect(en.findings.filter((f) => f.rule.startsWith('zh-'))).toEqual([]);
    const zh = scanner.scan('有意者加V详聊：hr_xiaowang88');
    expect(zh.findings.some((f) => f.rule.startsWith('zh-') && f.category === zhRule.category)).toBe(true);
  });

  it('keeps another Latin-script language\'s rules off sentences that plainly read as the page\'s', () => {
    const r = scanner.scan('We are looking for a model for our catalogue and the shoot is in the studio with the team.');
    expect(r.findings.filter((f) => /^(es|id|vi)-/.test(f.rule))).toEqual([]);
    // …while a Spanish line quoted on an English page is still read.
    const mixed = scanner.scan('My friend sent me this: Te compramos el pasaje y el patrón te guarda el pasaporte.');
    expect(mixed.findings.some((f) => f.rule.startsWith('es-'))).toBe(true);
  });

  it('detects the language from the text when not told', () => {
    expect(scanner.scan('We are hiring waiters for our restaurant in Leeds.').lang).toBe('en');
  });

  it('honours disabled rules and categories', () => {
    const text = 'The club manager keeps your passport.';
    const id = scanner.scan(text).findings[0]!.rule;
    expect(scanner.scan(text, { disabledRules: new Set([id]) }).findings.some((x) => x.rule === id)).toBe(false);
    expect(scanner.scan(text, { disabledCategories: new Set(['document-control'] as const) }).findings).toEqual([]);
    // Turned off for that scan only.
    expect(scanner.scan(text).findings.some((x) => x.rule === id)).toBe(true);
  });

  it('keeps at most 20 findings of a rule on a page, for each scan anew', () => {
    const page = Array.from({ length: 40 }, (_, i) => `Ad ${i}: the club manager keeps your passport.`).join('\n');
    const id = scanner.scan('The club manager keeps your passport.').findings[0]!.rule;
    const count = () => scanner.scan(page).findings.filter((x) => x.rule === id).length;
    expect(count()).toBe(20);
    expect(count()).toBe(20);
  });

  it('takes the page kind from the URL and from a hint', () => {
    expect(scanner.scan('Hello', { url: 'https://www.indeed.com/viewjob?jk=1' }).kind).toBe('job');
    expect(scanner.scan('Hello', { url: 'https://tinder.com/app/messages' }).kind).toBe('dating');
    expect(scanner.scan('Hello', { kind: 'chat' }).kind).toBe('chat');
  });
});
