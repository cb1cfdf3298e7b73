// What kind of page this is: a hint from the page wins, then the URL, then cues in the text.
import { languageRegExp, type WordUnits } from './expressions';
import type { Boundary, CompiledLanguage, CompiledPack } from './pack';
import type { Kind, Lang } from './types';

type CueKind = Exclude<Kind, 'other'>;
const CUE_KINDS: CueKind[] = ['job', 'dating', 'chat', 'article'];

/** Lines that start with a speaker ("Linda HR:", "[10:02] Me:", "小林：")… */
const SPEAKER_LINE = /(?:^|\n|(?<=[.!?。！？]\s))[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?([^\s:：\n][^:：\n.!?]{0,24})[:：][ \t]*\S/gu;

/** …make a chat when speakers come back: an ad's field labels ("Salary:", "岗位：") each appear once. */
function repeatedSpeakerLines(text: string): number {
  const seen = new Map<string, number>();
  let n = 0;
  for (const m of text.matchAll(SPEAKER_LINE)) {
    const who = m[1]!.trim().toLowerCase();
    seen.set(who, (seen.get(who) ?? 0) + 1);
    if (++n > 60) break;
  }
  let repeated = 0;
  for (const c of seen.values()) if (c >= 2) repeated += c;
  return Math.min(repeated, 12);
}

export class KindDetector {
  private readonly cues = new Map<Lang, Map<CueKind, RegExp>>();
  private readonly urls: { re: RegExp; kind: Kind }[];

  constructor(pack: CompiledPack) {
    for (const l of pack.languages) this.cues.set(l.lang, compileCues(l, pack.wordUnits));
    this.urls = pack.urlKinds.map((u) => ({ re: new RegExp(u.pattern, 'i'), kind: u.kind }));
  }

  detect(normText: string, lang: Lang, url?: string): Kind {
    if (url) {
      for (const u of this.urls) if (u.re.test(url)) return u.kind;
    }
    const sample = normText.length > 30_000 ? normText.slice(0, 30_000) : normText;
    const score: Record<CueKind, number> = { job: 0, dating: 0, chat: 0, article: 0 };
    const langs: Lang[] = lang === 'en' ? ['en'] : [lang, 'en'];
    for (const l of langs) {
      const cues = this.cues.get(l);
      if (!cues) continue;
      const weight = l === lang ? 1 : 0.5;
      for (const k of CUE_KINDS) score[k] += weight * count(cues.get(k), sample, 12);
    }
    const speakers = repeatedSpeakerLines(sample);
    if (speakers >= 3) score.chat += speakers;
    // An article needs several of its cues: one "victim" in an ad does not make it news.
    if (score.article >= 2.5 && score.article >= score.job * 0.8) return 'article';
    let best: Kind = 'other';
    let bestScore = 1;
    for (const k of ['job', 'chat', 'dating'] as const) {
      if (score[k] >= bestScore && score[k] > (best === 'other' ? 0 : score[best as CueKind])) {
        best = k;
        bestScore = score[k];
      }
    }
    return best;
  }
}

function compileCues(l: CompiledLanguage, units: WordUnits): Map<CueKind, RegExp> {
  const m = new Map<CueKind, RegExp>();
  for (const k of CUE_KINDS) {
    const src = l.kindCues[k];
    if (src) m.set(k, languageRegExp(wrap(src, l.boundary), 'gi', units));
  }
  return m;
}

export function wrap(src: string, boundary: Boundary): string {
  if (boundary === 'none' || boundary === 'segment') return `(?:${src})`;
  if (boundary === 'start') return `(?<![\\p{L}\\p{N}])(?:${src})`;
  return `(?<![\\p{L}\\p{N}])(?:${src})(?![\\p{L}\\p{N}])`;
}

function count(re: RegExp | undefined, text: string, cap: number): number {
  if (!re) return 0;
  re.lastIndex = 0;
  let n = 0;
  while (n < cap && re.exec(text) !== null) n++;
  return n;
}
