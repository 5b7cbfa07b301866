import type { HighlightColor } from '../../../electron/contract';

/** The highlight colours, in the order the colour pickers show them; CSS defines --hl-<id>. */
export const HIGHLIGHT_COLORS: { id: HighlightColor; label: string }[] = [
  { id: 'yellow', label: 'Yellow' },
  { id: 'green', label: 'Green' },
  { id: 'blue', label: 'Blue' },
  { id: 'pink', label: 'Pink' },
];
