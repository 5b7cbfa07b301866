/**
 * Escaping for the HTML the compiler writes, the way the sanitizer writes it too, so both give the
 * same bytes. Most strings have nothing to escape: one test finds out before any replacing.
 */
const TEXT_SPECIAL = /[&<>]/;
const ATTRIBUTE_SPECIAL = /[&<>"]/;

/** Text content: `&`, `<` and `>` escaped. */
export const escapeText = (text: string): string =>
  TEXT_SPECIAL.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;

/** An attribute value, always written in double quotes: `&`, `<`, `>` and `"` escaped. */
export const escapeAttribute = (value: string): string =>
  ATTRIBUTE_SPECIAL.test(value)
    ? value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    : value;
