import { describe, expect, it } from 'vitest';
import { countryFromLocale, HELP, helpFor } from '../../../src/help/directory';

describe('help resources', () => {
  it('keeps every entry with its sources and a confidence', () => {
    expect(HELP.entries.length).toBeGreaterThan(90);
    for (const e of HELP.entries) {
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      expect(['high', 'medium', 'low']).toContain(e.confidence);
      for (const u of e.sources) expect(u, e.id).toMatch(/^https?:\/\//);
    }
    expect(HELP.fallback.directory.url).toBe('https://globalmodernslavery.org');
  });

  it('picks the country from the browser locale', () => {
    expect(countryFromLocale('vi-VN')).toBe('VN');
    expect(countryFromLocale('zh-Hant-HK')).toBe('HK');
    expect(countryFromLocale('th')).toBe('TH');
    expect(countryFromLocale('xx')).toBeNull();
  });

  it('lists specialist non-police lines first, low confidence apart, international always', () => {
    const vn = helpFor('VN');
    expect(vn.verified[0]!.id).toBe('vn-111');
    expect(vn.verified.at(-1)!.police).toBe(true);
    const th = helpFor('TH');
    expect(th.unverified.map((e) => e.id)).toContain('th-emergency');
    expect(th.verified.every((e) => e.confidence !== 'low')).toBe(true);
    const mm = helpFor('MM');
    // No line of Myanmar's own was verified; neighbours' lines that serve it are listed after.
    expect(mm.verified.filter((e) => e.country === 'MM')).toEqual([]);
    expect(mm.international.map((e) => e.id)).toContain('intl-gmsd');
  });
});
