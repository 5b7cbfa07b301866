/**
 * Python-Markdown's smarty: typewriter punctuation becomes typographic, in text only (never in
 * code). `---` is an em dash, `--` an en dash, `...` an ellipsis, and straight quotes curl open or
 * closed by what stands around them.
 *
 * The rules run one after the other over the text, as Python-Markdown runs them, and each rule's
 * result is held aside (between two private-use characters, where Python-Markdown uses STX and
 * ETX) until all have run: a later rule sees that something was replaced there, not the character
 * it became. The text is
 * already escaped for HTML (`&amp;`, `&lt;`, `&gt;`), which leaves every rule's answer unchanged:
 * those characters are punctuation either way.
 */

/** A letter, digit or underscore in any script: Python's `\w` on text. */
const WORD = String.raw`[\p{L}\p{N}_]`;
const PUNCTUATION = String.raw`[!"#$%&'()*+,\-./:;<=>?@\[\\\]^_` + '`' + String.raw`{|}~]`;
/** What a closing quote may follow: not a space, an opening bracket, a dash or something replaced. */
const CLOSE = String.raw`[^ \t\r\n\[{(\-\uE002\uE003]`;
/** What an opening quote may follow. */
const OPENING_BASE = String.raw`(\s|&nbsp;|--|–|—|&[mn]dash;|&#8211;|&#8212;)`;

/** Replaces one match: `groups` is the match and its capture groups; `hold` sets text aside. */
type Replacement = (groups: string[], hold: (text: string) => string) => string;
type Rule = [pattern: RegExp, replace: Replacement];

const rule = (source: string, replace: Replacement): Rule => [new RegExp(source, 'gu'), replace];
const held =
  (text: string): Replacement =>
  (_, hold) =>
    hold(text);

const RULES: Rule[] = [
  // Dashes first, em before en.
  rule(String.raw`(?<!-)---(?!-)`, held('—')),
  rule(String.raw`(?<!-)--(?!-)`, held('–')),
  // Quotes, in Python-Markdown's order.
  rule(String.raw`^'(?=${PUNCTUATION}(?!${WORD}))`, held('’')),
  rule(String.raw`^"(?=${PUNCTUATION}(?!${WORD}))`, held('”')),
  rule(String.raw`"'(?=${WORD})`, held('“‘')),
  rule(String.raw`'"(?=${WORD})`, held('‘“')),
  rule(String.raw`(?<!${WORD})'(?=\p{Nd}{2}s)`, held('’')),
  rule(String.raw`${OPENING_BASE}'(?=${WORD})`, (groups, hold) => groups[1]! + hold('‘')),
  rule(String.raw`(?<=${CLOSE})'(?!\s|s(?!${WORD})|\p{Nd})`, held('’')),
  rule(String.raw`(?<=${CLOSE})'(\s|s(?!${WORD}))`, (groups, hold) => hold('’') + groups[1]!),
  rule(String.raw`'`, held('‘')),
  rule(String.raw`${OPENING_BASE}"(?=${WORD})`, (groups, hold) => groups[1]! + hold('“')),
  rule(String.raw`"(?=\s)`, held('”')),
  rule(String.raw`(?<=${CLOSE})"`, held('”')),
  rule(String.raw`"`, held('“')),
  // Ellipses last.
  rule(String.raw`(?<!\.)\.{3}(?!\.)`, held('…')),
];

/** Whether the text has anything the rules change. */
const CANDIDATE = /--|['"]|\.\.\./;
const HELD = /\uE002(\d+)\uE003/g;

export function smarty(escapedText: string): string {
  if (!CANDIDATE.test(escapedText)) return escapedText;
  const heldTexts: string[] = [];
  const hold = (text: string) => `\uE002${heldTexts.push(text) - 1}\uE003`;
  // Characters the rules use to hold text aside cannot be text of the course.
  let text = escapedText.replace(/[\uE002\uE003]/g, '');
  for (const [pattern, replace] of RULES) {
    text = text.replace(pattern, (...match: unknown[]) => replace(match.slice(0, -2) as string[], hold));
  }
  return text.replace(HELD, (_, index: string) => heldTexts[Number(index)]!);
}
