import type { Mermaid } from 'mermaid';
// KaTeX's layout rules and fonts for the formulas the compiler typeset; Vite ships the fonts.
import 'katex/dist/katex.min.css';

/**
 * What a section needs after its HTML is in the page: Copy buttons on code blocks and drawn
 * mermaid diagrams. Content tabs, collapsible blocks and task lists need nothing here: they are
 * radio inputs, <details> and disabled checkboxes that CSS alone brings to life.
 *
 * Nothing added here may add text to the section: highlights and search marks are placed by
 * character offsets in the section's text (lib/text-ranges.ts). Buttons carry their words in
 * aria-label and CSS, and a diagram is drawn in a shadow root beside its (hidden) source.
 *
 * Returns a function that undoes what keeps running (timers, the theme watcher).
 */
export function enhanceContent(root: HTMLElement): () => void {
  const cleanups = [addCopyButtons(root)];
  if (root.querySelector('pre.mermaid')) cleanups.push(drawDiagrams(root));
  return () => {
    for (const cleanup of cleanups) cleanup();
  };
}

const COPIED_MS = 1600;

function addCopyButtons(root: HTMLElement): () => void {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  for (const pre of root.querySelectorAll<HTMLPreElement>('pre.carrel-code')) {
    const code = pre.querySelector('code');
    if (!code || pre.querySelector(':scope > .copy-code')) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-code';
    button.setAttribute('aria-label', 'Copy code');
    button.title = 'Copy to clipboard';
    button.addEventListener('click', async (event) => {
      event.stopPropagation();
      try {
        await navigator.clipboard.writeText(code.textContent ?? '');
      } catch {
        button.setAttribute('aria-label', 'Copy failed');
        button.title = 'The clipboard could not be written; select the code and copy it instead.';
        return;
      }
      button.classList.add('copied');
      button.setAttribute('aria-label', 'Copied');
      const timer = setTimeout(() => {
        timers.delete(timer);
        button.classList.remove('copied');
        button.setAttribute('aria-label', 'Copy code');
      }, COPIED_MS);
      timers.add(timer);
    });
    pre.prepend(button);
  }
  return () => {
    for (const timer of timers) clearTimeout(timer);
  };
}

/** Loaded on the first section with a diagram: mermaid is large and most sections have none. */
let mermaidModule: Promise<Mermaid> | undefined;
const loadMermaid = () => (mermaidModule ??= import('mermaid').then((module) => module.default));

let diagramCount = 0;

const currentTheme = () => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'default');

/** Shadow-root styles: the SVG scales down to the column and keeps its own proportions. */
const DIAGRAM_STYLE = ':host{display:block}svg{display:block;max-width:100%;height:auto;margin:0 auto}';

function drawDiagrams(root: HTMLElement): () => void {
  let disposed = false;
  const blocks = [...root.querySelectorAll<HTMLPreElement>('pre.mermaid')];
  const sources = new Map(blocks.map((pre) => [pre, pre.querySelector('code')?.textContent ?? pre.textContent ?? '']));

  async function drawAll(): Promise<void> {
    let mermaid: Mermaid;
    try {
      mermaid = await loadMermaid();
    } catch {
      for (const pre of blocks) pre.classList.add('mermaid-failed');
      return;
    }
    // `strict` escapes labels and disables click handlers: a diagram can only ever be a picture.
    // Labels are measured in this font while drawing, so it must be the font they are shown in.
    const fontFamily = getComputedStyle(root).fontFamily;
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: currentTheme(), fontFamily });
    for (const pre of blocks) {
      if (disposed) return;
      await drawOne(mermaid, pre, sources.get(pre) ?? '');
    }
  }

  async function drawOne(mermaid: Mermaid, pre: HTMLPreElement, source: string): Promise<void> {
    const id = `carrel-diagram-${++diagramCount}`;
    let svg: string;
    try {
      if (!(await mermaid.parse(source, { suppressErrors: true }))) throw new Error('not a diagram');
      ({ svg } = await mermaid.render(id, source));
    } catch {
      // A diagram that fails can leave mermaid's scratch elements in the page.
      document.getElementById(`d${id}`)?.remove();
      document.getElementById(id)?.remove();
      if (!disposed) {
        pre.classList.remove('mermaid-rendered');
        pre.querySelector(':scope > .mermaid-diagram')?.remove();
        pre.classList.add('mermaid-failed');
      }
      return;
    }
    if (disposed) return;
    let host = pre.querySelector<HTMLElement>(':scope > .mermaid-diagram');
    if (!host) {
      host = document.createElement('div');
      host.className = 'mermaid-diagram';
      host.setAttribute('role', 'img');
      host.setAttribute('aria-label', 'Diagram');
      host.attachShadow({ mode: 'open' });
      pre.append(host);
    }
    host.shadowRoot!.innerHTML = `<style>${DIAGRAM_STYLE}</style>${svg}`;
    pre.classList.remove('mermaid-failed');
    pre.classList.add('mermaid-rendered');
  }

  // Diagrams are drawn in the theme's colours, so a theme change draws them again.
  const themeWatcher = new MutationObserver(() => void drawAll());
  themeWatcher.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  void drawAll();
  return () => {
    disposed = true;
    themeWatcher.disconnect();
  };
}
