import { Marked } from 'marked';
import { sanitizeNoteHtml } from './sanitize';

const notes = new Marked({ gfm: true, breaks: true });

/** Renders a note's Markdown for display; the result is safe to insert. */
export function renderNote(markdown: string): string {
  return sanitizeNoteHtml(notes.parse(markdown, { async: false }));
}
