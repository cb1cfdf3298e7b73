import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/cli/html';
import { runScan } from '../../src/cli/scan';
import { realScanner } from '../helpers/scanner';

async function run(argv: string[], stdin = '', tty = false) {
  let out = '';
  let err = '';
  const code = await runScan(
    argv,
    {
      stdin: Readable.from([stdin]),
      stdout: { write: (s: string) => (out += s), isTTY: tty },
      stderr: { write: (s: string) => (err += s), isTTY: false },
    },
    realScanner,
  );
  return { code, out, err, lines: out.trim().split('\n').filter(Boolean) };
}

describe('scan --jsonl (the contract)', () => {
  it('prints one line per input line, in order, with the contract fields', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'We pay your ticket, you repay from salary.' }),
      JSON.stringify({ id: 7, text: 'Senior backend engineer, Go and Postgres.' }),
    ].join('\n');
    const { code, lines } = await run(['--jsonl'], input);
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
    const a = JSON.parse(lines[0]!);
    expect(Object.keys(a)).toEqual(['id', 'level', 'score', 'kind', 'lang', 'findings']);
    expect(a.id).toBe('a');
    expect(['medium', 'high']).toContain(a.level);
    expect(Object.keys(a.findings[0])).toEqual(['rule', 'category', 'start', 'end', 'quote']);
    expect('We pay your ticket, you repay from salary.'.slice(a.findings[0].start, a.findings[0].end)).toBe(a.findings[0].quote);
    expect(JSON.parse(lines[1]!)).toMatchObject({ id: 7, level: 'none', findings: [] });
  });

  it('reports a malformed line in its place, scans the others, and exits 1', async () => {
    const input = ['{"id":"x","text":"hello"}', '{not json', '{"id":"y"}', '["text"]', '{"id":"z","text":"The club manager keeps your passport."}'].join('\n');
    const { code, lines } = await run(['--jsonl'], input);
    expect(code).toBe(1);
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[1]!)).toMatchObject({ id: null, line: 2 });
    expect(JSON.parse(lines[1]!).error).toMatch(/line 2: not valid JSON/);
    expect(JSON.parse(lines[2]!)).toMatchObject({ id: null, line: 3, error: 'line 3: missing "text" (a string)' });
    expect(JSON.parse(lines[3]!)).toMatchObject({ id: null, line: 4 });
    expect(JSON.parse(lines[4]!).id).toBe('z');
    expect(JSON.parse(lines[4]!).findings.length).toBeGreaterThan(0);
  });

  it('uses url and lang from the input line as hints', async () => {
    const { lines } = await run(['--jsonl'], JSON.stringify({ id: 1, text: 'Hello there', url: 'https://www.indeed.com/viewjob' }));
    expect(JSON.parse(lines[0]!).kind).toBe('job');
  });
});

describe('scan files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-cli-'));
  const html = join(dir, 'ad.html');
  writeFileSync(html, `<html><head><title>Job</title><style>.x{}</style><script>var passport = "keeps your passport";</script>
    <script type="application/ld+json">{"@type":"JobPosting","title":"Hostess"}</script></head>
    <body><h1>Hostess wanted</h1><p>The club manager keeps your passport.</p>
    <div hidden>Processing fee USD 1,500</div><p style="display:none">pay a deposit of $900 before you start</p></body></html>`);
  const txt = join(dir, 'ad.txt');
  writeFileSync(txt, 'Only ladies 18–25 with a slim figure.');

  it('reads HTML as visible text only, and a JobPosting makes it a job', async () => {
    const { code, lines } = await run(['--format', 'json', html]);
    expect(code).toBe(0);
    const r = JSON.parse(lines[0]!);
    expect(r.file).toBe(html);
    expect(r.kind).toBe('job');
    expect(r.findings.map((f: { quote: string }) => f.quote).join(' ')).toContain('passport');
    expect(JSON.stringify(r)).not.toMatch(/1,500|deposit/);
  });

  it('prints a readable report with quotes and explanations', async () => {
    const { out } = await run(['--format', 'text', txt]);
    expect(out).toMatch(/ad\.txt: (Low|Medium|High)/);
    expect(out).toContain('“ladies 18–25”');
    expect(out).toMatch(/Source: /);
  });

  it('names a missing file and goes on with the others', async () => {
    const { code, lines, err } = await run(['--format', 'json', join(dir, 'nope.txt'), txt]);
    expect(code).toBe(1);
    expect(err).toContain('nope.txt: no such file');
    expect(lines).toHaveLength(1);
  });

  it('explains usage errors', async () => {
    const { code, err } = await run(['--format', 'xml']);
    expect(code).toBe(2);
    expect(err).toContain('--format takes json or text');
  });
});

describe('htmlToText', () => {
  it('keeps visible text with line breaks between blocks and decodes entities', () => {
    const { text } = htmlToText('<div>A &amp; B</div><p>caf&#233; &#x1F600;&nbsp;<b>bold</b></p><template>x</template><!-- c -->');
    expect(text).toBe('A & B\ncafé 😀 bold');
  });
  it('drops aria-hidden, hidden, script, style and noscript content', () => {
    const { text } = htmlToText('<p>yes</p><span aria-hidden="true">no1</span><noscript>no2</noscript><div hidden>no3</div>');
    expect(text).toBe('yes');
  });
});
