// The badge and icon in discreet mode: what the e2e tests cannot read (no browser API returns the
// action's icon), checked against the calls made.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { badgeFor, NEUTRAL_TITLE, showIcon } from '../../../entrypoints/background/badge';
import type { PageVerdict } from '../../../src/messages';

const verdict: PageVerdict = {
  level: 'high',
  score: 9,
  kind: 'job',
  count: 3,
  reasons: [{ rule: 'en-keep-passport', category: 'document-control', severity: 'hard', quote: 'keep your passport' }],
};

describe('badge', () => {
  beforeEach(() => fakeBrowser.reset());

  it('says why, or in discreet mode only how many', () => {
    expect(badgeFor(verdict, false).title).toMatch(/High[\s\S]*Someone else holds your papers/);
    const quiet = badgeFor(verdict, true);
    expect(quiet).toEqual({ text: '3', color: '#6b7280', title: `${NEUTRAL_TITLE}: 3 notes` });
    expect(badgeFor(null, true)).toEqual({ text: '', color: '#6b7280', title: NEUTRAL_TITLE });
  });

  it('switches to the neutral icon and back', async () => {
    const setIcon = vi.fn(async () => undefined);
    fakeBrowser.action.setIcon = setIcon as typeof fakeBrowser.action.setIcon;
    await showIcon(true);
    await showIcon(false);
    const paths = setIcon.mock.calls.map((c) => Object.values((c as unknown as [{ path: Record<string, string> }])[0].path));
    expect(paths[0]!.every((p) => p.includes('/icon/neutral-'))).toBe(true);
    expect(paths[1]!.every((p) => p.includes('/icon/icon-'))).toBe(true);
  });
});
