/**
 * pymdownx.smartsymbols: typed stand-ins become the symbols they stand for, in text only (never in
 * code). Applied to text already escaped for HTML, so `<` and `>` appear as `&lt;` and `&gt;`.
 *
 *   (tm) ™   (c) ©   (r) ®   +/- ±   =/= ≠   c/o ℅   --> →   <-- ←   <--> ↔
 *   1/4 ¼  1/2 ½  3/4 ¾  1/3 ⅓ … 7/8 ⅞ (not inside longer numbers)   1st 2nd 3rd 4th 11th … (suffix raised)
 */
const SYMBOLS: Record<string, string> = {
  '(tm)': '™',
  '(c)': '©',
  '(r)': '®',
  '+/-': '±',
  '=/=': '≠',
  'c/o': '℅',
  '--&gt;': '→',
  '&lt;--': '←',
  '&lt;--&gt;': '↔',
  '1/4': '¼',
  '1/2': '½',
  '3/4': '¾',
  '1/3': '⅓',
  '2/3': '⅔',
  '1/5': '⅕',
  '2/5': '⅖',
  '3/5': '⅗',
  '4/5': '⅘',
  '1/6': '⅙',
  '5/6': '⅚',
  '1/8': '⅛',
  '3/8': '⅜',
  '5/8': '⅝',
  '7/8': '⅞',
};

const SYMBOL = new RegExp(
  [
    /\(tm\)|\(c\)|\(r\)|\+\/-|=\/=|\bc\/o\b/.source,
    // The two-headed arrow first; a single arrow not as part of a longer run of dashes.
    /&lt;--&gt;|(?<!-)--&gt;|&lt;--(?!-)/.source,
    /(?<!\d)(?:1\/[2-68]|2\/[35]|3\/[458]|4\/5|5\/[68]|7\/8)(?!\d)/.source,
    // Ordinals: 1st 2nd 3rd, 4th to 9th and 0th, 11th 12th 13th, with any leading digits.
    /\b(?<leading>(?:[1-9][0-9]*)?)(?<tail>(?<=1)[123]th|1st|2nd|3rd|[04-9]th)\b/.source,
  ].join('|'),
  'g',
);

/** Whether the text might hold a stand-in: most text has none of these characters. */
const CANDIDATE = /[()+=/-]|\d(?:st|nd|rd|th)/;

export function smartSymbols(escapedText: string): string {
  if (!CANDIDATE.test(escapedText)) return escapedText;
  return escapedText.replace(SYMBOL, (match, ...rest: unknown[]) => {
    const groups = rest.at(-1) as { leading?: string; tail?: string };
    if (groups.tail !== undefined)
      return `${groups.leading ?? ''}${groups.tail.slice(0, -2)}<sup>${groups.tail.slice(-2)}</sup>`;
    return SYMBOLS[match] ?? match;
  });
}
