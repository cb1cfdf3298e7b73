import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { dismiss, dismissalsItem, findingKey, getDismissals, getSettings, isMuted, pageKey, updateSettings } from '../../../src/storage';

describe('storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keys pages and findings without keeping the URL or the quote in clear', async () => {
    const url = 'https://www.indeed.com/viewjob?jk=abc#top';
    expect(pageKey(url)).toBe(pageKey('https://www.indeed.com/viewjob?jk=abc'));
    expect(pageKey(url)).not.toBe(pageKey('https://www.indeed.com/viewjob?jk=abd'));
    await dismiss(url, { finding: findingKey({ rule: 'en-x', quote: 'keep your passport' }) });
    await dismiss(url, { banner: true });
    const stored = JSON.stringify(await dismissalsItem.getValue());
    expect(stored).not.toMatch(/indeed|passport/);
    const d = await getDismissals(url);
    expect(d.banner).toBe(true);
    expect(d.findings).toEqual([findingKey({ rule: 'en-x', quote: 'Keep your passport' })]);
  });

  it('merges settings over the defaults and mutes subdomains', async () => {
    expect((await getSettings()).sensitivity).toBe('normal');
    const s = await updateSettings(() => ({ mutedSites: ['indeed.com'] }));
    expect(isMuted(s, 'uk.indeed.com')).toBe(true);
    expect(isMuted(s, 'notindeed.com')).toBe(false);
  });
});
