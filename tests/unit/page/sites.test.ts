import { describe, expect, it } from 'vitest';
import { loadSites } from '../../../src/sites/load-node';
import { allMatches, checkSites, injectMatches, patternToRegExp, SiteMatcher, siteWide } from '../../../src/sites/sites';

describe('rules/sites.yaml', () => {
  const sites = loadSites();

  it('is valid: names, kinds, regions, match patterns the browsers accept, no duplicates', () => {
    expect(checkSites({ sites })).toEqual([]);
    expect(allMatches(sites).length).toBeGreaterThan(50);
  });

  it('covers the sites the issue names', () => {
    const m = new SiteMatcher(sites);
    const kinds: [string, string][] = [
      ['https://www.linkedin.com/jobs/view/123', 'job'],
      ['https://www.indeed.com/viewjob?jk=1', 'job'],
      ['https://sfbay.craigslist.org/search/jjj', 'other'],
      ['https://www.facebook.com/groups/123/posts/4', 'other'],
      ['https://www.facebook.com/marketplace/item/5', 'other'],
      ['https://www.jobstreet.com.my/job/1', 'job'],
      ['https://www.vietnamworks.com/x', 'job'],
      ['https://sou.zhaopin.com/?jl=530', 'job'],
      ['https://bj.58.com/job/', 'other'],
      ['https://www.zhipin.com/job_detail/1.html', 'job'],
      ['https://hh.ru/vacancy/1', 'job'],
      ['https://vk.com/im', 'other'],
      ['https://tinder.com/app/recs', 'dating'],
      ['https://badoo.com/encounters', 'dating'],
      ['https://www.okcupid.com/home', 'dating'],
      ['https://web.telegram.org/a/', 'chat'],
      ['https://web.whatsapp.com/', 'chat'],
    ];
    for (const [url, kind] of kinds) expect(m.find(url)?.kind, url).toBe(kind);
    expect(m.find('https://www.facebook.com/')).toBeUndefined(); // the feed is not on the list
    expect(m.find('https://example.com/jobs')).toBeUndefined();
  });

  it('rejects what a browser would reject or what is too broad', () => {
    const bad = { sites: [{ name: 'x', kind: 'job', regions: ['INTL'], matches: ['<all_urls>', 'https://*/*', 'ftp://a.com/*', 'https://a.com'] }] };
    expect(checkSites(bad).length).toBe(4);
    expect(checkSites({ sites: [{ name: 'y', kind: 'shop', regions: [], matches: [] }] }).length).toBe(3);
  });

  it('matches like the browsers: subdomains for *., any port, path wildcards', () => {
    const re = patternToRegExp('https://*.indeed.com/*');
    expect(re.test('https://indeed.com/')).toBe(true);
    expect(re.test('https://uk.indeed.com:8443/jobs?q=a')).toBe(true);
    expect(re.test('https://indeed.com.evil.example/')).toBe(false);
    expect(re.test('http://www.indeed.com/')).toBe(false);
    expect(patternToRegExp('https://www.linkedin.com/jobs/*').test('https://www.linkedin.com/feed/')).toBe(false);
  });

  it('injects on whole hosts (single-page apps change paths), the full pattern decides', () => {
    expect(siteWide('https://www.facebook.com/groups/*')).toBe('https://www.facebook.com/*');
    expect(siteWide('https://*.indeed.com/*')).toBe('https://*.indeed.com/*');
    const inject = injectMatches(sites);
    expect(inject).toContain('https://www.facebook.com/*');
    expect(inject.every((m) => m.endsWith('/*') && !m.slice(m.indexOf('//') + 2, -2).includes('/'))).toBe(true);
    expect(checkSites({ sites: [{ name: 'all', kind: 'other', regions: ['INTL'], matches: inject }] })).toEqual([]);
  });
});
