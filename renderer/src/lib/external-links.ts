/** Links Carrel hands to the operating system; everything else in course content stays inside. */
export function isExternalLink(href: string): boolean {
  return /^(https?:|mailto:|tel:)/i.test(href);
}
