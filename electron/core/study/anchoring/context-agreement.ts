import { contextEdits, contextReach } from './approximate-match.js';
import { CONTEXT_LENGTH } from './selectors.js';

/**
 * How well the text around a candidate agrees with a stored prefix or suffix. A stored context
 * shorter than CONTEXT_LENGTH reached the edge of its section, so the edge itself is part of what
 * is expected: it stands in as a run of code units that no text contains.
 */
const EDGE = '\uffff'.repeat(8);

export interface ContextAgreement {
  /** 1 when the context is found unchanged, 0 when it is no closer than unrelated text tends to be. */
  agreement: number;
  /** Code units of the stored context found again, discounted like `agreement`. */
  evidence: number;
}

/**
 * Unrelated prose still aligns with a context in places: a quarter of it typically, rarely more than
 * 40%. Only similarity above that counts as agreement.
 */
const CHANCE_SIMILARITY = 0.4;

function agreementOf(expected: string, edits: number): ContextAgreement {
  const similarity = 1 - edits / expected.length;
  const agreement = Math.max(0, (similarity - CHANCE_SIMILARITY) / (1 - CHANCE_SIMILARITY));
  return { agreement, evidence: agreement * expected.length };
}

export function prefixAgreement(prefix: string, text: string, start: number): ContextAgreement {
  const expected = (prefix.length < CONTEXT_LENGTH ? EDGE : '') + prefix;
  const from = start - contextReach(expected.length);
  const actual = from < 0 ? EDGE + text.slice(0, start) : text.slice(from, start);
  return agreementOf(expected, contextEdits(actual, expected, actual.length, actual.length, false)[0]!);
}

export function suffixAgreement(suffix: string, text: string, end: number): ContextAgreement {
  const expected = suffix + (suffix.length < CONTEXT_LENGTH ? EDGE : '');
  const to = end + contextReach(expected.length);
  const actual = to > text.length ? text.slice(end) + EDGE : text.slice(end, to);
  return agreementOf(expected, contextEdits(actual, expected, 0, 0, true)[0]!);
}
