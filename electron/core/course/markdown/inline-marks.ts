import type { Token, Tokens } from 'marked';
import type { SyntaxExtension } from './syntax-table.js';
import { escapeText } from '../markup-escape.js';

/**
 * PyMdown Extensions' inline marks: ==mark== (mark), ^^insert^^ (caret), ^sup^, ~~delete~~ and
 * ~sub~ (tilde), and ++ctrl+alt+del++ (keys).
 */
interface MarkToken extends Tokens.Generic {
  type: 'inlineMark';
  tag: 'mark' | 'ins' | 'del' | 'sup' | 'sub';
  tokens: Token[];
}

interface KeysToken extends Tokens.Generic {
  type: 'keys';
  keys: string[];
}

// Paired delimiters: content may not start or end with a space, as in pymdownx.
const PAIRS: { pattern: RegExp; tag: MarkToken['tag'] }[] = [
  { pattern: /^==(?!\s)((?:\\.|[^\\=]|=(?!=))+?)(?<!\s)==(?!=)/, tag: 'mark' },
  { pattern: /^\^\^(?!\s)((?:\\.|[^\\^]|\^(?!\^))+?)(?<!\s)\^\^/, tag: 'ins' },
  { pattern: /^\^((?:\\.|[^\\^\s])+?)\^/, tag: 'sup' },
  { pattern: /^~~(?!\s)((?:\\.|[^\\~]|~(?!~))+?)(?<!\s)~~/, tag: 'del' },
  { pattern: /^~((?:\\.|[^\\~\s])+?)~/, tag: 'sub' },
];

export const inlineMarkExtension: SyntaxExtension = {
  name: 'inlineMark',
  level: 'inline',
  tokenizer(src) {
    const first = src[0];
    if (first !== '=' && first !== '^' && first !== '~') return undefined;
    for (const { pattern, tag } of PAIRS) {
      const match = pattern.exec(src);
      if (match)
        return {
          type: 'inlineMark',
          raw: match[0],
          tag,
          tokens: this.lexer.inlineTokens(match[1]!),
        } satisfies MarkToken;
    }
    return undefined;
  },
  renderer(generic) {
    const token = generic as MarkToken;
    return `<${token.tag}>${this.parser.parseInline(token.tokens)}</${token.tag}>`;
  },
};

/** Key names pymdownx.keys knows, with the label it shows; anything else is shown as written. */
const KEY_LABELS: Record<string, string> = {
  ctrl: 'Ctrl',
  control: 'Ctrl',
  alt: 'Alt',
  shift: 'Shift',
  cmd: 'Cmd',
  command: 'Cmd',
  meta: 'Meta',
  option: 'Option',
  opt: 'Option',
  windows: 'Win',
  win: 'Win',
  super: 'Super',
  fn: 'Fn',
  del: 'Del',
  delete: 'Del',
  backspace: 'Backspace',
  enter: 'Enter',
  return: 'Return',
  tab: 'Tab',
  esc: 'Esc',
  escape: 'Esc',
  space: 'Space',
  insert: 'Ins',
  ins: 'Ins',
  home: 'Home',
  end: 'End',
  'page-up': 'Page Up',
  'page-down': 'Page Down',
  up: 'Up',
  down: 'Down',
  left: 'Left',
  right: 'Right',
  'arrow-up': 'Up',
  'arrow-down': 'Down',
  'arrow-left': 'Left',
  'arrow-right': 'Right',
  'caps-lock': 'Caps Lock',
  'print-screen': 'Print Screen',
  pause: 'Pause',
  menu: 'Menu',
};
const KEY_CLASSES: Record<string, string> = {
  ctrl: 'control',
  del: 'delete',
  cmd: 'command',
  esc: 'escape',
  ins: 'insert',
  opt: 'option',
  win: 'windows',
};

const KEYS = /^\+\+((?:"[^"\n]*"|[\w-]+)(?:\+(?:"[^"\n]*"|[\w-]+))*)\+\+/;

function renderKey(key: string): string {
  if (key.startsWith('"')) return `<kbd>${escapeText(key.slice(1, -1))}</kbd>`;
  const name = key.toLowerCase();
  const label =
    KEY_LABELS[name] ?? (/^f\d{1,2}$/.test(name) ? name.toUpperCase() : key.length === 1 ? key.toUpperCase() : key);
  return `<kbd class="key-${KEY_CLASSES[name] ?? name}">${escapeText(label)}</kbd>`;
}

export const keysExtension: SyntaxExtension = {
  name: 'keys',
  level: 'inline',
  tokenizer(src) {
    if (!src.startsWith('++')) return undefined;
    const match = KEYS.exec(src);
    if (!match) return undefined;
    return { type: 'keys', raw: match[0], keys: match[1]!.match(/"[^"\n]*"|[\w-]+/g)! } satisfies KeysToken;
  },
  renderer(generic) {
    const { keys } = generic as KeysToken;
    return `<span class="keys">${keys.map(renderKey).join('<span>+</span>')}</span>`;
  },
};
