// Static half of "no network request": no built file can open a connection, and the content
// script stays small (the engine lives in the background).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROME_EXT, ensureBuilt, FIREFOX_EXT } from './harness';

const NETWORK_APIS = /\b(fetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|RTCPeerConnection|importScripts)/;

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? jsFiles(p) : p.endsWith('.js') ? [p] : [];
  });
}

describe('built extension', () => {
  beforeAll(() => ensureBuilt());

  it.each([CHROME_EXT, FIREFOX_EXT])('has no network API in any script (%s)', (dir) => {
    for (const f of jsFiles(dir)) expect(NETWORK_APIS.exec(readFileSync(f, 'utf8'))?.[0], f).toBeUndefined();
  });

  it('keeps the content script under 120 kB', () => {
    expect(statSync(join(CHROME_EXT, 'content-scripts', 'scanner.js')).size).toBeLessThan(120_000);
  });

  it('asks for no host permission at install and no <all_urls>', () => {
    for (const dir of [CHROME_EXT, FIREFOX_EXT]) {
      const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      expect(m.host_permissions ?? []).toEqual([]);
      expect(m.permissions).toEqual(['storage', 'activeTab', 'scripting', 'contextMenus']);
      expect(JSON.stringify(m.content_scripts)).not.toMatch(/<all_urls>|\*:\/\/\*\//);
      expect(m.content_scripts[0].matches.length).toBeGreaterThan(50);
    }
  });
});
