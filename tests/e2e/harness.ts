// What every browser test needs: a fresh build, the fixture pages under their real host names
// (HTTPS, self-signed), and a proxy that is the browser's only way out: it lets the fixture hosts
// through and records everything else, so "no network request" is checked, not assumed.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer as createHttps, type Server as HttpsServer } from 'node:https';
import { createServer as createHttp, type Server as HttpServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROME_EXT = join(ROOT, '.output', 'chrome-mv3');
export const FIREFOX_EXT = join(ROOT, '.output', 'firefox-mv3');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const FIXTURES = join(ROOT, 'tests', 'e2e', 'fixtures');

/** Each fixture at a URL on a curated site (rules/sites.yaml), or, where said, on none. */
export const PAGES = {
  risky: 'https://www.indeed.com/viewjob?jk=a1b2c3',
  honest: 'https://www.indeed.com/viewjob?jk=d4e5f6',
  /** Two weak signs: low at normal sensitivity, medium at high. */
  mild: 'https://www.indeed.com/viewjob?jk=g7h8i9',
  article: 'https://www.facebook.com/groups/migrantwork/posts/1001',
  feed: 'https://www.jobstreet.com/jobs/in-kuala-lumpur',
  chat: 'https://web.telegram.org/a/',
  shadow: 'https://www.glassdoor.com/job-listing/guest-relations-dubai',
  /** facebook.com/ itself is not on the list (its groups are): a single-page app moving between them. */
  spa: 'https://www.facebook.com/',
  /** Not on the list: read on demand, or with "Watch every site". */
  elsewhere: 'https://jobs.example.org/offer/42',
  elsewhere2: 'https://jobs.example.org/offer/43',
  elsewhere3: 'https://classifieds.example.net/ad/7',
} as const;
const FILES: Record<string, string> = {
  [PAGES.risky]: 'risky-job.html',
  [PAGES.honest]: 'honest-job.html',
  [PAGES.mild]: 'mild-job.html',
  [PAGES.article]: 'article.html',
  [PAGES.feed]: 'feed.html',
  [PAGES.chat]: 'chat.html',
  [PAGES.shadow]: 'shadow.html',
  [PAGES.spa]: 'spa.html',
  [PAGES.elsewhere]: 'risky-job.html',
  [PAGES.elsewhere2]: 'risky-job.html',
  [PAGES.elsewhere3]: 'risky-job.html',
};
export const HOSTS = [...new Set(Object.values(PAGES).map((u) => new URL(u).hostname))];

/** Chromium's flags for every run here: no sandbox as root, no traffic of its own, our proxy as the only way out. */
export function chromiumArgs(ext: string, proxyPort: number, extra: string[] = []): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...extra,
    `--proxy-server=http://127.0.0.1:${proxyPort}`,
    `--disable-extensions-except=${ext}`,
    `--load-extension=${ext}`,
  ];
}

export function newestMtime(p: string): number {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let m = 0;
  for (const n of readdirSync(p)) if (n !== 'node_modules') m = Math.max(m, newestMtime(join(p, n)));
  return m;
}

/** Builds both browsers' extensions when .output is missing or older than any source. */
export function ensureBuilt(): void {
  // The rules the build reads (SECOND_LOOK_RULES_DIR, when set, points at a stable copy).
  const rules = process.env.SECOND_LOOK_RULES_DIR ?? join(ROOT, 'rules');
  const inputs = ['entrypoints', 'src', 'public', 'wxt.config.ts', 'scripts/rulepack-plugin.ts'];
  const sources = [...inputs.map((p) => join(ROOT, p)), rules].filter(existsSync);
  const newest = Math.max(...sources.map(newestMtime));
  const stale = (dir: string) => !existsSync(join(dir, 'manifest.json')) || statSync(join(dir, 'manifest.json')).mtimeMs < newest;
  const wxt = join(ROOT, 'node_modules', '.bin', 'wxt');
  if (stale(CHROME_EXT)) execFileSync(wxt, ['build'], { cwd: ROOT, stdio: 'pipe' });
  if (stale(FIREFOX_EXT)) execFileSync(wxt, ['build', '-b', 'firefox', '--mv3'], { cwd: ROOT, stdio: 'pipe' });
}

function certificate(): { key: Buffer; cert: Buffer } {
  // One certificate per set of host names: a new fixture host gets a new one.
  const dir = join(tmpdir(), `second-look-e2e-cert-${createHash('sha256').update(HOSTS.join()).digest('hex').slice(0, 8)}`);
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  if (!existsSync(cert)) {
    mkdirSync(dir, { recursive: true });
    const san = HOSTS.map((h) => `DNS:${h}`).join(',');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj', '/CN=second-look-e2e', '-addext', `subjectAltName=${san}`, '-keyout', key, '-out', cert], { stdio: 'pipe' });
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

export interface Net {
  proxyPort: number;
  /** Every request the fixture server answered: `https://host/path`. */
  served: string[];
  /** Every connection the browser tried to make anywhere else (refused). */
  refused: string[];
  close(): Promise<void>;
}

/** More pages for a caller that makes its own (the browser bench): answered before the fixtures. */
export interface ExtraPages {
  /** Hosts the proxy lets through besides HOSTS (the certificate need not name them: the bench ignores HTTPS errors). */
  hosts?: string[];
  serve(url: string): { body: string | Buffer; type?: string } | undefined;
}

export async function startNet(extra?: ExtraPages): Promise<Net> {
  const served: string[] = [];
  const refused: string[] = [];
  const allowed = [...HOSTS, ...(extra?.hosts ?? [])];
  const https: HttpsServer = createHttps(certificate(), (req, res) => {
    const url = `https://${req.headers.host}${req.url}`;
    served.push(url);
    const page = extra?.serve(url);
    if (page) {
      res.writeHead(200, { 'content-type': page.type ?? 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page.body);
      return;
    }
    const file = req.url === '/page-observer.js' ? 'page-observer.js' : FILES[url];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(readFileSync(join(FIXTURES, file)));
  });
  await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
  const httpsPort = (https.address() as AddressInfo).port;

  const sockets = new Set<Socket>();
  const proxy: HttpServer = createHttp((req, res) => {
    refused.push(`http ${req.url}`);
    res.writeHead(403).end();
  });
  proxy.on('connect', (req, client: Socket) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const [host] = (req.url ?? '').split(':');
    if (!host || !allowed.includes(host)) {
      refused.push(`connect ${req.url}`);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(httpsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  return {
    proxyPort: (proxy.address() as AddressInfo).port,
    served,
    refused,
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise((r) => https.close(r)), new Promise((r) => proxy.close(r))]);
    },
  };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}
