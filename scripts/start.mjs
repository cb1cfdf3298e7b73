#!/usr/bin/env node
// `npm start`: build the extension and show it working at once. With a display and Chromium:
// open Chromium with the extension loaded on the bundled demo pages, served locally. Without a
// display (or without Chromium): say so, and run the same demo pages through the command line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const demo = join(root, 'demo');
const pages = ['risky-job.html', 'honest-job.html', 'dating-chat.html'];

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

console.log('Building the extension (Chrome and Firefox)…');
run('npm', ['run', '--silent', 'build']);

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
if (!display || !chromium || process.env.CI) {
  console.log(
    !chromium
      ? '\nNo Chromium found (on Debian: apt-get install chromium).'
      : '\nNo display here, so no browser window.',
  );
  console.log('Here is what the extension finds on the demo pages, through the same engine:\n');
  run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/cli/main.ts'), '--format', 'text', ...pages.map((p) => join(demo, p))]);
  console.log('\nLoad the extension yourself: chrome://extensions → Developer mode → Load unpacked → .output/chrome-mv3');
  process.exit(0);
}

const server = createServer((req, res) => {
  const name = (req.url ?? '/').split('?')[0].replace(/^\/+/, '') || 'index.html';
  if (name === 'index.html') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><meta charset="utf-8"><title>Second Look demo</title><h1>Second Look demo pages</h1><ul>${pages.map((p) => `<li><a href="/${p}">${p}</a></li>`).join('')}</ul>`);
    return;
  }
  if (!pages.includes(name)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(readFileSync(join(demo, name)));
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  // The demo pages are served under a job board's host name, as the extension sees real boards.
  const host = 'www.indeed.com';
  const ext = join(root, '.output/chrome-mv3');
  const profile = mkdtempSync(join(tmpdir(), 'second-look-demo-'));
  const urls = pages.map((p) => `http://${host}/${p}`);
  console.log(`\nOpening Chromium with Second Look on ${urls.join(', ')} (served from 127.0.0.1:${port}). Close the window to stop.`);
  const child = spawn(
    chromium,
    [
      `--user-data-dir=${profile}`,
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      `--host-resolver-rules=MAP ${host}:80 127.0.0.1:${port}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ...urls,
    ],
    { stdio: 'ignore' },
  );
  child.on('exit', () => {
    server.close();
    process.exit(0);
  });
});
