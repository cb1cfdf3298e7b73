// Stage 4: the verdict comes from which categories are present and how heavy they are, never
// from a count of hits. A category counts once, at its heaviest finding. See docs/scoring.md.
import type { Category, Finding, Kind, Level, Sensitivity, Severity } from './types';

export const SEVERITY_WEIGHT = { soft: 1, strong: 2, hard: 3 } as const satisfies Record<Severity, number>;

/** Score thresholds per sensitivity: [medium, high]. Chosen on the dev corpus (docs/scoring.md). */
export const THRESHOLDS = {
  low: [4, 7],
  normal: [3, 6],
  high: [2, 5],
} as const satisfies Record<Sensitivity, readonly [number, number]>;

export interface Verdict {
  level: Level;
  score: number;
}

export function verdict(
  findings: readonly Pick<Finding, 'category' | 'severity'>[],
  kind: Kind,
  sensitivity: Sensitivity = 'normal',
): Verdict {
  if (findings.length === 0) return { level: 'none', score: 0 };
  const heaviest = new Map<Category, number>();
  for (const f of findings) {
    const w = SEVERITY_WEIGHT[f.severity];
    if ((heaviest.get(f.category) ?? 0) < w) heaviest.set(f.category, w);
  }
  let score = 0;
  let hard = 0;
  for (const w of heaviest.values()) {
    score += w;
    if (w === SEVERITY_WEIGHT.hard) hard++;
  }
  const [medium, high] = THRESHOLDS[sensitivity];
  let level: Level = 'low';
  if (score >= high || (hard >= 2 && sensitivity !== 'low')) level = 'high';
  else if (score >= medium || (hard >= 1 && sensitivity !== 'low')) level = 'medium';
  // Articles describe these patterns; they are never an offer. They stay quiet.
  if (kind === 'article' && level !== 'low') level = 'low';
  return { level, score };
}
