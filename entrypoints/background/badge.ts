// The toolbar badge and its tooltip for one tab: the level as a colour, the count as text, and
// the reasons in the tooltip. Discreet mode says only that there are notes.
import browser from 'webextension-polyfill';
import { CATEGORIES, LEVEL_LABELS } from '../../src/engine/categories';
import type { PageVerdict } from '../../src/messages';

const COLOR = { none: '#6b7280', low: '#a16207', medium: '#c2410c', high: '#b91c1c' } as const;
export const NEUTRAL_TITLE = 'Second Look';

export function badgeFor(v: PageVerdict | null, discreet: boolean): { text: string; color: string; title: string } {
  if (!v || v.count === 0) return { text: '', color: COLOR.none, title: NEUTRAL_TITLE };
  if (discreet) return { text: String(v.count), color: COLOR.none, title: `${NEUTRAL_TITLE}: ${v.count} note${v.count > 1 ? 's' : ''}` };
  const why = v.reasons.map((r) => `• ${CATEGORIES[r.category].label}`).join('\n');
  return {
    text: String(v.count),
    color: COLOR[v.level],
    title: `${NEUTRAL_TITLE}: ${LEVEL_LABELS[v.level]}\n${why}`,
  };
}

export async function showBadge(tabId: number, v: PageVerdict | null, discreet: boolean): Promise<void> {
  const b = badgeFor(v, discreet);
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: b.text }),
    browser.action.setBadgeBackgroundColor({ tabId, color: b.color }),
    browser.action.setTitle({ tabId, title: b.title }),
  ]).catch(() => undefined); // the tab closed meanwhile
}

/** The neutral icon in discreet mode, for every tab. */
export async function showIcon(discreet: boolean): Promise<void> {
  const name = discreet ? 'neutral' : 'icon';
  const path = Object.fromEntries([16, 32, 48].map((s) => [s, `/icon/${name}-${s}.png`]));
  await browser.action.setIcon({ path }).catch(() => undefined);
}
