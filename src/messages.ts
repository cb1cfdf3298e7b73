// Every message between the extension's parts, one discriminated union per direction, with the
// reply each one gets. Page text only ever travels content script → background, never further.
import browser from 'webextension-polyfill';
import type { Category, Finding, Kind, Level, ScanOptions, ScanResult, Severity } from './engine/types';

/** A run of page text (a paragraph, a list item, a chat bubble) the content script wants read. */
export interface Block {
  id: number;
  text: string;
}

/** What the badge and the banner need to know about one finding. */
export interface FindingSummary {
  rule: string;
  category: Category;
  severity: Severity;
  quote: string;
}

/** The verdict for a whole tab (every frame, minus what the user dismissed). */
export interface PageVerdict {
  level: Level;
  score: number;
  kind: Kind;
  count: number;
  /** The heaviest finding of each category, heaviest first: the banner's "top reasons". */
  reasons: FindingSummary[];
}

/** Popup, options, help and content scripts → background. */
export type ToBackground =
  | { type: 'scan-text'; text: string; options?: Pick<ScanOptions, 'url' | 'kind' | 'lang'> }
  /** Content script: read these blocks of this frame with the user's settings. */
  | { type: 'scan-blocks'; blocks: Block[] }
  /** Content script: the frame's current findings (after dismissals), for the verdict and badge. */
  | { type: 'report'; findings: FindingSummary[] }
  | { type: 'open-help' }
  /** Popup: what the background knows about that tab. */
  | { type: 'tab-verdict'; tabId: number }
  /** Popup: read the page (or the selection) now, injecting the content script if needed. */
  | { type: 'check-tab'; tabId: number; what: 'page' | 'selection' };

export interface ScanBlocksReply {
  kind: Kind;
  results: { id: number; findings: Finding[] }[];
}

export type Reply<M extends ToBackground> = M extends { type: 'scan-text' }
  ? ScanResult
  : M extends { type: 'scan-blocks' }
    ? ScanBlocksReply
    : M extends { type: 'report' }
      ? PageVerdict
      : M extends { type: 'tab-verdict' }
        ? PageVerdict | null
        : M extends { type: 'check-tab' }
          ? { ok: boolean; error?: string }
          : void;

/** Background → content script (frame 0 unless said otherwise). */
export type ToContent =
  | { type: 'ping' }
  | { type: 'check'; what: 'page' | 'selection' }
  /** The tab's verdict changed because of another frame. */
  | { type: 'page-verdict'; verdict: PageVerdict }
  | { type: 'step-finding'; step: 1 | -1 };

const isMessage = (m: unknown): m is { type: string } =>
  typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';

export const isToBackground = isMessage as (m: unknown) => m is ToBackground;
export const isToContent = isMessage as (m: unknown) => m is ToContent;

/** Typed runtime.sendMessage. */
export function sendToBackground<M extends ToBackground>(message: M): Promise<Reply<M>> {
  return browser.runtime.sendMessage(message) as Promise<Reply<M>>;
}
