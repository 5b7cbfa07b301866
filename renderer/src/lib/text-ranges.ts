import { highlightRanges, type Highlight as SearchHighlight } from '../../../electron/core/search/index';

/**
 * Character offsets in an element's text, for highlights and search matches. Offsets count UTF-16
 * code units of the concatenated text nodes, the same text `element.textContent` gives, so they
 * agree with the plain text the compiler extracts from the same HTML.
 */
function textNodes(root: Node): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/** The offsets of a DOM range inside root, or undefined when the range is not inside it. */
export function offsetsOf(root: HTMLElement, range: Range): { start: number; end: number } | undefined {
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return undefined;
  const before = document.createRange();
  before.setStart(root, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  return { start, end: start + range.toString().length };
}

interface Piece {
  node: Text;
  from: number;
  to: number;
}

/** The text-node pieces covering [start, end): each is wrapped separately so markup stays valid. */
function piecesFor(root: HTMLElement, start: number, end: number): Piece[] {
  const pieces: Piece[] = [];
  let offset = 0;
  for (const node of textNodes(root)) {
    const length = node.data.length;
    const from = Math.max(start - offset, 0);
    const to = Math.min(end - offset, length);
    if (from < to) pieces.push({ node, from, to });
    offset += length;
    if (offset >= end) break;
  }
  return pieces;
}

/** Wraps the text between two offsets in <mark> elements made by `make`; returns them. */
export function wrapOffsets(root: HTMLElement, start: number, end: number, make: () => HTMLElement): HTMLElement[] {
  const marks: HTMLElement[] = [];
  for (const { node, from, to } of piecesFor(root, start, end)) {
    if (!node.data.slice(from, to).trim()) continue;
    const middle = node.splitText(from);
    middle.splitText(to - from);
    const mark = make();
    middle.parentNode!.replaceChild(mark, middle);
    mark.appendChild(middle);
    marks.push(mark);
  }
  return marks;
}

/** Removes marks made by wrapOffsets, leaving the text exactly as it was. */
export function unwrapAll(root: HTMLElement, selector: string): void {
  for (const mark of root.querySelectorAll(selector)) {
    const parent = mark.parentNode!;
    while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
    parent.removeChild(mark);
    parent.normalize();
  }
}

/** Marks every word a search matched, text node by text node; returns the marks in order. */
export function markSearchMatches(root: HTMLElement, highlight: SearchHighlight): HTMLElement[] {
  const marks: HTMLElement[] = [];
  for (const node of textNodes(root)) {
    const ranges = highlightRanges(node.data, highlight);
    const nodeMarks: HTMLElement[] = [];
    // From the end, so earlier offsets stay valid while the node is split.
    for (const { start, end } of [...ranges].reverse()) {
      const middle = node.splitText(start);
      middle.splitText(end - start);
      const mark = document.createElement('mark');
      mark.className = 'search-match';
      middle.parentNode!.replaceChild(mark, middle);
      mark.appendChild(middle);
      nodeMarks.unshift(mark);
    }
    marks.push(...nodeMarks);
  }
  return marks;
}
