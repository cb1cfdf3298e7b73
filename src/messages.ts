// Every message between the extension's parts, one discriminated union per direction.
import type { ScanOptions, ScanResult } from './engine/types';

/** Popup, options and content scripts → background. */
export type ToBackground =
  | { type: 'scan-text'; text: string; options?: Pick<ScanOptions, 'url' | 'kind' | 'lang'> };

export type Reply<M extends ToBackground> = M extends { type: 'scan-text' } ? ScanResult : never;

export function isToBackground(m: unknown): m is ToBackground {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';
}
