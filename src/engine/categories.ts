// Every category's label, short description and colour in one table: a missing category fails
// to compile. The ids and meanings are fixed by ../shared/spec/categories.md.
import type { Category, Level } from './types';

export interface CategoryInfo {
  label: string;
  /** What the category flags, in a few plain words. */
  summary: string;
  /** Highlight colour (hex); readable under dark text and on dark pages with the outline. */
  color: string;
}

export const CATEGORIES = {
  'upfront-fees': { label: 'You pay to get the job', summary: 'travel, visa, training, agency or "processing" fees, deposits', color: '#f59e0b' },
  'debt-bondage': { label: 'Debt paid back from wages', summary: 'loans or advances repaid from wages, money sent to the family first', color: '#ef4444' },
  'study-lure': { label: 'Study offer tied to work', summary: 'cheap or free study abroad bundled with a job or a loan', color: '#a855f7' },
  'glamour-jobs': { label: 'Hostess, model or club work', summary: 'model, hostess, dancer, massage, karaoke, bar or club work, often far away', color: '#ec4899' },
  'document-control': { label: 'Someone else holds your papers', summary: 'passport or ID kept by others, tourist-visa work, "no documents needed"', color: '#ef4444' },
  'isolation-confinement': { label: 'Cut off or kept inside', summary: 'no phone, no days off, cannot leave, guarded or remote housing', color: '#ef4444' },
  'off-platform-contact': { label: 'Moved to a private app', summary: 'WhatsApp, Telegram, WeChat or private numbers instead of a company channel', color: '#3b82f6' },
  'too-good-to-be-true': { label: 'Too good to be true', summary: 'high pay for no skills, no experience or language needed, all expenses paid', color: '#eab308' },
  'appearance-age': { label: 'Looks or age demanded', summary: 'youth, looks, body, virginity or marital status for work that does not need them', color: '#f97316' },
  'secrecy-pressure': { label: 'Rushed or told to keep it secret', summary: 'leave now, few places left, do not tell your family, threats', color: '#f97316' },
  'romance-relocation': { label: 'New partner wants you to move', summary: 'an online partner urges a move and pays the ticket', color: '#d946ef' },
  'bride-brokerage': { label: 'Bride broker', summary: 'brides for sale, payments to the family, marriage arranged abroad', color: '#ef4444' },
  'vague-recruiter': { label: 'Who is behind this?', summary: 'no company name or address, an "agent" or "boss", fake officials', color: '#64748b' },
  'webcam-work': { label: 'Webcam or private-show work', summary: 'webcam, live-stream or private-show work', color: '#a855f7' },
  'scam-compound': { label: 'Scam-compound job', summary: '"customer service" or "typing" jobs with free flights to known compound hubs', color: '#ef4444' },
  'targets-minors': { label: 'Aimed at minors', summary: 'addresses students, under-18s or "young girls"', color: '#dc2626' },
} as const satisfies Record<Category, CategoryInfo>;

export const LEVEL_LABELS = {
  none: 'Nothing found',
  low: 'Low: a cue, nothing more',
  medium: 'Medium: several warning signs',
  high: 'High: strong warning signs',
} as const satisfies Record<Level, string>;
