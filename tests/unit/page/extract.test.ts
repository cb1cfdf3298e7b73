// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { blockOwner, extractBlocks, insideSkipped, type TextBlock } from '../../../src/page/extract';
import { rangeFor } from '../../../src/page/ranges';

const blocks = (root: Node = document.body, range?: Range): TextBlock[] => [...extractBlocks(root, { range })];
const texts = (root?: Node) => blocks(root).map((b) => b.text.trim());

describe('extractBlocks', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('joins inline elements into one block and splits at block elements', () => {
    document.body.innerHTML = '<div>Pay a <b>$300</b> fee<p>Inner paragraph.</p>after it</div><ul><li>One</li><li>Two</li></ul>';
    expect(texts()).toEqual(['Inner paragraph.', 'Pay a $300 fee\nafter it', 'One', 'Two']);
  });

  it('never reads form fields, contenteditable, hidden, scripts or our own host', () => {
    document.body.innerHTML = `
      <p>Visible offer.</p>
      <textarea>typed draft</textarea><input value="typed input">
      <div contenteditable="true">compose <b>box</b></div>
      <div role="textbox">custom editor</div>
      <p hidden>hidden text</p>
      <script>var secret = 1;</script><style>p{}</style>
      <second-look-ui>our ui</second-look-ui>`;
    expect(texts()).toEqual(['Visible offer.']);
  });

  it('walks open shadow roots', () => {
    document.body.innerHTML = '<p>Outside.</p><div id="h"></div>';
    const root = document.getElementById('h')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>Inside the <i>shadow</i>.</p>';
    expect(texts()).toContain('Inside the shadow.');
    // ...and names each one it enters, for the watcher.
    const seen: ShadowRoot[] = [];
    [...extractBlocks(document.body, { onShadowRoot: (r) => seen.push(r) })];
    expect(seen).toEqual([root]);
  });

  it('clips to a selection range', () => {
    document.body.innerHTML = '<p id="p">Please keep your passport with you at all times.</p>';
    const t = document.getElementById('p')!.firstChild as Text;
    const r = document.createRange();
    r.setStart(t, 7);
    r.setEnd(t, 26);
    const [b] = blocks(document.getElementById('p')!, r);
    expect(b!.text).toBe('keep your passport ');
    expect(b!.pieces[0]!.nodeStart).toBe(7);
    expect(rangeFor(b!, 0, 18)!.toString()).toBe('keep your passport');
  });

  it('finds the block a changed node belongs to, and whether it is off limits', () => {
    document.body.innerHTML = '<article><p>Some <span id="s">text</span></p></article><div contenteditable><span id="c">x</span></div>';
    expect((blockOwner(document.getElementById('s')!.firstChild!) as Element).tagName).toBe('P');
    expect(insideSkipped(document.getElementById('c')!)).toBe(true);
    expect(insideSkipped(document.getElementById('s')!)).toBe(false);
  });
});

describe('rangeFor', () => {
  it('maps offsets across several text nodes back to a DOM range', () => {
    document.body.innerHTML = '<p id="p">You must <b>pay a $350</b> visa fee now.</p>';
    const [b] = blocks(document.getElementById('p')!);
    const start = b!.text.indexOf('pay');
    const end = b!.text.indexOf(' now');
    const r = rangeFor(b!, start, end)!;
    expect(r.toString()).toBe('pay a $350 visa fee');
    expect(r.startContainer.textContent).toBe('pay a $350');
    expect(r.endContainer.textContent).toBe(' visa fee now.');
  });

  it('snaps offsets on an added separator to the real text around it', () => {
    document.body.innerHTML = '<div id="d">first<br>second</div>';
    const [b] = blocks(document.getElementById('d')!);
    expect(b!.text).toBe('first\nsecond');
    expect(rangeFor(b!, 0, b!.text.length)!.toString()).toBe('firstsecond');
    expect(rangeFor(b!, 5, 6)).toBeNull(); // only the separator: nothing to paint
  });

  it('gives up when the text changed since it was read', () => {
    document.body.innerHTML = '<p id="p">keep your passport</p>';
    const [b] = blocks(document.getElementById('p')!);
    (document.getElementById('p')!.firstChild as Text).data = 'short';
    expect(rangeFor(b!, 5, 18)).toBeNull();
    document.getElementById('p')!.remove();
    expect(rangeFor(b!, 0, 4)).toBeNull();
  });

  it('keeps UTF-16 offsets (emoji, CJK) exact', () => {
    document.body.innerHTML = '<p id="p">😀 高薪 <b>免费机票</b> 🎉</p>';
    const [b] = blocks(document.getElementById('p')!);
    const s = b!.text.indexOf('免费');
    expect(rangeFor(b!, s, s + 4)!.toString()).toBe('免费机票');
  });
});
