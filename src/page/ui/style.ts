// Styles of our shadow root. System colours follow the page's light or dark scheme where the
// browser supports it; everything is scoped to the shadow root, so the page's CSS never leaks in.
export const UI_CSS = `
:host { color-scheme: light dark; }
* { box-sizing: border-box; }
.layer { position: fixed; inset: 0; pointer-events: none; }
.box { position: fixed; border-radius: 2px; pointer-events: none; mix-blend-mode: multiply; }
.box.soft { background: rgba(234, 179, 8, .30); border-bottom: 2px dotted #a16207; }
.box.strong { background: rgba(249, 115, 22, .30); border-bottom: 2px solid #c2410c; }
.box.hard { background: rgba(239, 68, 68, .32); border-bottom: 2px solid #b91c1c; }
.box.focus { outline: 2px solid #2563eb; background: rgba(59, 130, 246, .25); }
.panel {
  position: fixed; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: #1f2937; background: #fff; border: 1px solid #d1d5db; border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, .18); padding: 10px 12px; max-width: min(360px, calc(100vw - 16px));
  text-align: start; pointer-events: auto;
}
@media (prefers-color-scheme: dark) {
  .panel { color: #e5e7eb; background: #1f2937; border-color: #4b5563; }
  .panel a { color: #93c5fd; }
  .panel .muted { color: #9ca3af; }
  .panel button.secondary { background: #374151; color: #e5e7eb; border-color: #4b5563; }
}
.panel h2 { font-size: 14px; margin: 0 0 4px; display: flex; align-items: center; gap: 6px; }
.panel p { margin: 4px 0; }
.panel .muted { color: #4b5563; font-size: 12px; }
.panel a { color: #1d4ed8; text-decoration: underline; }
.panel .dot { width: 10px; height: 10px; border-radius: 50%; flex: none; background: var(--c, #888); }
.panel .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.panel button {
  font: inherit; font-size: 13px; padding: 3px 10px; border-radius: 6px; cursor: pointer;
  border: 1px solid #1d4ed8; background: #2563eb; color: #fff;
}
.panel button.secondary { background: #f3f4f6; color: #1f2937; border-color: #d1d5db; }
.panel button:focus-visible, .panel a:focus-visible { outline: 2px solid #f59e0b; outline-offset: 2px; }
.panel .close { position: absolute; top: 4px; inset-inline-end: 6px; border: 0; background: none; color: inherit; font-size: 18px; padding: 0 4px; }
.card { width: 340px; }
.card q { font-style: italic; }
.banner { right: 16px; bottom: 16px; width: 340px; border-inline-start: 6px solid var(--c, #f97316); }
.banner ul { margin: 4px 0; padding-inline-start: 18px; }
.banner li { margin: 2px 0; }
`;
