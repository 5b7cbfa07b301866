import type { TextPositionSelector, TextQuoteSelector } from '../../../contract.js';
import { invalidPayload } from '../../errors.js';
import { splitsSurrogatePair, widenToWholeCharacters } from './code-units.js';

/**
 * Where a highlight sits, after the W3C Web Annotation model as Hypothesis applies it: the quoted
 * words with a little context on each side (TextQuoteSelector) and their offsets in the section's
 * plain text (TextPositionSelector), plus the section's id.
 *
 * Offsets and lengths count UTF-16 code units (JavaScript string indices), not the code points the
 * W3C text asks for: the renderer's selection offsets and String#slice both count code units, so an
 * anchor is used as stored on either side. No offset falls inside a surrogate pair.
 */

/**
 * Code units of context kept on each side of a quote (one more when the cut would split a surrogate
 * pair). A prefix or suffix shorter than this reaches the edge of its section.
 */
export const CONTEXT_LENGTH = 32;

/** What a highlight needs to be found again; a contract Highlight is one. */
export interface Anchor {
  sectionId: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

function checkOffset(name: string, value: number, sectionText: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw invalidPayload(`The selection ${name} must be a whole number of at least 0, not ${value}.`);
  }
  if (value > sectionText.length) {
    throw invalidPayload(
      `The selection ${name} ${value} is past the end of the section's text (${sectionText.length} code units).`,
    );
  }
  if (splitsSurrogatePair(sectionText, value)) {
    throw invalidPayload(
      `The selection ${name} ${value} falls inside a character made of two UTF-16 code units (such as an emoji).`,
    );
  }
}

/** Builds the anchor of the selection [start, end) of a section's plain text. */
export function describeSelection(sectionText: string, start: number, end: number, sectionId: string): Anchor {
  if (typeof sectionId !== 'string' || sectionId === '') throw invalidPayload('A highlight needs a section id.');
  checkOffset('start', start, sectionText);
  checkOffset('end', end, sectionText);
  if (end <= start) {
    throw invalidPayload(`A highlight needs at least one character: the selection from ${start} to ${end} is empty.`);
  }
  const context = widenToWholeCharacters(
    sectionText,
    Math.max(0, start - CONTEXT_LENGTH),
    Math.min(sectionText.length, end + CONTEXT_LENGTH),
  );
  return {
    sectionId,
    quote: {
      type: 'TextQuoteSelector',
      exact: sectionText.slice(start, end),
      prefix: sectionText.slice(context.start, start),
      suffix: sectionText.slice(end, context.end),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}
