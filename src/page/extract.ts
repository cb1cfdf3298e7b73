// Visible text as blocks (a paragraph, a list item, a chat bubble), each with a map from its text
// offsets back to the DOM text nodes it came from. Walks open shadow roots; never reads what the
// user is typing (form fields, contenteditable). Resumable, so callers can work in time slices.

/** One text node's share of a block: block.text.slice(start, end) === node.data.slice(nodeStart, nodeStart + end - start). */
export interface Piece {
  node: Text;
  nodeStart: number;
  start: number;
  end: number;
}

export interface TextBlock {
  /** The element (or shadow root) whose own text this is: the block's identity across scans. */
  owner: Node;
  text: string;
  pieces: Piece[];
}

/** Inline elements: their text joins the enclosing block. Everything else starts a block. */
const INLINE = new Set(
  'A ABBR B BDI BDO CITE CODE DATA DFN EM FONT I KBD LABEL MARK Q S SAMP SMALL SPAN STRONG SUB SUP TIME U VAR DEL INS TT BIG NOBR'.split(' '),
);
/** Never text for the reader, or text the user is writing. */
const SKIP = new Set(
  'SCRIPT STYLE NOSCRIPT TEMPLATE HEAD TITLE META LINK SVG CANVAS VIDEO AUDIO OBJECT EMBED IFRAME FRAME INPUT TEXTAREA SELECT OPTION BUTTON'.split(' '),
);

export const HOST_TAG = 'second-look-ui';

export const isBlockElement = (el: Element) => !INLINE.has(el.tagName.toUpperCase());

/** True for elements whose text is not the page's to read: hidden, typed into, or our own UI. */
export function skipElement(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (SKIP.has(tag) || tag === HOST_TAG.toUpperCase()) return true;
  if (el.hasAttribute('hidden')) return true;
  const ce = el.getAttribute('contenteditable');
  if ((ce !== null && ce !== 'false') || (el as HTMLElement).isContentEditable) return true;
  if (el.getAttribute('role') === 'textbox') return true;
  // checkVisibility is missing in some engines (and happy-dom): then the element counts as visible.
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (check && !check.call(el, { visibilityProperty: true })) return true;
  return false;
}

/** The nearest ancestor-or-self that starts a block: where re-reading a changed node must begin. */
export function blockOwner(node: Node): Node {
  let n: Node | null = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode;
  while (n && n.nodeType === Node.ELEMENT_NODE) {
    if (isBlockElement(n as Element)) return n;
    n = n.parentNode;
  }
  return n ?? node;
}

/** True when a node sits in text we must not read (typing fields, hidden, our UI). */
export function insideSkipped(node: Node): boolean {
  for (let n: Node | null = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode; n; n = n.parentNode) {
    if (n.nodeType === Node.ELEMENT_NODE && skipElement(n as Element)) return true;
    if (n.nodeType === Node.DOCUMENT_FRAGMENT_NODE) n = (n as ShadowRoot).host ?? null;
    if (!n) break;
  }
  return false;
}

class Builder {
  text = '';
  pieces: Piece[] = [];
  /** A nested block or <br> interrupted this one: the next text starts on a new line. */
  broken = false;
  constructor(readonly owner: Node) {}
  add(node: Text, nodeStart: number, data: string) {
    if (!data) return;
    if (this.broken && this.text) this.text += '\n';
    this.broken = false;
    const start = this.text.length;
    this.text += data;
    this.pieces.push({ node, nodeStart, start, end: this.text.length });
  }
}

/** Where a walk may stop: clip to a Range (a selection); and who wants to hear of shadow roots. */
export interface ExtractOptions {
  range?: Range;
  /** Each open shadow root the walk enters (the watcher observes it: changes there do not reach the document's observer). */
  onShadowRoot?: (root: ShadowRoot) => void;
}

/**
 * Walks `root` and yields each block once its text is complete. A generator, so a caller can stop
 * after a few milliseconds and resume: no long task on big pages.
 */
export function* extractBlocks(root: Node, options: ExtractOptions = {}): Generator<TextBlock, void, void> {
  const { range, onShadowRoot } = options;
  // Explicit stack (deep pages overflow recursion): a node and the block it feeds, or a marker
  // for leaving a nested block.
  type Frame = { node: Node; b: Builder; leave?: Builder; parent?: Builder };
  const stack: Frame[] = [];
  const rootBuilder = new Builder(blockOwner(root));
  stack.push({ node: root, b: rootBuilder });
  while (stack.length) {
    const f = stack.pop()!;
    if (f.leave) {
      // Leaving a nested block: its text is complete; the parent's next text is a new line.
      if (f.leave.text.trim()) yield { owner: f.leave.owner, text: f.leave.text, pieces: f.leave.pieces };
      if (f.parent) f.parent.broken = true;
      continue;
    }
    const n = f.node;
    if (n.nodeType === Node.TEXT_NODE) {
      const t = n as Text;
      if (range && !range.intersectsNode(t)) continue;
      let from = 0;
      let to = t.data.length;
      if (range?.startContainer === t) from = range.startOffset;
      if (range?.endContainer === t) to = range.endOffset;
      f.b.add(t, from, t.data.slice(from, to));
      continue;
    }
    let b = f.b;
    let children: ArrayLike<Node>;
    if (n.nodeType === Node.ELEMENT_NODE) {
      const el = n as Element;
      if (n !== root && skipElement(el)) continue;
      if (range && !range.intersectsNode(el)) continue;
      if (el.tagName === 'BR') {
        b.broken = true;
        continue;
      }
      if (n !== root && isBlockElement(el)) {
        b = new Builder(el);
        stack.push({ node: el, b, leave: b, parent: f.b });
      }
      if (el.shadowRoot) onShadowRoot?.(el.shadowRoot);
      const slot = el.tagName === 'SLOT' ? (el as HTMLSlotElement) : null;
      children = el.shadowRoot
        ? el.shadowRoot.childNodes
        : slot?.assignedNodes
          ? slot.assignedNodes({ flatten: true }).length
            ? slot.assignedNodes({ flatten: true })
            : slot.childNodes
          : el.childNodes;
    } else if (n.nodeType === Node.DOCUMENT_NODE || n.nodeType === Node.DOCUMENT_FRAGMENT_NODE) {
      children = n.childNodes;
    } else continue;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, b });
  }
  if (rootBuilder.text.trim()) yield { owner: rootBuilder.owner, text: rootBuilder.text, pieces: rootBuilder.pieces };
}
