// The curated site list (rules/sites.yaml) as data: its schema check and URL matching. Pure: the
// build (manifest matches), the background (kind hint) and the tests share it.
import { KINDS, type Kind } from '../engine/types';

export interface Site {
  name: string;
  kind: Kind;
  regions: string[];
  matches: string[];
}

/** scheme://host/path, host `*`, `*.example.com` or exact; the subset browsers accept. */
const PATTERN = /^(\*|https?):\/\/(\*|(?:\*\.)?[a-z0-9.-]+)(\/.*)$/;

/** Problems in the parsed YAML, one line each; empty when the list is valid. */
export function checkSites(data: unknown): string[] {
  const problems: string[] = [];
  const list = (data as { sites?: unknown } | null)?.sites;
  if (!Array.isArray(list) || list.length === 0) return ['sites: must be a non-empty list'];
  const seen = new Map<string, string>();
  list.forEach((s: Partial<Site>, i) => {
    const at = `sites[${i}] (${s?.name ?? '?'})`;
    if (typeof s?.name !== 'string' || !s.name) problems.push(`${at}: name missing`);
    if (!(KINDS as readonly unknown[]).includes(s?.kind)) problems.push(`${at}: kind must be one of ${KINDS.join(', ')}`);
    if (!Array.isArray(s?.regions) || s.regions.length === 0) problems.push(`${at}: regions missing`);
    if (!Array.isArray(s?.matches) || s.matches.length === 0) problems.push(`${at}: matches missing`);
    for (const m of s?.matches ?? []) {
      if (typeof m !== 'string' || !PATTERN.test(m)) problems.push(`${at}: not a match pattern: ${String(m)}`);
      else if (m.includes('<all_urls>') || /^[^:]+:\/\/\*\//.test(m)) problems.push(`${at}: too broad: ${m}`);
      else if (seen.has(m)) problems.push(`${at}: ${m} already listed by ${seen.get(m)}`);
      else seen.set(m, s?.name ?? '?');
    }
  });
  return problems;
}

/** A match pattern as a RegExp over full URLs (query and fragment included, as browsers do). */
export function patternToRegExp(pattern: string): RegExp {
  const m = PATTERN.exec(pattern);
  if (!m) throw new Error(`not a match pattern: ${pattern}`);
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const schemeRe = scheme === '*' ? 'https?' : scheme;
  const hostRe = host === '*' ? '[^/]+' : host.startsWith('*.') ? `(?:[^/]+\\.)?${esc(host.slice(2))}` : esc(host);
  const pathRe = esc(path).replace(/\*/g, '.*');
  return new RegExp(`^${schemeRe}://${hostRe}(?::\\d+)?${pathRe}$`, 'i');
}

type SiteKind = Pick<Site, 'kind' | 'matches'>;

export class SiteMatcher {
  private readonly compiled: { re: RegExp; site: SiteKind }[];
  constructor(sites: readonly SiteKind[]) {
    this.compiled = sites.flatMap((site) => site.matches.map((m) => ({ re: patternToRegExp(m), site })));
  }
  find(url: string | undefined): SiteKind | undefined {
    if (!url) return undefined;
    return this.compiled.find((c) => c.re.test(url))?.site;
  }
}

export const allMatches = (sites: readonly SiteKind[]): string[] => [...new Set(sites.flatMap((s) => s.matches))];

/** The pattern with its path widened to the whole site: `https://www.facebook.com/groups/*` → `https://www.facebook.com/*`. */
export const siteWide = (pattern: string): string => pattern.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1/*');

/**
 * Where the content script is injected: every curated host, whole. Single-page apps (Facebook,
 * LinkedIn) change the path with history.pushState, which injects nothing; so the script sits on
 * the whole site and checks the full pattern (SiteMatcher) itself, at load and on every URL change.
 */
export const injectMatches = (sites: readonly SiteKind[]): string[] => [...new Set(allMatches(sites).map(siteWide))];
