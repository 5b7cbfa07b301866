export type ShortcutAction =
  | 'next'
  | 'previous'
  | 'bookmark'
  | 'new-note'
  | 'notes-view'
  | 'search'
  | 'focus'
  | 'larger-text'
  | 'smaller-text'
  | 'help';

/** The keyboard shortcuts, in the order the shortcuts dialog lists them. */
export const SHORTCUTS: { keys: string[]; action: ShortcutAction; description: string }[] = [
  { keys: ['Ctrl K', '/'], action: 'search', description: 'Search the course and your notes' },
  { keys: ['→', 'J'], action: 'next', description: 'Next section' },
  { keys: ['←', 'K'], action: 'previous', description: 'Previous section' },
  { keys: ['B'], action: 'bookmark', description: 'Bookmark this section (again to remove)' },
  { keys: ['N'], action: 'new-note', description: 'Write a note on this section' },
  { keys: ['M'], action: 'notes-view', description: 'My notes: every note and highlight (again to go back)' },
  { keys: ['F'], action: 'focus', description: 'Focus mode: only the text, for reading or a projector (again to leave)' },
  { keys: ['+'], action: 'larger-text', description: 'Larger text' },
  { keys: ['-'], action: 'smaller-text', description: 'Smaller text' },
  { keys: ['?'], action: 'help', description: 'Show these shortcuts' },
];

/** Shortcuts that work even while typing in a field. */
export function globalShortcutFor(event: KeyboardEvent): ShortcutAction | undefined {
  const command = event.ctrlKey || event.metaKey;
  return command && !event.altKey && event.key.toLowerCase() === 'k' ? 'search' : undefined;
}

export function shortcutFor(event: KeyboardEvent): ShortcutAction | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey) return undefined;
  switch (event.key) {
    case 'ArrowRight':
    case 'j':
      return 'next';
    case 'ArrowLeft':
    case 'k':
      return 'previous';
    case 'b':
      return 'bookmark';
    case 'n':
      return 'new-note';
    case '/':
      return 'search';
    case 'm':
      return 'notes-view';
    case 'f':
      return 'focus';
    case '+':
    case '=':
      return 'larger-text';
    case '-':
      return 'smaller-text';
    case '?':
      return 'help';
    default:
      return undefined;
  }
}

/** Keys typed into a field belong to the field, not to the shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
