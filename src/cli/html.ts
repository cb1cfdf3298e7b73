// Visible text of an HTML file, the way the content script reads a page: no script, style,
// template or hidden elements; blocks become line breaks. Also tells whether the page declares a
// schema.org JobPosting.

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'canvas', 'iframe', 'object', 'textarea', 'input', 'select', 'option', 'button']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const BLOCK = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'td', 'th', 'table', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'hr', 'dd', 'dt', 'dl', 'figure', 'figcaption', 'form', 'address']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', euro: '€', pound: '£', yen: '¥', copy: '©', zwj: '\u200d', zwnj: '\u200c' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return ENTITIES[e.toLowerCase()] ?? whole;
  });
}

function isHidden(attrs: string): boolean {
  return (
    /(?:^|\s)hidden(?:\s|=|$)/i.test(attrs) ||
    /aria-hidden\s*=\s*["']?true/i.test(attrs) ||
    /style\s*=\s*["'][^"']*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(attrs)
  );
}

export interface HtmlText {
  text: string;
  /** The page declares a schema.org JobPosting (JSON-LD or microdata). */
  jobPosting: boolean;
}

export function htmlToText(html: string): HtmlText {
  const jobPosting = /"@type"\s*:\s*"JobPosting"|itemtype\s*=\s*["']https?:\/\/schema\.org\/JobPosting/i.test(html);
  const out: string[] = [];
  const stack: { tag: string; skip: boolean }[] = [];
  const tagRe = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<!doctype[^>]*>|<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
  let pos = 0;
  let skipping = 0;
  for (let m: RegExpExecArray | null; (m = tagRe.exec(html)) !== null; ) {
    if (skipping === 0 && m.index > pos) out.push(decodeEntities(html.slice(pos, m.index)).replace(/\s+/g, ' '));
    pos = m.index + m[0].length;
    const name = m[1]?.toLowerCase();
    if (!name) continue;
    const closing = m[0][1] === '/';
    const attrs = m[2] ?? '';
    if (closing) {
      // Pop to the matching open tag (tolerates unclosed children).
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k]!.tag === name) {
          for (const s of stack.splice(k)) if (s.skip) skipping--;
          break;
        }
      }
      if (BLOCK.has(name)) out.push('\n');
      continue;
    }
    if (BLOCK.has(name)) out.push('\n');
    if (VOID.has(name) || attrs.trimEnd().endsWith('/')) continue;
    const skip = SKIP.has(name) || isHidden(attrs);
    stack.push({ tag: name, skip });
    if (skip) skipping++;
    if (name === 'script' || name === 'style' || name === 'textarea' || name === 'title') {
      // Raw text elements: jump to their end tag.
      const end = html.toLowerCase().indexOf(`</${name}`, pos);
      tagRe.lastIndex = end < 0 ? html.length : end;
      pos = tagRe.lastIndex;
    }
  }
  if (skipping === 0 && pos < html.length) out.push(decodeEntities(html.slice(pos)).replace(/\s+/g, ' '));
  const text = out
    .join('')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n')
    .trim();
  return { text, jobPosting };
}
