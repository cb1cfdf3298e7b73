// The help directory as a model: which resources to show for a country, in which order. Plain
// data in, plain data out; the help page renders it (and a later issue adds search).
import data from './resources.json';

export type Confidence = 'high' | 'medium' | 'low';

export interface HelpEntry {
  id: string;
  country: string;
  alsoFor: string[];
  organisation: string;
  service: string;
  kind: string;
  police: boolean;
  phone: string[];
  sms: string[];
  whatsapp: string[];
  email: string[];
  web: string[];
  dialing: string | null;
  languages: string[];
  hours: string | null;
  helpsWith: string;
  confidence: Confidence;
  sources: string[];
  sourceDate: string | null;
  notes: string | null;
}

export interface HelpData {
  about: string;
  lastReviewed: string;
  fallback: { emergency: string; directory: { name: string; url: string; entry: string } };
  entries: HelpEntry[];
}

export const HELP = data as HelpData;

/** Silent channels and specialist lines before general ones; police last (some fear it). */
const KIND_ORDER = ['trafficking-hotline', 'women/children helpline', 'NGO', 'reporting-website', 'emergency'];
const rank = (e: HelpEntry) => (e.police ? 100 : 0) + KIND_ORDER.indexOf(e.kind);

/** "vi-VN" → "VN"; "vi" alone → the country where the language is mostly spoken, if we know it. */
const LANG_COUNTRY: Record<string, string> = {
  vi: 'VN', zh: 'CN', th: 'TH', id: 'ID', ms: 'MY', ko: 'KR', ja: 'JP', ru: 'RU', mn: 'MN', my: 'MM',
  km: 'KH', lo: 'LA', tl: 'PH', fil: 'PH', de: 'DE', fr: 'FR', it: 'IT', nl: 'NL', es: 'ES',
};
export function countryFromLocale(locale: string | undefined): string | null {
  if (!locale) return null;
  const [lang, ...rest] = locale.split(/[-_]/);
  const region = rest.find((p) => /^[A-Za-z]{2}$/.test(p));
  if (region) return region.toUpperCase();
  return LANG_COUNTRY[(lang ?? '').toLowerCase()] ?? null;
}

export interface CountryHelp {
  country: string | null;
  /** High and medium confidence, best first. */
  verified: HelpEntry[];
  /** Low confidence: shown only with an "unverified" label. */
  unverified: HelpEntry[];
  /** International organisations, shown to everyone. */
  international: HelpEntry[];
}

export function helpFor(country: string | null, entries: readonly HelpEntry[] = HELP.entries): CountryHelp {
  const local = country ? entries.filter((e) => e.country === country || e.alsoFor.includes(country)) : [];
  const own = (e: HelpEntry) => (e.country === country ? 0 : 1); // a country's own lines before neighbours'
  const sorted = (l: HelpEntry[]) => [...l].sort((a, b) => own(a) - own(b) || rank(a) - rank(b));
  return {
    country,
    verified: sorted(local.filter((e) => e.confidence !== 'low' && e.country !== 'INTL')),
    unverified: sorted(local.filter((e) => e.confidence === 'low' && e.country !== 'INTL')),
    international: entries.filter((e) => e.country === 'INTL' && e.confidence !== 'low'),
  };
}

export const COUNTRIES: string[] = [...new Set(HELP.entries.map((e) => e.country))].filter((c) => c !== 'INTL').sort();

